import { describe, expect, it } from 'vitest';
import { EVENT_DEDUPE_TTL_MS, type MessageLike, quietReason } from '../../src/slack/quiet-rules.js';

const BOT = 'UBOT00001';
const person = (extra: Partial<MessageLike> = {}): MessageLike => ({
  user: 'U2147483697',
  text: 'sync fails with 0x80cf6008',
  ...extra,
});

describe('quietReason', () => {
  it('lets a person’s message through', () => {
    expect(quietReason(person(), BOT)).toBeUndefined();
  });

  it('lets a thread reply also sent to the channel through', () => {
    expect(quietReason(person({ subtype: 'thread_broadcast' }), BOT)).toBeUndefined();
  });

  it('lets a message with files attached through (a code pasted with a screenshot or a log)', () => {
    expect(quietReason(person({ subtype: 'file_share' }), BOT)).toBeUndefined();
  });

  it('stays out of files shared without any text, and of files a bot shares', () => {
    expect(quietReason(person({ subtype: 'file_share', text: '' }), BOT)).toBe('no-text');
    expect(quietReason(person({ subtype: 'file_share', bot_id: 'B0WORKFLOW' }), BOT)).toBe('bot');
    expect(quietReason(person({ subtype: 'file_share', text: `<@${BOT}> 0x80cf6008` }), BOT)).toBe(
      'mentions-bot',
    );
  });

  it('lets a /me message through: a person wrote it like any other', () => {
    expect(quietReason(person({ subtype: 'me_message' }), BOT)).toBeUndefined();
  });

  it.each(['message_changed', 'message_deleted', 'message_replied', 'channel_join'])(
    'stays out of a %s',
    (subtype) => {
      expect(quietReason(person({ subtype }), BOT)).toBe('subtype');
    },
  );

  it('never answers a bot, by subtype or by bot_id', () => {
    expect(quietReason(person({ subtype: 'bot_message', user: undefined }), BOT)).toBe('bot');
    expect(quietReason(person({ bot_id: 'B0WORKFLOW' }), BOT)).toBe('bot');
    expect(quietReason(person({ subtype: 'thread_broadcast', bot_id: 'B0WORKFLOW' }), BOT)).toBe('bot');
  });

  it('never answers itself', () => {
    expect(quietReason(person({ user: BOT }), BOT)).toBe('self');
  });

  it('stays out of messages without text', () => {
    expect(quietReason(person({ text: '' }), BOT)).toBe('no-text');
    expect(quietReason(person({ text: undefined }), BOT)).toBe('no-text');
  });

  it.each([
    `<@${BOT}> what is 0x80cf6008?`,
    `0x80cf6008, any idea <@${BOT}>`,
    `<@${BOT}|intune-err> 0x80cf6008`,
  ])('leaves a message that mentions the bot to the mention listener: %s', (text) => {
    expect(quietReason(person({ text }), BOT)).toBe('mentions-bot');
  });

  it('answers a message that mentions someone else', () => {
    expect(quietReason(person({ text: '<@UBOT000012> and <@U2147483698> see 0x80cf6008' }), BOT)).toBe(
      undefined,
    );
  });

  it('still answers people when the bot’s own id is not known yet', () => {
    expect(quietReason(person({ text: `<@${BOT}> 0x80cf6008` }), undefined)).toBeUndefined();
  });
});

describe('EVENT_DEDUPE_TTL_MS', () => {
  it('outlives Slack’s last retry (about five minutes after the first delivery) with room to spare', () => {
    expect(EVENT_DEDUPE_TTL_MS).toBeGreaterThanOrEqual(10 * 60 * 1000);
  });
});
