import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { blockKitProblems, liveSpans } from '../support/block-kit-limits.js';
import { fixture } from '../support/fixtures.js';
import {
  countShown,
  EN_USER,
  effects,
  FALLBACK_URL,
  HOSTILE,
  hugePaste,
  interact,
  knownCodes,
  LOCALES,
  SV_USER,
  shown,
  visible,
} from '../support/slack-events.js';
import { startTestBot, type TestBot } from '../support/start-app.js';

let t: TestBot;
beforeEach(async () => {
  t = await startTestBot({ AUTO_REPLY: 'off' }, { locales: LOCALES });
});
afterEach(async () => {
  await t.stop();
});

/** "Explain error codes" chosen on a message with `text`, by `user`. */
function shortcut(text?: string, user = EN_USER) {
  const body = fixture('message_action.explain_codes');
  if (text !== undefined) body.message.text = text;
  body.user.id = user;
  body.response_url = t.slack.responseUrl('shortcut');
  return body;
}

/** The one private answer, after checking nothing else reached anyone. */
async function onlyAnswer() {
  await t.slack.waitFor('response/shortcut');
  await t.slack.settle();
  expect(effects(t.slack).map((c) => c.method)).toEqual(['response/shortcut']);
  const answer = t.slack.callsOf('response/shortcut')[0];
  expect(answer?.args).toMatchObject({ response_type: 'ephemeral', replace_original: false });
  return answer;
}

describe('message shortcut “Explain error codes”', () => {
  it('explains the codes in that message privately, through the response_url', async () => {
    await interact(t.baseUrl, shortcut());
    const answer = await onlyAnswer();
    // The fixture: hr=-2133893112 (0x80CF6008 as a signed decimal), 0x80cf4017 and 0x87d1041c.
    for (const expected of ['0x80CF6008', 'OM_E_DM_FAILTOCONNECTTOBITS', '0x80CF4017', '0x87D1041C'])
      expect(visible(answer)).toContain(expected);
    expect(visible(answer)).toContain(FALLBACK_URL);
    expect(blockKitProblems(shown(answer))).toEqual([]);
  });

  it('explains an alert another bot posted', async () => {
    const body = shortcut('Device DESKTOP-42 reported 0x80246008');
    body.message = { type: 'message', subtype: 'bot_message', bot_id: 'B0MONITOR', ...body.message };
    delete body.message.user;
    await interact(t.baseUrl, body);
    const answer = visible(await onlyAnswer());
    expect(answer).toContain('0x80246008 WU_E_DM_FAILTOCONNECTTOBITS');
    expect(answer).toContain('0x80CF6008 OM_E_DM_FAILTOCONNECTTOBITS');
  });

  it('answers in the user’s Slack language', async () => {
    await interact(t.baseUrl, shortcut('0x80cf6008', SV_USER));
    expect(shown(await onlyAnswer()).text).toContain('hämtningshanteraren');
  });

  it('says so privately when the message has no code', async () => {
    await interact(t.baseUrl, shortcut('lunch at noon? ticket 4711'));
    const answer = await onlyAnswer();
    expect(shown(answer).text).toContain('I found no error codes');
    expect(visible(answer)).not.toContain('4711');
  });

  it('answers a message with no text (only attachments) without failing', async () => {
    const body = shortcut();
    delete body.message.text;
    body.message.attachments = [{ fallback: 'an image', id: 1 }];
    await interact(t.baseUrl, body);
    expect(shown(await onlyAnswer()).text).toContain('I found no error codes');
  });

  it('never brings a ping, a user mention or a forged link in the message back live', async () => {
    await interact(t.baseUrl, shortcut(`${HOSTILE.join(' ')} 0x80cf4017 <https://evil.test|0x80cf6008>`));
    const answer = await onlyAnswer();
    expect(visible(answer)).toContain('0x80CF4017');
    expect(liveSpans(shown(answer)).filter((s) => !s.startsWith(`<${FALLBACK_URL}|`))).toEqual([]);
    expect(visible(answer)).not.toContain('evil.test');
  });

  it('answers a 40,000-character message with ~60 codes in one valid message that says how many more', async () => {
    const codes = knownCodes(60);
    await interact(t.baseUrl, shortcut(hugePaste(codes)));
    const answer = await onlyAnswer();
    expect(blockKitProblems(shown(answer))).toEqual([]);
    expect(countShown(answer, codes).total).toBe(60);
  });
});
