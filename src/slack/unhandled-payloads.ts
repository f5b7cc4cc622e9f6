import { ACTIONS, COMMANDS, MESSAGE_SHORTCUTS } from './registry.js';

/**
 * A payload no listener of ours answers, and what Slack is to be told. `kind` says what it was
 * for the log (Slack's payload type, never its contents).
 */
export interface UnhandledPayload {
  kind: string;
  /** The acknowledgement: nothing, or an empty option list for a menu asking for options. */
  response: { options: [] } | undefined;
}

const has = (list: readonly string[], value: unknown): boolean =>
  typeof value === 'string' && list.includes(value);

/**
 * Bolt leaves a payload that no listener acknowledges open until Slack gives up (3 s; then a 404
 * and an error line). The app creates no modals, dialogs, menus or global shortcuts, so anything
 * Slack sends that is not our command, one of our buttons or our message shortcut is acknowledged
 * at once instead: someone else's view_submission, a stale button, a shortcut added in the app
 * settings but not in code. Events are not judged here: Bolt acknowledges every event itself.
 * Returns undefined for what our listeners handle.
 */
export function unhandledPayload(body: Record<string, unknown>): UnhandledPayload | undefined {
  if (body.event !== undefined) {
    // Bolt files anything with an `event` as one, and trips over one that is not an object (a 500).
    const event = body.event;
    return typeof event === 'object' && event !== null && !Array.isArray(event)
      ? undefined
      : { kind: 'event_callback', response: undefined };
  }
  const type = typeof body.type === 'string' ? body.type : undefined;
  if (body.command !== undefined) {
    return has(COMMANDS, body.command) ? undefined : { kind: 'command', response: undefined };
  }
  // Menus that load options (Bolt files anything with `name` here too, as it does).
  if (body.name !== undefined || type === 'block_suggestion' || type === 'dialog_suggestion') {
    return { kind: type ?? 'options', response: { options: [] } };
  }
  if (type === 'block_actions') {
    // Bolt hands listeners the first action of the payload.
    const first = Array.isArray(body.actions)
      ? (body.actions[0] as { action_id?: unknown } | undefined)
      : undefined;
    return has(ACTIONS, first?.action_id) ? undefined : { kind: 'block_actions', response: undefined };
  }
  if (type === 'message_action') {
    return has(MESSAGE_SHORTCUTS, body.callback_id) ? undefined : { kind: type, response: undefined };
  }
  return { kind: type ?? 'unknown', response: undefined };
}
