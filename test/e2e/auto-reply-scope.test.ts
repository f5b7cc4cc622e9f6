import { afterEach, describe, expect, it } from 'vitest';
import { readConfig } from '../../src/config.js';
import { EN_USER, LOCALES, messageEvent, onlyReply, send, visible } from '../support/slack-events.js';
import { startTestBot, type TestBot } from '../support/start-app.js';

let t: TestBot;
afterEach(async () => {
  await t?.stop();
});

async function pasteAndSettle(text: string) {
  await send(t.baseUrl, messageEvent({ text, user: EN_USER }));
  await t.slack.settle();
  return t.slack.callsOf('chat.postMessage');
}

describe('which pasted codes earn an auto-reply (AUTO_REPLY_SCOPE)', () => {
  it('answers any code it explains in words by default: a Win32 error pasted as an HRESULT', async () => {
    t = await startTestBot({}, { locales: LOCALES });
    await send(t.baseUrl, messageEvent({ text: 'KB5034441 fails with 0x80070643 again', user: EN_USER }));
    const reply = await onlyReply(t.slack);
    expect(visible(reply)).toContain('ERROR_INSTALL_FAILURE');
  });

  it('answers an Intune app status code pasted as the portal’s signed decimal', async () => {
    t = await startTestBot({}, { locales: LOCALES });
    await send(t.baseUrl, messageEvent({ text: 'Status -2016281112 on 40 devices', user: EN_USER }));
    expect(visible(await onlyReply(t.slack))).toContain('0x87D1FDE8');
  });

  it('stays quiet for a code it can only name or decode', async () => {
    t = await startTestBot({}, { locales: LOCALES });
    // ERROR_FILE_CHECKED_OUT (0x800700DC): the headers name it, nobody explains it; 0x8BADF00D: nobody knows it.
    expect(await pasteAndSettle('copy failed 0x800700dc, watchdog 0x8badf00d')).toEqual([]);
  });

  it('keeps to the Intune table and its Windows Update twins with AUTO_REPLY_SCOPE=intune', async () => {
    t = await startTestBot({ AUTO_REPLY_SCOPE: 'intune' }, { locales: LOCALES });
    expect(await pasteAndSettle('KB5034441 fails with 0x80070643 again')).toEqual([]);
    await send(t.baseUrl, messageEvent({ text: 'and now 0x8024402c', user: EN_USER }));
    expect(visible(await onlyReply(t.slack))).toContain('0x80CF402C');
  });

  it('refuses an unknown AUTO_REPLY_SCOPE at start-up, naming the variable', () => {
    expect(() => readConfig({ AUTO_REPLY_SCOPE: 'everything' })).toThrow(
      /AUTO_REPLY_SCOPE: must be one of explained, intune, got "everything"/,
    );
  });
});
