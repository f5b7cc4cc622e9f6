import { describe, expect, it } from 'vitest';
import { consoleText } from '../../src/console/console-text.js';
import { parseLine } from '../../src/console/parse-line.js';

describe('parseLine', () => {
  it.each([
    ['/intune-err 0x80cf6008', { type: 'command', text: '0x80cf6008' }],
    ['  /INTUNE-ERR   OM_E_DS_INUSE  ', { type: 'command', text: 'OM_E_DS_INUSE' }],
    ['/intune-err', { type: 'command', text: '' }],
    ['/intune-err help', { type: 'command', text: 'help' }],
    ['/intune-err\t-2133893112', { type: 'command', text: '-2133893112' }],
  ])('%j is the slash command', (line, expected) => {
    expect(parseLine(line)).toEqual(expected);
  });

  it.each([
    ['@intune-err what does OM_E_DS_INUSE mean?', 'what does OM_E_DS_INUSE mean?'],
    ['@Intune-Err: 0x80cf4017', '0x80cf4017'],
    ['@intune-err, 0x80cf4017', '0x80cf4017'],
    ['@intune-err', ''],
  ])('%j is a mention at the top level', (line, text) => {
    expect(parseLine(line)).toEqual({ type: 'mention', text, inThread: false });
  });

  it.each([
    ['> @intune-err', { type: 'mention', text: '', inThread: true }],
    ['>@intune-err 0x80cf6008', { type: 'mention', text: '0x80cf6008', inThread: true }],
    [
      '> still failing with 0x80cf4017',
      { type: 'message', text: 'still failing with 0x80cf4017', inThread: true },
    ],
  ])('%j is in the thread of the last message', (line, expected) => {
    expect(parseLine(line)).toEqual(expected);
  });

  it.each([
    'the sync failed again with 0x80cf4017 on three laptops',
    'hello',
    '/var/log/intune has 0x80cf6008',
    '@intune-errors are everywhere',
    'shared the logs',
  ])('%j is a channel message', (line) => {
    expect(parseLine(line)).toEqual({ type: 'message', text: line, inThread: false });
  });

  it.each([
    ['exit', 'exit'],
    ['QUIT', 'exit'],
    ['/exit', 'exit'],
    ['/quit', 'exit'],
    ['help', 'help'],
    ['/help', 'help'],
    ['?', 'help'],
    ['share', 'share'],
    [' Share ', 'share'],
    ['/share', 'share'],
    ['dismiss', 'dismiss'],
    ['/dismiss', 'dismiss'],
  ])('%j is the %s gesture', (line, type) => {
    expect(parseLine(line)).toEqual({ type });
  });

  it.each(['', '   ', '\t', '>', '> ', '>   '])('%j is empty', (line) => {
    expect(parseLine(line)).toEqual({ type: 'empty' });
  });

  it.each([
    ['/intune-error 0x80cf6008', '/intune-error'],
    ['/remind me', '/remind'],
    ['/giphy', '/giphy'],
  ])('%j is another command, which the console refuses as Slack would', (line, command) => {
    expect(parseLine(line)).toEqual({ type: 'unknown-command', command });
  });

  it('never throws, whatever is typed', () => {
    for (const line of ['\u0000', '\u202e@intune-err', '>'.repeat(1000), '/'.repeat(50), '@', '/']) {
      expect(() => parseLine(line)).not.toThrow();
    }
  });

  it.each(['en-US', 'sv-SE'])('the help in %s names every gesture', (locale) => {
    const help = consoleText(locale).help(['sv-SE', 'en-US']);
    for (const word of [
      '/intune-err',
      '@intune-err',
      '> ',
      '/explain <text>',
      '/lang',
      'sv-SE, en-US',
      'share',
      'dismiss',
      'help',
      'exit',
      'Ctrl-C',
      'Ctrl-D',
    ]) {
      expect(help).toContain(word);
    }
  });

  it.each([
    ['/explain the log says 0x80cf6008', { type: 'explain', text: 'the log says 0x80cf6008' }],
    ['/EXPLAIN\nline one\nline two', { type: 'explain', text: 'line one\nline two' }],
    ['/explain', { type: 'explain', text: '' }],
    ['/lang en-US', { type: 'lang', locale: 'en-US' }],
    ['lang sv', { type: 'lang', locale: 'sv' }],
    ['/lang', { type: 'lang', locale: undefined }],
    ['hjälp', { type: 'help' }],
  ])('%j is %j', (line, input) => {
    expect(parseLine(line)).toEqual(input);
  });

  it('a chat message that starts with "lang" stays a message', () => {
    expect(parseLine('lang is the wrong setting here')).toMatchObject({ type: 'message' });
  });
});
