import { describe, expect, it } from 'vitest';
import {
  EVENT_DEDUPE_TTL_MS,
  EventDeduper,
  type MessageLike,
  quietReason,
  ThreadCooldown,
} from '../../src/slack/quiet-rules.js';

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

describe('EventDeduper', () => {
  it('says true the first time an event id is seen, false after', () => {
    const dedupe = new EventDeduper();
    expect(dedupe.firstTime('Ev1')).toBe(true);
    expect(dedupe.firstTime('Ev1')).toBe(false);
    expect(dedupe.firstTime('Ev2')).toBe(true);
    expect(dedupe.size).toBe(2);
  });

  it('forgets ids after its time to live', () => {
    let clock = 1_000_000;
    const dedupe = new EventDeduper(100, 20, () => clock);
    expect(dedupe.firstTime('Ev1')).toBe(true);
    clock += 19;
    expect(dedupe.firstTime('Ev1')).toBe(false);
    clock += 2;
    expect(dedupe.firstTime('Ev1')).toBe(true);
  });

  it('still knows an event when Slack’s last retry comes 5 minutes later, at 600 events a second', () => {
    let clock = 1_000_000;
    const dedupe = new EventDeduper(undefined, undefined, () => clock);
    expect(dedupe.firstTime('Ev0FIRST')).toBe(true);
    // 5 minutes of other events, 600 a second.
    for (let s = 0; s < 5 * 60; s++) {
      for (let i = 0; i < 600; i++) dedupe.firstTime(`Ev${s}x${i}`);
      clock += 1000;
    }
    // Slack's retries of the first event: the last one about five minutes after the first delivery.
    expect(dedupe.firstTime('Ev0FIRST')).toBe(false);
    clock += 30_000;
    expect(dedupe.firstTime('Ev0FIRST')).toBe(false);
  });

  it('forgets an event by default once 10 minutes have passed, well after Slack’s last retry', () => {
    let clock = 1_000_000;
    const dedupe = new EventDeduper(undefined, undefined, () => clock);
    dedupe.firstTime('Ev1');
    clock += EVENT_DEDUPE_TTL_MS - 1;
    expect(dedupe.firstTime('Ev1')).toBe(false);
    clock += 2;
    expect(dedupe.firstTime('Ev1')).toBe(true);
    expect(EVENT_DEDUPE_TTL_MS).toBeGreaterThanOrEqual(10 * 60 * 1000);
  });

  it('keeps at most `max` ids', () => {
    const dedupe = new EventDeduper(3);
    for (const id of ['a', 'b', 'c', 'd']) dedupe.firstTime(id);
    expect(dedupe.size).toBe(3);
    expect(dedupe.firstTime('a')).toBe(true);
    expect(dedupe.firstTime('d')).toBe(false);
  });
});

describe('ThreadCooldown', () => {
  it('remembers a code per channel and thread', () => {
    const cooldown = new ThreadCooldown(60_000);
    cooldown.remember('C1', '1.0', ['0x80CF6008', '0x80CF4017']);
    expect(cooldown.isCooling('C1', '1.0', '0x80CF6008')).toBe(true);
    expect(cooldown.isCooling('C1', '1.0', '0x80CF4017')).toBe(true);
    expect(cooldown.isCooling('C1', '2.0', '0x80CF6008')).toBe(false);
    expect(cooldown.isCooling('C2', '1.0', '0x80CF6008')).toBe(false);
    expect(cooldown.isCooling('C1', '1.0', '0x80CF0001')).toBe(false);
  });

  it('does not confuse keys whose parts run together', () => {
    const cooldown = new ThreadCooldown(60_000);
    cooldown.remember('C1', '1.0', ['0x80CF6008']);
    expect(cooldown.isCooling('C11', '.0', '0x80CF6008')).toBe(false);
  });

  it('forgets codes a reply claimed but did not explain, and only those', () => {
    const cooldown = new ThreadCooldown(60_000);
    cooldown.remember('C1', '1.0', ['0x80CF6008', '0x80CF4017']);
    cooldown.forget('C1', '1.0', ['0x80CF4017']);
    expect(cooldown.isCooling('C1', '1.0', '0x80CF6008')).toBe(true);
    expect(cooldown.isCooling('C1', '1.0', '0x80CF4017')).toBe(false);
  });

  it('lets a code be explained again once the cooldown has passed', async () => {
    let clock = 1_000;
    const cooldown = new ThreadCooldown(20, undefined, () => clock);
    // lru-cache reads the clock at most once a millisecond (of real time): let that pass after each move.
    const move = (ms: number) => {
      clock += ms;
      return new Promise((r) => setTimeout(r, 2));
    };
    cooldown.remember('C1', '1.0', ['0x80CF6008']);
    await move(19);
    expect(cooldown.isCooling('C1', '1.0', '0x80CF6008')).toBe(true);
    await move(2);
    expect(cooldown.isCooling('C1', '1.0', '0x80CF6008')).toBe(false);
  });
});
