/**
 * manifest.yml asks Slack for exactly what the code handles and uses, no more, no less:
 * it is valid against Slack's manifest schema (vendored in test/schemas), it agrees with
 * src/slack/registry.ts, and both agree with the listeners the real code registers and
 * the Web API methods it calls.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { App, Receiver, ReceiverEvent } from '@slack/bolt';
import { Ajv } from 'ajv';
import ajvFormats from 'ajv-formats';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { readConfig } from '../src/config.js';
import { InProcessSlack } from '../src/console/in-process-slack.js';
import { createSlackApp, EVENTS_PATH, registerListeners } from '../src/slack/app.js';
import type { SlackDeps } from '../src/slack/deps.js';
import {
  ACTION_DISMISS,
  ACTION_SHARE,
  ACTIONS,
  BOT_EVENTS,
  BOT_SCOPES,
  COMMAND,
  COMMANDS,
  MESSAGE_SHORTCUTS,
  SHORTCUT_EXPLAIN,
  WEB_API_METHODS,
} from '../src/slack/registry.js';
import { captureLog } from './support/capture-log.js';
import { catalog } from './support/catalog.js';
import { fixture } from './support/fixtures.js';

const ROOT = fileURLToPath(new URL('..', import.meta.url));

interface Manifest {
  display_information: { name: string };
  features: {
    app_home?: {
      home_tab_enabled?: boolean;
      messages_tab_enabled?: boolean;
      messages_tab_read_only_enabled?: boolean;
    };
    bot_user?: { display_name: string };
    slash_commands?: { command: string; description: string; url?: string; should_escape?: boolean }[];
    shortcuts?: { name: string; type: 'message' | 'global'; callback_id: string }[];
  };
  oauth_config: { scopes: { bot?: string[]; user?: string[] } };
  settings: {
    event_subscriptions?: { bot_events?: string[]; user_events?: string[]; request_url?: string };
    interactivity?: { is_enabled: boolean; request_url?: string };
    socket_mode_enabled?: boolean;
  };
}

const manifestText = readFileSync(join(ROOT, 'manifest.yml'), 'utf8');
const manifest = parse(manifestText) as Manifest;
const schema = JSON.parse(
  readFileSync(join(ROOT, 'test/schemas/slack-app-manifest.schema.1.0.0.json'), 'utf8'),
) as object;

function validator() {
  // strict: false because Slack's schema uses annotations Ajv does not know (it still validates every rule).
  const ajv = new Ajv({ allErrors: true, strict: false });
  // ajv-formats is CommonJS: under NodeNext its default import is module.exports, whose .default is the plugin.
  ajvFormats.default(ajv);
  return ajv.compile(schema);
}

/** What the real listener code registers: registerListeners run against a recorder instead of Bolt. */
function registeredListeners(): { kind: string; id: unknown }[] {
  const seen: { kind: string; id: unknown }[] = [];
  const recorder = new Proxy(
    {},
    {
      get(_target, kind) {
        return (id: unknown) => {
          seen.push({ kind: String(kind), id });
        };
      },
    },
  ) as App;
  registerListeners(recorder, {} as SlackDeps);
  return seen;
}

const sorted = (values: readonly string[] | undefined) => [...(values ?? [])].sort();

describe('manifest.yml', () => {
  it("is valid against Slack's app manifest schema", () => {
    const validate = validator();
    const valid = validate(manifest);
    expect(validate.errors ?? []).toEqual([]);
    expect(valid).toBe(true);
  });

  it('the schema check has teeth: a broken manifest fails it', () => {
    const validate = validator();
    const broken = structuredClone(manifest);
    (broken.features.slash_commands ?? [])[0] = { command: 'intune-err', description: 'no slash' };
    (broken.settings as Record<string, unknown>).socket_mode = true;
    expect(validate(broken)).toBe(false);
    const paths = (validate.errors ?? []).map((e) => e.instancePath);
    expect(paths).toContain('/features/slash_commands/0/command');
    expect(paths).toContain('/settings');
  });

  it('names the bot intune-err', () => {
    expect(manifest.display_information.name).toBe('intune-err');
    expect(manifest.features.bot_user?.display_name).toBe('intune-err');
  });

  it('has exactly the registry commands, and commands keep what people type (should_escape false)', () => {
    const commands = manifest.features.slash_commands ?? [];
    expect(sorted(commands.map((c) => c.command))).toEqual(sorted(COMMANDS));
    for (const c of commands) expect(c.should_escape).toBe(false);
  });

  it('has exactly the registry message shortcuts, and no global ones', () => {
    const shortcuts = manifest.features.shortcuts ?? [];
    expect(shortcuts.every((s) => s.type === 'message')).toBe(true);
    expect(sorted(shortcuts.map((s) => s.callback_id))).toEqual(sorted(MESSAGE_SHORTCUTS));
  });

  it('subscribes to exactly the registry bot events, and no user events', () => {
    expect(sorted(manifest.settings.event_subscriptions?.bot_events)).toEqual(sorted(BOT_EVENTS));
    expect(manifest.settings.event_subscriptions?.user_events ?? []).toEqual([]);
  });

  it('asks for exactly the registry bot scopes, and no user scopes', () => {
    expect(sorted(manifest.oauth_config.scopes.bot)).toEqual(sorted(BOT_SCOPES));
    expect(manifest.oauth_config.scopes.user ?? []).toEqual([]);
  });

  it('has interactivity on (Share and Dismiss buttons, the shortcut) and Socket Mode on by default', () => {
    expect(ACTIONS.length).toBeGreaterThan(0);
    expect(manifest.settings.interactivity?.is_enabled).toBe(true);
    expect(manifest.settings.socket_mode_enabled).toBe(true);
    // With Socket Mode on, Slack needs no request URLs; HTTP users set them in the app settings (README).
    expect(manifest.settings.event_subscriptions?.request_url).toBeUndefined();
    expect(manifest.settings.interactivity?.request_url).toBeUndefined();
  });
});

describe('manifest.yml: installing', () => {
  it('lets people DM the bot, since it subscribes to message.im: the Messages tab is on and not read-only', () => {
    expect(manifest.settings.event_subscriptions?.bot_events).toContain('message.im');
    expect(manifest.features.app_home?.messages_tab_enabled).toBe(true);
    expect(manifest.features.app_home?.messages_tab_read_only_enabled).toBe(false);
  });

  it('the schema check has teeth for the app home too', () => {
    const validate = validator();
    const broken = structuredClone(manifest) as unknown as {
      features: { app_home: Record<string, unknown> };
    };
    broken.features.app_home.messages_tab = true;
    expect(validate(broken)).toBe(false);
    expect((validate.errors ?? []).map((e) => e.instancePath)).toContain('/features/app_home');
  });

  it("the README's HTTP-mode manifest is valid, points every request URL at /slack/events over HTTPS, and turns Socket Mode off", () => {
    const readme = readFileSync(join(ROOT, 'README.md'), 'utf8');
    const section = readme.slice(readme.indexOf('### HTTP mode'));
    const block = /```yaml\n([\s\S]*?)```/.exec(section)?.[1];
    expect(block).toBeDefined();
    const http = overlay(manifest, parse(block ?? '')) as Manifest;
    const validate = validator();
    expect(validate(http) ? [] : validate.errors).toEqual([]);
    const urls = [
      ...(http.features.slash_commands ?? []).map((c) => c.url),
      http.settings.event_subscriptions?.request_url,
      http.settings.interactivity?.request_url,
    ];
    expect(urls).toHaveLength(3);
    for (const url of urls) expect(url).toMatch(new RegExp(`^https://[^/]+${EVENTS_PATH}$`));
    expect(http.settings.socket_mode_enabled).toBe(false);
    expect(http.settings.interactivity?.is_enabled).toBe(true);
    // Apart from the URLs, the README's command is manifest.yml's, word for word.
    expect((http.features.slash_commands ?? []).map(({ url: _url, ...rest }) => rest)).toEqual(
      manifest.features.slash_commands,
    );
    expect(http.settings.event_subscriptions?.bot_events).toEqual(
      manifest.settings.event_subscriptions?.bot_events,
    );
  });
});

/** `changes` laid over `base`: objects merge key by key, anything else (lists included) replaces. */
function overlay(base: unknown, changes: unknown): unknown {
  const isObject = (v: unknown): v is Record<string, unknown> =>
    typeof v === 'object' && v !== null && !Array.isArray(v);
  if (!isObject(base) || !isObject(changes)) return structuredClone(changes);
  const out: Record<string, unknown> = structuredClone(base);
  for (const [key, value] of Object.entries(changes)) out[key] = overlay(base[key], value);
  return out;
}

describe('the code and the manifest agree', () => {
  const listeners = registeredListeners();
  const ids = (kind: string) => listeners.filter((l) => l.kind === kind).map((l) => l.id);

  it('registers only listener kinds the manifest accounts for', () => {
    expect([...new Set(listeners.map((l) => l.kind))].sort()).toEqual([
      'action',
      'command',
      'event',
      'shortcut',
    ]);
  });

  it('every command the code listens to is in the manifest, and every manifest command has a listener', () => {
    const manifestCommands = (manifest.features.slash_commands ?? []).map((c) => c.command);
    expect(sorted(ids('command') as string[])).toEqual(sorted(manifestCommands));
  });

  it('every shortcut callback_id the code listens to is in the manifest, and the other way round', () => {
    const manifestShortcuts = (manifest.features.shortcuts ?? []).map((s) => s.callback_id);
    expect(sorted(ids('shortcut') as string[])).toEqual(sorted(manifestShortcuts));
  });

  it('every event the code listens to is subscribed, and every subscription has a listener', () => {
    // The manifest splits `message` by channel type: message.channels|groups|im|mpim.
    const subscribed = new Set(
      (manifest.settings.event_subscriptions?.bot_events ?? []).map((e) => e.split('.')[0]),
    );
    expect(sorted([...new Set(ids('event') as string[])])).toEqual(sorted([...subscribed]));
  });

  it('the buttons the code listens to are the registry actions (and need interactivity, which is on)', () => {
    expect(sorted(ids('action') as string[])).toEqual(sorted(ACTIONS));
    expect(sorted(ACTIONS)).toEqual(sorted([ACTION_SHARE, ACTION_DISMISS]));
  });

  it('the real listeners answer to exactly the registry names: its command, shortcut and buttons', () => {
    expect(ids('command')).toEqual([...COMMANDS]);
    expect(ids('shortcut')).toEqual([...MESSAGE_SHORTCUTS]);
    expect(sorted(ids('action') as string[])).toEqual(sorted(ACTIONS));
    expect(COMMAND).toBe('/intune-err');
    expect(SHORTCUT_EXPLAIN).toBe('explain_codes');
  });

  it('asks for exactly the scopes its events, commands, shortcuts and Web API methods (the registry) need', () => {
    // Slack's documented requirement for each thing the bot does.
    const EVENT_SCOPES: Record<string, string[]> = {
      app_mention: ['app_mentions:read'],
      'message.channels': ['channels:history'],
      'message.groups': ['groups:history'],
      'message.im': ['im:history'],
      'message.mpim': ['mpim:history'],
    };
    const needed = new Set<string>();
    for (const event of manifest.settings.event_subscriptions?.bot_events ?? []) {
      for (const scope of EVENT_SCOPES[event] ?? [`unknown event ${event}`]) needed.add(scope);
    }
    // Slash commands and shortcuts both need `commands`.
    if ((manifest.features.slash_commands ?? []).length + (manifest.features.shortcuts ?? []).length > 0) {
      needed.add('commands');
    }
    for (const scopes of Object.values(WEB_API_METHODS)) for (const scope of scopes) needed.add(scope);
    expect(sorted([...needed])).toEqual(sorted(manifest.oauth_config.scopes.bot));
  });

  it('the real app acks every manifest command and shortcut, and each registry button (a listener matched)', async () => {
    const app = realApp();
    for (const { command } of manifest.features.slash_commands ?? []) {
      const body = fixture('command.intune-err');
      body.command = command;
      body.response_url = 'http://console.invalid/response/1';
      expect(await app.acked(body), command).toBe(true);
    }
    for (const { callback_id } of manifest.features.shortcuts ?? []) {
      const body = fixture('message_action.explain_codes');
      body.callback_id = callback_id;
      body.response_url = 'http://console.invalid/response/2';
      expect(await app.acked(body), callback_id).toBe(true);
    }
    for (const action of ACTIONS) {
      const body = fixture('block_actions.share_answer');
      body.actions[0].action_id = action;
      body.response_url = 'http://console.invalid/response/3';
      expect(await app.acked(body), action).toBe(true);
    }
    // Everything went to the in-memory Slack (the response_url answers included), nothing to the network.
    expect(app.outputs.length).toBeGreaterThanOrEqual(2);
    // And the check can fail: nothing acks a command the app does not know.
    const unknown = fixture('command.intune-err');
    unknown.command = '/not-ours';
    expect(await app.acked(unknown)).toBe(false);
  });

  it('calls only registry Web API methods, and each of them, when driven through every surface', async () => {
    const app = realApp();
    const withResponseUrl = (name: string) => {
      const body = fixture(name);
      body.response_url = app.slack.responseUrl(name);
      return body;
    };
    const mention = fixture('event_callback.app_mention');
    mention.event.text = '<@UBOT00001> 0x80cf6008';
    const bareMention = fixture('event_callback.app_mention_in_thread');
    bareMention.event_id = 'Ev0MANIFEST2';
    bareMention.event.text = '<@UBOT00001> what is this?';
    const paste = fixture('event_callback.message');
    paste.event.text = 'sync fails with 0x80cf4017';
    const dismiss = withResponseUrl('block_actions.dismiss_answer');
    dismiss.message.user = 'UBOT00001';
    dismiss.message.bot_id = 'BBOT00001';
    for (const body of [
      withResponseUrl('command.intune-err'),
      mention,
      bareMention,
      paste,
      withResponseUrl('block_actions.share_answer'),
      dismiss,
      withResponseUrl('message_action.explain_codes'),
    ]) {
      expect(await app.acked(body)).toBe(true);
    }
    await app.drain();
    const called = new Set(app.slack.calls.map((c) => c.method).filter((m) => !m.startsWith('response/')));
    expect(sorted([...called])).toEqual(sorted(Object.keys(WEB_API_METHODS)));
  });
});

/** The real Bolt app (createSlackApp) with a receiver that reports whether a listener acked. */
function realApp() {
  class AckProbe implements Receiver {
    app: App | undefined;
    init(app: App) {
      this.app = app;
    }
    async start() {}
    async stop() {}
    async acked(body: Record<string, unknown>): Promise<boolean> {
      let acked = false;
      const event: ReceiverEvent = {
        body,
        ack: async () => {
          acked = true;
        },
      };
      const before = unhandled.length;
      await this.app?.processEvent(event);
      // The app acks what no listener of its handles too, but says so: that is no listener matching.
      return acked && unhandled.length === before;
    }
  }
  const { log, lines } = captureLog('info');
  const unhandled = {
    get length() {
      return lines.filter((l) => l.msg === 'payload the app does not handle; acknowledged').length;
    },
  };
  const probe = new AckProbe();
  const outputs: unknown[] = [];
  const slack = new InProcessSlack({
    history: true,
    botUserId: 'UBOT00001',
    botId: 'BBOT00001',
    userId: 'U2147483697',
    teamId: 'T0001',
    locale: 'en-US',
    onOutput: (output) => outputs.push(output),
  });
  const app = createSlackApp({
    config: {
      ...readConfig({}),
      slackBotToken: 'xoxb-manifest-test',
      slackApiUrl: 'http://console.invalid/api/',
    },
    catalog,
    log,
    receiver: probe,
    clientOptions: { fetch: slack.fetch, slackApiUrl: 'http://console.invalid/api/' },
    outbox: { perChannelIntervalMs: 0 },
  });
  return Object.assign(probe, { outputs, slack, drain: () => app.drain() });
}
