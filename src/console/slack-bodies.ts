/**
 * Builds the same payloads Slack would send for what the console's user does,
 * so the console exercises the real listeners rather than a second code path.
 */
export interface ConsoleIds {
  teamId: string;
  channelId: string;
  userId: string;
  /** The person at the console, as Slack would name them. */
  userName: string;
  botUserId: string;
  apiAppId: string;
}

let eventSequence = 0;
const eventId = () => `EvCONSOLE${String(++eventSequence).padStart(6, '0')}`;

export function slashCommandBody(
  ids: ConsoleIds,
  text: string,
  responseUrl: string,
): Record<string, unknown> {
  return {
    token: 'console',
    team_id: ids.teamId,
    team_domain: 'console',
    channel_id: ids.channelId,
    channel_name: 'console',
    user_id: ids.userId,
    user_name: ids.userName,
    command: '/intune-err',
    text,
    api_app_id: ids.apiAppId,
    is_enterprise_install: 'false',
    response_url: responseUrl,
    trigger_id: `console.${Date.now()}`,
  };
}

function eventCallback(ids: ConsoleIds, event: Record<string, unknown>): Record<string, unknown> {
  return {
    token: 'console',
    team_id: ids.teamId,
    api_app_id: ids.apiAppId,
    event,
    type: 'event_callback',
    event_id: eventId(),
    event_time: Math.floor(Date.now() / 1000),
    authorizations: [
      { team_id: ids.teamId, user_id: ids.botUserId, is_bot: true, is_enterprise_install: false },
    ],
    is_ext_shared_channel: false,
  };
}

/** A message the console's user wrote: `message` as every channel member's client sees it, `app_mention` when it names the bot. */
function userEventBody(
  type: 'message' | 'app_mention',
  ids: ConsoleIds,
  text: string,
  ts: string,
  threadTs?: string,
) {
  return eventCallback(ids, {
    type,
    channel: ids.channelId,
    ...(type === 'message' ? { channel_type: 'channel' } : {}),
    user: ids.userId,
    text,
    ts,
    event_ts: ts,
    team: ids.teamId,
    ...(threadTs ? { thread_ts: threadTs } : {}),
  });
}

export function messageEventBody(
  ids: ConsoleIds,
  text: string,
  ts: string,
  threadTs?: string,
): Record<string, unknown> {
  return userEventBody('message', ids, text, ts, threadTs);
}

export function appMentionEventBody(
  ids: ConsoleIds,
  text: string,
  ts: string,
  threadTs?: string,
): Record<string, unknown> {
  return userEventBody('app_mention', ids, text, ts, threadTs);
}

export interface ButtonPress {
  actionId: string;
  value: string | undefined;
  blockId: string | undefined;
  text: string;
  messageTs: string;
  threadTs: string | undefined;
  ephemeral: boolean;
}

export function blockActionBody(
  ids: ConsoleIds,
  press: ButtonPress,
  responseUrl: string,
): Record<string, unknown> {
  return {
    type: 'block_actions',
    user: { id: ids.userId, username: ids.userName, name: ids.userName, team_id: ids.teamId },
    api_app_id: ids.apiAppId,
    token: 'console',
    container: {
      type: 'message',
      message_ts: press.messageTs,
      channel_id: ids.channelId,
      is_ephemeral: press.ephemeral,
      ...(press.threadTs ? { thread_ts: press.threadTs } : {}),
    },
    trigger_id: `console.${Date.now()}`,
    team: { id: ids.teamId, domain: 'console' },
    channel: { id: ids.channelId, name: 'console' },
    ...(press.ephemeral
      ? {}
      : { message: { type: 'message', user: ids.botUserId, ts: press.messageTs, text: '' } }),
    response_url: responseUrl,
    actions: [
      {
        type: 'button',
        action_id: press.actionId,
        block_id: press.blockId ?? 'console',
        text: { type: 'plain_text', text: press.text },
        ...(press.value === undefined ? {} : { value: press.value }),
        action_ts: `${Date.now() / 1000}`,
      },
    ],
  };
}

/** The "Explain error codes" message shortcut, used on a message with this text. */
export function messageActionBody(
  ids: ConsoleIds,
  callbackId: string,
  message: { text: string; ts: string; user: string },
  responseUrl: string,
): Record<string, unknown> {
  return {
    type: 'message_action',
    token: 'console',
    action_ts: `${Date.now() / 1000}`,
    team: { id: ids.teamId, domain: 'console' },
    user: { id: ids.userId, username: ids.userName, team_id: ids.teamId, name: ids.userName },
    channel: { id: ids.channelId, name: 'console' },
    is_enterprise_install: false,
    enterprise: null,
    callback_id: callbackId,
    trigger_id: `console.${Date.now()}`,
    response_url: responseUrl,
    message_ts: message.ts,
    message: { type: 'message', text: message.text, user: message.user, ts: message.ts, team: ids.teamId },
  };
}
