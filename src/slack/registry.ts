/** The Share in channel button's action_id; its value is encoded by share-value.ts. */
export const ACTION_SHARE = 'share_answer';
/** The Dismiss button's action_id, on auto-replies. */
export const ACTION_DISMISS = 'dismiss_answer';

/** Everything the app handles; test/manifest.test.ts holds manifest.yml to exactly this. */
export const COMMAND = '/intune-err';
export const SHORTCUT_EXPLAIN = 'explain_codes';
export const ACTIONS = [ACTION_SHARE, ACTION_DISMISS] as const;
export const MESSAGE_SHORTCUTS = [SHORTCUT_EXPLAIN] as const;
export const COMMANDS = [COMMAND] as const;
/** Bot events as the manifest names them (message.* are one `message` listener in code). */
export const BOT_EVENTS = [
  'app_mention',
  'message.channels',
  'message.groups',
  'message.im',
  'message.mpim',
] as const;
export const BOT_SCOPES = [
  'commands',
  'chat:write',
  'app_mentions:read',
  'channels:history',
  'groups:history',
  'im:history',
  'mpim:history',
  'users:read',
] as const;
/**
 * Every Web API method the bot calls, with the bot scopes Slack documents for it; BOT_SCOPES is what
 * these and the events, commands and shortcuts above need, no more.
 */
export const WEB_API_METHODS = {
  'auth.test': [],
  'chat.postMessage': ['chat:write'],
  'chat.delete': ['chat:write'],
  'users.info': ['users:read'],
  // The bot reads threads in every channel type it answers in.
  'conversations.replies': ['channels:history', 'groups:history', 'im:history', 'mpim:history'],
} as const satisfies Record<string, readonly (typeof BOT_SCOPES)[number][]>;
