import { describe, expect, it } from 'vitest';
import { visibleText } from '../../src/slack/message-text.js';

describe('visibleText', () => {
  it('reads the text, the attachments an alert posts, and their fields', () => {
    const text = visibleText({
      text: '',
      attachments: [
        {
          pretext: 'Intune alert',
          title: 'Device LAPTOP-42 failed',
          text: 'Update failed',
          fallback: 'LAPTOP-42: 0x80cf6008',
          fields: [{ title: 'Error', value: '0x80070643', short: true }],
          footer: 'code 0x87d1041c',
          actions: [{ type: 'button', text: 'Retry 0x80cf4017', value: '0x80cf4017' }],
        },
      ],
    });
    for (const code of ['0x80cf6008', '0x80070643', '0x87d1041c']) expect(text).toContain(code);
    expect(text).not.toContain('0x80cf4017');
  });

  it('reads section, header, context and rich_text blocks, but no buttons or menus', () => {
    const text = visibleText({
      blocks: [
        { type: 'header', text: { type: 'plain_text', text: 'Sync 0x80cf6008' } },
        {
          type: 'section',
          text: { type: 'mrkdwn', text: '*hr* 0x80072ee2' },
          fields: [{ type: 'mrkdwn', text: '0x800f081f' }],
          accessory: { type: 'button', text: { type: 'plain_text', text: '0x80cf4017' }, value: 'x' },
        },
        { type: 'context', elements: [{ type: 'mrkdwn', text: 'seen 0xc1900101' }] },
        {
          type: 'rich_text',
          elements: [
            {
              type: 'rich_text_section',
              elements: [
                { type: 'text', text: 'log: ' },
                { type: 'text', text: '0x80070005', style: { code: true } },
              ],
            },
            { type: 'rich_text_preformatted', elements: [{ type: 'text', text: 'Error 0x8024402c' }] },
            {
              type: 'rich_text_list',
              style: 'bullet',
              elements: [
                {
                  type: 'rich_text_section',
                  elements: [{ type: 'link', url: 'https://x.example', text: 'KB 0x80240017' }],
                },
              ],
            },
          ],
        },
        {
          type: 'actions',
          elements: [
            { type: 'button', text: { type: 'plain_text', text: '0x80cf4018' }, value: '0x80cf4018' },
          ],
        },
      ],
    });
    for (const code of [
      '0x80cf6008',
      '0x80072ee2',
      '0x800f081f',
      '0xc1900101',
      '0x80070005',
      '0x8024402c',
      '0x80240017',
    ])
      expect(text).toContain(code);
    expect(text).not.toContain('0x80cf4017');
    expect(text).not.toContain('0x80cf4018');
  });

  it('takes anything for a message, and gives nothing for what is not one', () => {
    for (const odd of [null, undefined, 42, 'text', [], { attachments: 'x', blocks: [null, 1, { type: 5 }] }])
      expect(visibleText(odd)).toBe('');
  });

  it('stays bounded for a hostile, deeply nested block', () => {
    let node: Record<string, unknown> = { type: 'text', text: '0x80cf6008' };
    for (let i = 0; i < 10_000; i++) node = { type: 'rich_text_section', elements: [node] };
    expect(visibleText({ blocks: [{ type: 'rich_text', elements: [node] }] })).toBe('');
    const huge = visibleText({ text: 'x'.repeat(500_000), attachments: [{ text: 'y'.repeat(500_000) }] });
    expect(huge.length).toBeLessThanOrEqual(100_001);
  });
});
