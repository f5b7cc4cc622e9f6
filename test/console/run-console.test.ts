/**
 * The console (npm start on a terminal without Slack credentials) driven through streams:
 * what is typed reaches the real Bolt listeners as Slack payloads; their answers come back as text.
 */
import { PassThrough } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { readConfig } from '../../src/config.js';
import { runConsole } from '../../src/console/run-console.js';
import { captureLog } from '../support/capture-log.js';
import { catalog } from '../support/catalog.js';

const PROMPT = 'you> ';

/** Types `lines` into a console and waits for it to end (at `exit`, or when the input ends). */
async function session(lines: string[], options: { env?: Record<string, string>; end?: boolean } = {}) {
  const input = new PassThrough();
  const output = new PassThrough();
  let text = '';
  output.on('data', (chunk) => {
    text += String(chunk);
  });
  const { log, lines: logs } = captureLog('warn');
  const config = readConfig({ DEFAULT_LOCALE: 'en-US', ...options.env });
  const done = runConsole({ config, catalog, log, input, output, color: false });
  input.write(lines.map((l) => `${l}\n`).join(''));
  if (options.end !== false) input.end();
  await done;
  const [welcome, ...answers] = text.split(PROMPT);
  return { output: text, answers: answers.map((a) => a.trim()), logs, welcome: welcome ?? '', input };
}

const FALLBACK = 'https://support.microsoft.com/help/938205/windows-update-error-code-list';

describe('runConsole', () => {
  it('greets with the table size and language, then prompts', async () => {
    const { welcome, answers } = await session(['exit']);
    expect(welcome).toContain(
      `intune-err console: ${catalog.explained.length} codes explained, answers in en-US`,
    );
    expect(welcome).toMatch(/help/);
    expect(answers).toEqual(['']);
  });

  it('/intune-err <code> answers privately, with a Share in channel button', async () => {
    const { answers } = await session(['/intune-err 0x80cf6008', 'exit']);
    const answer = answers[0] ?? '';
    expect(answer).toMatch(/^intune-err \(only visible to you\):/);
    expect(answer).toContain('0x80CF6008 OM_E_DM_FAILTOCONNECTTOBITS');
    expect(answer).toContain('Windows Update: 0x80246008 WU_E_DM_FAILTOCONNECTTOBITS');
    expect(answer).toContain(FALLBACK);
    expect(answer).toContain('[Share in channel]');
  });

  it('answers in DEFAULT_LOCALE', async () => {
    const { answers } = await session(['/intune-err 0x80cf6008', 'exit'], {
      env: { DEFAULT_LOCALE: 'sv-SE' },
    });
    expect(answers[0]).toContain('OM_E_DM_FAILTOCONNECTTOBITS');
    expect(answers[0]).not.toContain('A download manager operation failed');
  });

  it('/intune-err <word> searches; no match says so', async () => {
    const { answers } = await session(['/intune-err BITS', '/intune-err zzzqqq', 'exit']);
    expect(answers[0]).toContain('OM_E_DM_FAILTOCONNECTTOBITS');
    expect(answers[1]).toContain('Nothing found for zzzqqq');
  });

  it('/intune-err alone shows how to use it', async () => {
    const { answers } = await session(['/intune-err', 'exit']);
    expect(answers[0]).toContain('How to use /intune-err');
  });

  it('share posts the private answer to the channel, shared by the user, without buttons', async () => {
    const { answers } = await session(['/intune-err 0x80cf6008', 'share', 'exit']);
    const shared = answers[1] ?? '';
    expect(shared).toMatch(/^intune-err:\n/);
    expect(shared).toContain('Shared by');
    expect(shared).toContain('0x80CF6008 OM_E_DM_FAILTOCONNECTTOBITS');
    expect(shared).not.toContain('[Share in channel]');
  });

  it('share with nothing to share says so', async () => {
    const { answers } = await session(['share', 'dismiss', 'exit']);
    expect(answers[0]).toBe('(no answer with a "Share in channel" button yet)');
    expect(answers[1]).toBe('(no answer with a "Dismiss" button yet)');
  });

  it('a pasted known code gets an automatic reply in its thread, with a Dismiss button; dismiss removes it', async () => {
    const { answers } = await session([
      'the sync failed again with 0x80cf4017 on three laptops',
      'dismiss',
      'dismiss',
      'exit',
    ]);
    expect(answers[0]).toMatch(/^intune-err \(in thread\):/);
    expect(answers[0]).toContain('0x80CF4017 OM_E_PT_HTTP_STATUS_DENIED');
    expect(answers[0]).toContain('[Dismiss]');
    expect(answers[1]).toBe('intune-err: (reply dismissed)');
    // The button went with the reply.
    expect(answers[2]).toBe('(no answer with a "Dismiss" button yet)');
  });

  it('chatter without codes, and unknown numbers, get no reply', async () => {
    const { answers } = await session(['good morning all', 'ticket 12345 is about 0x12345678', 'exit']);
    expect(answers.slice(0, 2)).toEqual(['', '']);
  });

  it('@intune-err answers the codes in the mention, in the thread', async () => {
    const { answers } = await session(['@intune-err what does OM_E_DS_INUSE mean?', 'exit']);
    expect(answers[0]).toMatch(/^intune-err \(in thread\):/);
    expect(answers[0]).toContain('0x80CF8001 OM_E_DS_INUSE');
    // One answer for the mention, although Slack sends both a message and an app_mention event.
    expect(answers[0]?.match(/intune-err \(in thread\):/g)).toHaveLength(1);
  });

  it('@intune-err without codes at the top level gets the usage hint', async () => {
    const { answers } = await session(['@intune-err', 'exit']);
    expect(answers[0]).toContain('I found no error codes to explain here');
  });

  it('> @intune-err in a thread explains the codes posted earlier in it, once', async () => {
    const { answers } = await session([
      'the kiosk fails with 0x80cf6008 and 0x80cf4017',
      '> @intune-err',
      'exit',
    ]);
    // The paste got its automatic reply; the mention answers both codes of the thread.
    expect(answers[0]).toContain('0x80CF6008');
    expect(answers[1]).toMatch(/^intune-err \(in thread\):/);
    expect(answers[1]).toContain('0x80CF6008');
    expect(answers[1]).toContain('0x80CF4017');
    expect(answers[1]?.match(/intune-err \(in thread\):/g)).toHaveLength(1);
  });

  it('a code pasted again in the same thread is not explained twice (cooldown)', async () => {
    const { answers } = await session(['failing: 0x80cf6008', '> same here, 0x80cf6008', 'exit']);
    expect(answers[0]).toContain('0x80CF6008');
    expect(answers[1]).toBe('');
  });

  it('AUTO_REPLY=off: pastes stay unanswered, the command and mentions still work', async () => {
    const { answers } = await session(
      ['failing: 0x80cf6008', '> @intune-err', '/intune-err 0x80cf6008', 'exit'],
      {
        env: { AUTO_REPLY: 'off' },
      },
    );
    expect(answers[0]).toBe('');
    expect(answers[1]).toContain('0x80CF6008');
    expect(answers[2]).toContain('0x80CF6008');
  });

  it('help lists the gestures', async () => {
    const { answers } = await session(['help', 'exit']);
    expect(answers[0]).toContain('Type as you would in Slack');
    expect(answers[0]).toContain('share | dismiss');
  });

  it('exit ends the session: nothing typed after it is read', async () => {
    const { answers, input } = await session(['exit', '/intune-err 0x80cf6008'], { end: false });
    expect(answers).toEqual(['']);
    expect(input.writableEnded).toBe(false);
  });

  it('the end of input (Ctrl-D) ends the session too', async () => {
    const { answers } = await session(['/intune-err 0x80cf6008']);
    expect(answers[0]).toContain('0x80CF6008');
  });

  it('accepts Windows line endings', async () => {
    const input = ['/intune-err 0x80cf6008\r', 'exit\r'];
    const { answers } = await session(input);
    expect(answers[0]).toContain('0x80CF6008 OM_E_DM_FAILTOCONNECTTOBITS');
  });

  it('bad input gets a clear answer and the console carries on', async () => {
    const { answers, logs } = await session([
      '/intune-error 0x80cf6008',
      '/remind me later',
      '>',
      '',
      '/intune-err <!channel> <script>alert(1)</script>',
      `/intune-err ${'0x80cf6008 '.repeat(400)}`,
      '\u0000\u202e\uffff',
      '/intune-err 0x80cf4017',
      'exit',
    ]);
    expect(answers[0]).toBe('/intune-error is not a command here. Try /intune-err 0x80cf6008, or help.');
    expect(answers[1]).toBe('/remind is not a command here. Try /intune-err 0x80cf6008, or help.');
    expect(answers[2]).toBe('');
    expect(answers[3]).toBe('');
    expect(answers[4]).toContain('only visible to you');
    expect(answers[5]).toContain('0x80CF6008');
    expect(answers[7]).toContain('0x80CF4017 OM_E_PT_HTTP_STATUS_DENIED');
    expect(logs.filter((l) => (l.level as number) >= 50)).toEqual([]);
  });

  it('a 40,000-character paste is answered, not choked on', async () => {
    const paste = `${'x'.repeat(20_000)} 0x80cf6008 ${'y'.repeat(19_980)}`;
    const { answers } = await session([paste, 'exit']);
    expect(answers[0]).toContain('0x80CF6008');
  });
});

// biome-ignore lint/suspicious/noControlCharactersInRegex: terminal control sequences are what is removed
const ANSI = /\u001b\[[0-9;?]*[A-Za-z~]/g;

/**
 * A console on a terminal: input and output say they are TTYs, so readline edits lines
 * and sees keys (Ctrl-C, bracketed paste) as on a real one. `type` writes raw keystrokes.
 */
function terminalSession(options: { columns?: number; env?: Record<string, string> } = {}) {
  const input = Object.assign(new PassThrough(), { isTTY: true, setRawMode: () => input });
  const output = Object.assign(new PassThrough(), { isTTY: true, columns: options.columns ?? 200 });
  let raw = '';
  output.on('data', (chunk) => {
    raw += String(chunk);
  });
  const { log } = captureLog('warn');
  const config = readConfig({ DEFAULT_LOCALE: 'en-US', ...options.env });
  const done = runConsole({ config, catalog, log, input, output, color: false, userName: 'anna' });
  return {
    type: (keys: string) => input.write(keys),
    end: () => input.end(),
    done,
    raw: () => raw,
    text: () => raw.replace(ANSI, ''),
  };
}

describe('runConsole on a terminal', () => {
  it('turns bracketed paste on, and off again when the session ends', async () => {
    const t = terminalSession();
    t.type('exit\r');
    await t.done;
    expect(t.raw().indexOf('\u001b[?2004h')).toBeGreaterThanOrEqual(0);
    expect(t.raw().lastIndexOf('\u001b[?2004l')).toBeGreaterThan(t.raw().indexOf('\u001b[?2004h'));
  });

  it('a pasted multi-line log is one message, sent with Enter: one reply for all its codes', async () => {
    const t = terminalSession();
    t.type('\u001b[200~08:14 scan failed\r\n08:15 hr=0x80cf4017\r\n08:16 download 0x80cf6008\u001b[201~');
    t.type('\r');
    t.type('exit\r');
    await t.done;
    const replies = t.text().split('intune-err (in thread):');
    expect(replies).toHaveLength(2);
    expect(replies[1]).toContain('0x80CF4017');
    expect(replies[1]).toContain('0x80CF6008');
  });

  it('a paste after /explain is explained as one message', async () => {
    const t = terminalSession();
    t.type('/explain \u001b[200~line one 0x80070005\nline two 0x80cf4017\n\u001b[201~\r');
    t.type('exit\r');
    await t.done;
    const answers = t.text().split('intune-err (only visible to you):');
    expect(answers).toHaveLength(2);
    expect(answers[1]).toContain('0x80070005');
    expect(answers[1]).toContain('0x80CF4017');
    // No line of the paste went to the channel on its own.
    expect(t.text()).not.toContain('(in thread)');
  });

  it('Ctrl-C clears a half-typed line and the console carries on; Ctrl-C on an empty line quits', async () => {
    const t = terminalSession();
    t.type('checking 0x80cf4017\u0003');
    t.type('/intune-err 0x80cf6008\r');
    t.type('\u0003');
    await t.done;
    expect(t.text()).toContain('^C');
    expect(t.text()).toContain('0x80CF6008 OM_E_DM_FAILTOCONNECTTOBITS');
    expect(t.text()).not.toContain('OM_E_PT_HTTP_STATUS_DENIED');
  });

  it('Ctrl-C drops a paste not yet sent', async () => {
    const t = terminalSession();
    t.type('\u001b[200~failed 0x80cf4017\nagain\u001b[201~\u0003');
    t.type('/intune-err 0x80cf6008\r');
    t.type('exit\r');
    await t.done;
    expect(t.text()).toContain('OM_E_DM_FAILTOCONNECTTOBITS');
    expect(t.text()).not.toContain('OM_E_PT_HTTP_STATUS_DENIED');
  });

  it('Ctrl-D on an empty line quits', async () => {
    const t = terminalSession();
    t.type('\u0004');
    await t.done;
    expect(t.text()).toContain('intune-err console:');
  });

  it('wraps answers at the terminal width on word boundaries, keeping field indents', async () => {
    const t = terminalSession({ columns: 40 });
    t.type('/intune-err 0x80cf6008\r');
    t.type('exit\r');
    await t.done;
    const start = t.text().indexOf('intune-err (only visible to you):');
    const lines = t.text().slice(start).split(/\r?\n/);
    const description = lines.findIndex((l) => l.startsWith('A download manager'));
    expect(lines[description]).toBe('A download manager operation failed');
    expect(lines[description + 1]).toBe('because the download manager could not');
    // Only words wider than the terminal (the link) are longer than a line.
    for (const line of lines.filter((l) => !l.includes('https://')))
      expect(line.length).toBeLessThanOrEqual(40);
    expect(lines).toContain('  Windows Update: 0x80246008');
    expect(lines).toContain('  WU_E_DM_FAILTOCONNECTTOBITS');
  });
});

describe('runConsole: language', () => {
  it('the greeting says how to switch language', async () => {
    expect((await session(['exit'])).welcome).toContain('/lang sv-SE to switch language');
    const swedish = await session(['exit'], { env: { DEFAULT_LOCALE: 'sv-SE' } });
    expect(swedish.welcome).toContain('/lang en-US för att byta språk');
  });

  it('/lang switches the answers, the help and the console’s words at once; an unknown one names those there are', async () => {
    const { answers } = await session([
      '/lang sv',
      '/intune-err 0x80cf6008',
      'help',
      'dismiss',
      '/lang de',
      '/lang',
      'lang EN-us',
      '/intune-err 0x80cf6008',
      'exit',
    ]);
    expect(answers[0]).toBe('Svaren är nu på sv-SE.');
    expect(answers[1]).toMatch(/^intune-err \(bara synligt för dig\):/);
    expect(answers[1]).toContain('Hämtningshanterare');
    expect(answers[2]).toContain('Skriv som du skulle skriva i Slack');
    expect(answers[2]).toContain('/explain <text>');
    expect(answers[3]).toBe('(inget svar med knappen "Ta bort" än)');
    expect(answers[4]).toBe('Det finns ingen sida för "de". Välj ett av sv-SE, en-US (eller bara sv, en).');
    expect(answers[5]).toBe('Svaren är på sv-SE. Byt med /lang <språk>: sv-SE, en-US.');
    expect(answers[6]).toBe('Answers are now in en-US.');
    expect(answers[7]).toContain('A download manager operation failed');
  });

  it('the help follows the answer language', async () => {
    const { answers } = await session(['help', 'exit'], { env: { DEFAULT_LOCALE: 'sv-SE' } });
    expect(answers[0]).toContain('Skriv som du skulle skriva i Slack');
    expect(answers[0]).toContain('/lang <språk>');
  });
});

describe('runConsole: shortcut and sharing', () => {
  it('/explain <text> runs the message shortcut on that text: a private answer, no channel reply', async () => {
    const { answers } = await session(['/explain hr=0x80cf4017 in the agent log', 'exit']);
    expect(answers[0]).toMatch(/^intune-err \(only visible to you\):/);
    expect(answers[0]).toContain('0x80CF4017 OM_E_PT_HTTP_STATUS_DENIED');
    expect(answers[0]).not.toContain('(in thread)');
  });

  it('/explain alone explains the last message; with none yet it says how', async () => {
    // 0x8007DEAD: decoded only, so the paste itself draws no auto-reply.
    const { answers } = await session(['/explain', 'the laptop logs 0x8007dead', '/explain', 'exit']);
    expect(answers[0]).toBe('(no message to explain yet: try /explain <text>)');
    expect(answers[1]).toBe('');
    expect(answers[2]).toContain('0x8007DEAD');
    expect(answers[2]).toContain('Win32 error: 57005');
  });

  it('a shared answer names the person, not a user id', async () => {
    const input = new PassThrough();
    const output = new PassThrough();
    let text = '';
    output.on('data', (chunk) => {
      text += String(chunk);
    });
    const { log } = captureLog('warn');
    const config = readConfig({ DEFAULT_LOCALE: 'en-US' });
    const done = runConsole({ config, catalog, log, input, output, color: false, userName: 'anna' });
    input.end('/intune-err 0x80cf6008\nshare\nexit\n');
    await done;
    expect(text).toContain('Shared by @anna');
    expect(text).not.toMatch(/@U[A-Z0-9]+/);
  });

  it('does not wrap when the output is not a terminal', async () => {
    const { answers } = await session(['/intune-err 0x80cf6008', 'exit']);
    expect(answers[0]).toContain(
      'A download manager operation failed because the download manager could not connect to BITS',
    );
  });
});
