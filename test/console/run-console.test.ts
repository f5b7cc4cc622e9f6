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
    expect(welcome).toContain(`intune-err console: ${catalog.entries.length} codes, answers in en-US`);
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
