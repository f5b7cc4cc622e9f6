/**
 * Interactivity payloads the app never creates (modals, dialogs, menus, global shortcuts, legacy
 * attachment buttons), and ones that name ids it does not know, shaped as Slack delivers them:
 * each has the members of Slack's published sample for its type, with concrete values.
 */
import { CHANNEL, EN_USER } from './slack-events.js';

const TEAM = { id: 'T0000FAKE', domain: 'fake' };
const USER = { id: EN_USER, username: 'ada', name: 'ada', team_id: 'T0000FAKE' };
const CHANNEL_REF = { id: CHANNEL, name: 'it-support' };

function view(callbackId: string): Record<string, unknown> {
  return {
    id: 'V0000VIEW1',
    team_id: TEAM.id,
    type: 'modal',
    title: { type: 'plain_text', text: 'Someone else’s modal', emoji: true },
    submit: { type: 'plain_text', text: 'Submit', emoji: true },
    close: { type: 'plain_text', text: 'Cancel', emoji: true },
    blocks: [],
    private_metadata: '',
    callback_id: callbackId,
    external_id: '',
    state: { values: {} },
    hash: '1764000000.abcdefgh',
    clear_on_close: false,
    notify_on_close: true,
    submit_disabled: false,
    root_view_id: 'V0000VIEW1',
    previous_view_id: null,
    app_id: 'A0INTUNEERR',
    app_installed_team_id: TEAM.id,
    bot_id: 'BBOT00001',
  };
}

export interface ForeignPayload {
  what: string;
  payload: Record<string, unknown>;
  /** What the acknowledgement must carry: nothing, or an empty option list. */
  ack: 'empty' | 'no options';
}

/** Fresh payloads (response_url pointing at `responseUrl`) each time it is called. */
export function foreignPayloads(responseUrl: string): ForeignPayload[] {
  const base = { team: TEAM, user: USER, api_app_id: 'A0INTUNEERR', token: 'verification-token-fake' };
  return [
    {
      what: 'a view_submission',
      ack: 'empty',
      payload: {
        type: 'view_submission',
        ...base,
        trigger_id: '1.2.trigger',
        view: view('someone_elses_modal'),
        response_urls: [],
        is_enterprise_install: false,
      },
    },
    {
      what: 'a view_closed',
      ack: 'empty',
      payload: { type: 'view_closed', ...base, view: view('someone_elses_modal'), is_cleared: false },
    },
    {
      what: 'a dialog_submission',
      ack: 'empty',
      payload: {
        type: 'dialog_submission',
        callback_id: 'old_dialog',
        submission: { comment: 'a value' },
        state: '',
        ...base,
        channel: CHANNEL_REF,
        action_ts: '1764000000.000001',
        response_url: responseUrl,
        is_enterprise_install: false,
      },
    },
    {
      what: 'a dialog_cancellation',
      ack: 'empty',
      payload: {
        type: 'dialog_cancellation',
        ...base,
        action_ts: '1764000000.000002',
        channel: CHANNEL_REF,
        callback_id: 'old_dialog',
        response_url: responseUrl,
        state: '',
        is_enterprise_install: false,
      },
    },
    {
      what: 'a dialog_suggestion',
      ack: 'no options',
      payload: {
        type: 'dialog_suggestion',
        ...base,
        action_ts: '1764000000.000003',
        channel: CHANNEL_REF,
        name: 'external_select',
        value: 'pri',
        callback_id: 'old_dialog',
        is_enterprise_install: false,
      },
    },
    {
      what: 'a block_suggestion',
      ack: 'no options',
      payload: {
        type: 'block_suggestion',
        ...base,
        container: { type: 'view', view_id: 'V0000VIEW1' },
        action_id: 'pick_device',
        block_id: 'device',
        value: 'lap',
        view: view('someone_elses_modal'),
      },
    },
    {
      what: 'an interactive_message (legacy attachment button)',
      ack: 'empty',
      payload: {
        type: 'interactive_message',
        actions: [{ name: 'approve', type: 'button', value: 'yes' }],
        callback_id: 'legacy_buttons',
        ...base,
        channel: CHANNEL_REF,
        action_ts: '1764000000.000004',
        message_ts: '1764000000.000005',
        attachment_id: '1',
        is_app_unfurl: false,
        original_message: { type: 'message', text: 'Approve?', ts: '1764000000.000005' },
        response_url: responseUrl,
        trigger_id: '1.2.trigger',
      },
    },
    {
      what: 'a block_actions with an unknown action_id',
      ack: 'empty',
      payload: {
        type: 'block_actions',
        ...base,
        container: {
          type: 'message',
          message_ts: '1764000000.000006',
          channel_id: CHANNEL,
          is_ephemeral: false,
        },
        trigger_id: '1.2.trigger',
        channel: CHANNEL_REF,
        message: { type: 'message', text: 'an old message', ts: '1764000000.000006', user: 'UBOT00001' },
        response_url: responseUrl,
        actions: [
          {
            type: 'button',
            action_id: 'retired_button',
            block_id: 'b1',
            text: { type: 'plain_text', text: 'Old', emoji: true },
            value: 'x',
            action_ts: '1764000000.000007',
          },
        ],
        state: { values: {} },
      },
    },
    {
      what: 'a block_actions with no actions',
      ack: 'empty',
      payload: {
        type: 'block_actions',
        ...base,
        trigger_id: '1.2.trigger',
        actions: [],
        response_url: responseUrl,
      },
    },
    {
      what: 'a message shortcut with an unknown callback_id',
      ack: 'empty',
      payload: {
        type: 'message_action',
        callback_id: 'summarise_thread',
        trigger_id: '1.2.trigger',
        message_ts: '1764000000.000008',
        response_url: responseUrl,
        message: {
          type: 'message',
          user: 'U2147483698',
          text: 'sync fails 0x80cf6008',
          ts: '1764000000.000008',
        },
        channel: CHANNEL_REF,
        ...base,
        action_ts: '1764000000.000009',
        is_enterprise_install: false,
      },
    },
    {
      what: 'a global shortcut',
      ack: 'empty',
      payload: {
        type: 'shortcut',
        callback_id: 'open_ticket',
        trigger_id: '1.2.trigger',
        ...base,
        action_ts: '1764000000.000010',
        is_enterprise_install: false,
      },
    },
    {
      what: 'a payload of a type Slack has not told us about',
      ack: 'empty',
      payload: { type: 'something_new', ...base },
    },
  ];
}
