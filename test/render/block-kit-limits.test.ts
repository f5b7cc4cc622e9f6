import { describe, expect, it } from 'vitest';
import { blockKitProblems, liveSpans } from '../support/block-kit-limits.js';

// The validator guards every render and end-to-end test: it must see each broken limit.
const mrkdwn = (text: string) => ({ type: 'mrkdwn', text });
const plain = (text: string) => ({ type: 'plain_text', text });
const section = (text: string) => ({ type: 'section', text: mrkdwn(text) });
const button = (action_id: string, text = 'Go', value = 'v') => ({
  type: 'button',
  action_id,
  text: plain(text),
  value,
});

describe('blockKitProblems', () => {
  it('accepts a small valid message', () => {
    expect(blockKitProblems({ text: 'hi', blocks: [section('hi'), { type: 'divider' }] })).toEqual([]);
  });

  it.each([
    ['no fallback text', { text: '', blocks: [section('x')] }, 'missing fallback text'],
    ['fallback text too long', { text: 'x'.repeat(4001), blocks: [] }, 'characters > 4000'],
    [
      '51 blocks',
      { text: 't', blocks: Array.from({ length: 51 }, () => ({ type: 'divider' })) },
      '51 blocks',
    ],
    ['section text over 3,000', { text: 't', blocks: [section('x'.repeat(3001))] }, '3001 characters > 3000'],
    ['empty section text', { text: 't', blocks: [section('')] }, 'empty text'],
    ['section without text', { text: 't', blocks: [{ type: 'section' }] }, 'neither text nor fields'],
    [
      'header over 150',
      { text: 't', blocks: [{ type: 'header', text: plain('x'.repeat(151)) }] },
      '151 characters > 150',
    ],
    ['mrkdwn header', { text: 't', blocks: [{ type: 'header', text: mrkdwn('x') }] }, 'text type mrkdwn'],
    [
      '11 fields',
      { text: 't', blocks: [{ type: 'section', fields: Array.from({ length: 11 }, () => mrkdwn('f')) }] },
      '11 fields',
    ],
    [
      'a field over 2,000',
      { text: 't', blocks: [{ type: 'section', fields: [mrkdwn('x'.repeat(2001))] }] },
      '2001 characters > 2000',
    ],
    [
      'button text over 75',
      { text: 't', blocks: [{ type: 'actions', elements: [button('a', 'x'.repeat(76))] }] },
      '76 characters > 75',
    ],
    [
      'button value over 2,000',
      { text: 't', blocks: [{ type: 'actions', elements: [button('a', 'Go', 'v'.repeat(2001))] }] },
      'value 2001 characters',
    ],
    [
      'duplicate action ids',
      { text: 't', blocks: [{ type: 'actions', elements: [button('a'), button('a')] }] },
      'duplicate action_id a',
    ],
    [
      'more than 12,000 characters in all',
      { text: 't', blocks: Array.from({ length: 5 }, () => section('x'.repeat(2500))) },
      '12500 characters of text > 12000',
    ],
    [
      '11 context elements',
      { text: 't', blocks: [{ type: 'context', elements: Array(11).fill(mrkdwn('c')) }] },
      '11 elements',
    ],
    [
      'an unexpected block type',
      { text: 't', blocks: [{ type: 'video' }] },
      'a block type this bot does not send',
    ],
  ])('reports %s', (_, message, problem) => {
    const problems = blockKitProblems(message);
    expect(problems.join('\n')).toContain(problem);
  });
});

describe('liveSpans', () => {
  it.each([
    ['plain &amp; &lt;safe&gt;', []],
    ['see <https://x.example|list>', ['<https://x.example|list>']],
    ['hi <@U1> and <!here>', ['<@U1>', '<!here>']],
    ['stray < bracket', ['stray bracket in: stray < bracket']],
    ['bare & amp', ['unescaped & in: bare & amp']],
  ])('finds what Slack would make live in %j', (text, spans) => {
    expect(liveSpans({ text, blocks: [] })).toEqual(spans);
  });

  it('looks into sections, fields and context', () => {
    const message = {
      text: 't',
      blocks: [
        { type: 'section', text: mrkdwn('<!channel>'), fields: [mrkdwn('<@U2>')] },
        { type: 'context', elements: [mrkdwn('<#C1>')] },
      ],
    };
    expect(liveSpans(message)).toEqual(['<!channel>', '<@U2>', '<#C1>']);
  });
});
