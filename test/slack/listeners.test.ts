import { describe, expect, it } from 'vitest';
import { registerListeners } from '../../src/slack/app.js';
import type { SlackDeps } from '../../src/slack/deps.js';
import { ListenerTable } from '../../src/slack/listeners.js';
import { fixture } from '../support/fixtures.js';

/** Every handler the app registers, each replaced by one that records its route when called. */
function recordingTable(): { table: ListenerTable; calls: string[] } {
  const calls: string[] = [];
  const table = new ListenerTable();
  // The app's own registrations, with their handlers swapped for recorders.
  registerListeners(
    {
      command: (name) => table.command(name, async () => void calls.push(`command ${name}`)),
      event: (type) => table.event(type, async () => void calls.push(`event ${type}`)),
      action: (id) => table.action(id, async () => void calls.push(`action ${id}`)),
      shortcut: (id) => table.shortcut(id, async () => void calls.push(`shortcut ${id}`)),
    },
    {} as SlackDeps,
  );
  return { table, calls };
}

async function deliver(body: Record<string, unknown>): Promise<string[]> {
  const { table, calls } = recordingTable();
  const handler = table.route(body);
  await handler?.({} as never);
  return calls;
}

describe('the listener table', () => {
  it.each([
    ['command.intune-err', 'command /intune-err'],
    ['event_callback.message', 'event message'],
    ['event_callback.message_in_thread', 'event message'],
    ['event_callback.bot_message', 'event message'],
    ['event_callback.app_mention', 'event app_mention'],
    ['block_actions.share_answer', 'action share_answer'],
    ['block_actions.dismiss_answer', 'action dismiss_answer'],
    ['message_action.explain_codes', 'shortcut explain_codes'],
  ])('sends %s to exactly one handler', async (name, expected) => {
    expect(await deliver(fixture(name))).toEqual([expected]);
  });

  it('sends what no handler answers nowhere', async () => {
    const channelJoin = fixture('event_callback.channel_join');
    (channelJoin.event as Record<string, unknown>).type = 'member_joined_channel';
    expect(await deliver(channelJoin)).toEqual([]);
    expect(await deliver({ ...fixture('command.intune-err'), command: '/other' })).toEqual([]);
    expect(await deliver({ type: 'block_actions', actions: [{ action_id: 'someone_elses' }] })).toEqual([]);
    expect(await deliver({ type: 'shortcut', callback_id: 'explain_codes' })).toEqual([]);
    expect(await deliver({ type: 'view_submission' })).toEqual([]);
  });

  it('refuses a second handler for the same route', () => {
    const table = new ListenerTable();
    table.command('/intune-err', async () => {});
    expect(() => table.command('/intune-err', async () => {})).toThrow(/two handlers/);
  });
});
