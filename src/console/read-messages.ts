import { createInterface, emitKeypressEvents, type Interface } from 'node:readline';
import type { Readable, Writable } from 'node:stream';

/** Terminals wrap a paste in these once asked to (bracketed paste mode). */
const PASTE_ON = '\u001b[?2004h';
const PASTE_OFF = '\u001b[?2004l';

export interface MessageReader {
  /** What the person sends, one message at a time; ends on exit, Ctrl-D or Ctrl-C on an empty line. */
  messages: AsyncIterable<string>;
  prompt(): void;
  /** Ends the session and gives the terminal back as it was. */
  close(): void;
}

/**
 * The console's input as messages rather than lines. On a terminal, a paste is
 * part of the message being typed, however many lines it has (as in Slack's
 * composer: Enter sends it), and Ctrl-C clears a half-typed message; off a
 * terminal (tests, pipes) each line is a message.
 */
export function readMessages(input: Readable, output: Writable, prompt: string): MessageReader {
  const terminal = (input as { isTTY?: boolean }).isTTY === true;
  // As readline itself decides: a dumb terminal gets no control sequences, so it shows none as junk.
  const bracketedPaste = terminal && process.env.TERM !== 'dumb';
  let pasting = false;
  let pasted: string[] = [];
  const onKey = (_: unknown, key: { name?: string } | undefined) => {
    if (key?.name === 'paste-start') pasting = true;
    else if (key?.name === 'paste-end') pasting = false;
  };
  if (terminal) {
    // Listening before readline does: a paste's lines must be known as such when readline emits them.
    emitKeypressEvents(input);
    input.on('keypress', onKey);
    if (bracketedPaste) output.write(PASTE_ON);
  }
  const rl: Interface = createInterface({ input, output, terminal, prompt });

  const queue: string[] = [];
  let closed = false;
  let wake: (() => void) | undefined;
  const push = (message: string) => {
    queue.push(message);
    wake?.();
  };
  rl.on('line', (line) => {
    if (pasting) {
      pasted.push(line);
      return;
    }
    push(pasted.length > 0 ? [...pasted, line].join('\n') : line);
    pasted = [];
  });
  rl.on('SIGINT', () => {
    if (rl.line === '' && pasted.length === 0) {
      rl.close();
      return;
    }
    // As a shell does: the cut message stays on screen, marked, and a fresh prompt follows.
    pasted = [];
    rl.write(null, { ctrl: true, name: 'e' });
    output.write('^C\n');
    rl.write(null, { ctrl: true, name: 'u' });
  });
  rl.on('close', () => {
    closed = true;
    input.off('keypress', onKey);
    if (bracketedPaste) output.write(PASTE_OFF);
    wake?.();
  });

  async function* messages(): AsyncGenerator<string> {
    for (;;) {
      const next = queue.shift();
      if (next !== undefined) yield next;
      else if (closed) return;
      else
        await new Promise<void>((resolve) => {
          wake = resolve;
        });
      wake = undefined;
    }
  }
  return { messages: messages(), prompt: () => rl.prompt(), close: () => rl.close() };
}
