import type { LoadRequest } from './load.js';

/** Adds Slack's signature headers to a body (test/support/sign.ts does the signing). */
export type Signer = (body: string) => Record<string, string>;

export const TEAM = 'T0BENCH01';
export const APP = 'A0BENCH01';
export const BOT_USER = 'U0BENCHBOT';

/** `/intune-err <text>` as Slack posts it: a form, signed, to the events endpoint. */
export function slashCommand(sign: Signer, user: string, text: string, responseUrl: string): LoadRequest {
  const body = new URLSearchParams({
    token: 'deprecated-verification-token',
    team_id: TEAM,
    team_domain: 'contoso-it',
    channel_id: 'C0SUPPORT1',
    channel_name: 'intune-support',
    user_id: user,
    user_name: `admin-${user.toLowerCase()}`,
    command: '/intune-err',
    text,
    api_app_id: APP,
    is_enterprise_install: 'false',
    response_url: responseUrl,
    trigger_id: `${Date.now()}.1234567890.abcdef0123456789`,
  }).toString();
  return {
    path: '/slack/events',
    headers: { 'content-type': 'application/x-www-form-urlencoded', ...sign(body) },
    body,
  };
}

let sequence = 0;

/** A message timestamp, unique within the run, in Slack's "seconds.micro" form. */
export function messageTs(): string {
  sequence += 1;
  return `${Math.floor(Date.now() / 1000)}.${String(sequence % 1_000_000).padStart(6, '0')}`;
}

interface EventFields {
  type: 'message' | 'app_mention';
  channel: string;
  user: string;
  text: string;
  ts: string;
  eventId: string;
  threadTs?: string;
}

/** An Events API delivery (`event_callback`) for a message or a mention, signed. */
export function eventCallback(sign: Signer, fields: EventFields): LoadRequest {
  const event: Record<string, unknown> = {
    type: fields.type,
    user: fields.user,
    text: fields.text,
    ts: fields.ts,
    channel: fields.channel,
    event_ts: fields.ts,
    team: TEAM,
    client_msg_id: `0b1c2d3e-4f50-6172-8394-${fields.eventId.slice(-12).padStart(12, '0')}`,
    blocks: [
      {
        type: 'rich_text',
        block_id: 'b1',
        elements: [{ type: 'rich_text_section', elements: [{ type: 'text', text: fields.text }] }],
      },
    ],
  };
  if (fields.type === 'message') event.channel_type = 'channel';
  if (fields.threadTs) event.thread_ts = fields.threadTs;
  const body = JSON.stringify({
    token: 'deprecated-verification-token',
    team_id: TEAM,
    context_team_id: TEAM,
    api_app_id: APP,
    event,
    type: 'event_callback',
    event_id: fields.eventId,
    event_time: Math.floor(Date.now() / 1000),
    authorizations: [
      { enterprise_id: null, team_id: TEAM, user_id: BOT_USER, is_bot: true, is_enterprise_install: false },
    ],
    is_ext_shared_channel: false,
    event_context: `4-bench-${fields.eventId}`,
  });
  return { path: '/slack/events', headers: { 'content-type': 'application/json', ...sign(body) }, body };
}

/** What people paste into a support channel: a sentence and a log excerpt with codes. */
export const PASTES = [
  'Sync fails on three laptops since this morning:\n```\n2026-11-24 08:12:03 Agent * WARNING: download failed, hr = 0x80cf6008\n```',
  'Same here, PowerShell says HResult -2133893112 after the reboot',
  'Device shows OM_E_DM_FAILTOCONNECTTOBITS in the portal, then 0x80cf4017 on retry',
  'client log: result 80cf0019 for update {6d010770-feac-748c-2a08-1f2c0b100992}',
  'WU side reports 0x80246008 and the agent 0x80cf7003, any idea?',
];
