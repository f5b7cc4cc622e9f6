/**
 * When an admin gives Slack the bot's events URL (HTTP mode, README "HTTP mode"), Slack checks it
 * at once with a signed url_verification challenge: the running bot must echo the challenge back.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { postEvent } from '../support/sign.js';
import { startTestBot, type TestBot } from '../support/start-app.js';

let t: TestBot;
beforeAll(async () => {
  t = await startTestBot();
});
afterAll(async () => {
  await t?.stop();
});

const challenge = (value: string) => ({
  token: 'Jhj5dZrVaK7ZwHHjRyZWjbDl',
  challenge: value,
  type: 'url_verification',
});

describe("Slack's URL verification", () => {
  it('answers a signed challenge with the challenge, and sends Slack nothing', async () => {
    const before = t.slack.calls.length;
    const res = await postEvent(t.baseUrl, challenge('3eZbrw1aBm2rZgRNFdxV2595E9CY3gmdALWMmHkvFXO7tYXAYM8P'));
    expect(res.status).toBe(200);
    expect(res.json()).toEqual({ challenge: '3eZbrw1aBm2rZgRNFdxV2595E9CY3gmdALWMmHkvFXO7tYXAYM8P' });
    expect(t.slack.calls.slice(before)).toEqual([]);
  });

  it('refuses a challenge that is not signed with the signing secret', async () => {
    const res = await postEvent(t.baseUrl, challenge('forged'), { secret: 'not-the-signing-secret' });
    expect(res.status).toBe(401);
    expect(res.text).not.toContain('forged');
  });
});
