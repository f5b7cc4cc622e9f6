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
