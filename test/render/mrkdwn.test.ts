import { describe, expect, it } from 'vitest';
import { escapeMrkdwn } from '../../src/render/blocks.js';
import { clip, dataText, echo, inlinesToMrkdwn, link, oneLine } from '../../src/render/mrkdwn.js';

describe('escapeMrkdwn', () => {
  it.each([
    ['plain words', 'plain words'],
    ['a & b', 'a &amp; b'],
    ['<!channel>', '&lt;!channel&gt;'],
    ['<@U024BE7LH>', '&lt;@U024BE7LH&gt;'],
    ['<https://evil.example|click>', '&lt;https://evil.example|click&gt;'],
    ['&lt;', '&amp;lt;'],
    ['', ''],
  ])('escapes %j as %j', (input, expected) => {
    expect(escapeMrkdwn(input)).toBe(expected);
  });
});

describe('dataText', () => {
  it('escapes and turns formatting markers into look-alikes', () => {
    expect(dataText('OM_E_PT_* <x> `y` ~z~')).toBe('OM_E_PT_\u2217 &lt;x&gt; \u02cby\u02cb \u223cz\u223c');
  });
});

describe('inlinesToMrkdwn', () => {
  it.each([
    [[{ text: 'plain', strong: false }], 'plain'],
    [
      [
        { text: 'policy ', strong: false },
        { text: 'DisableWindowsUpdateAccess', strong: true },
        { text: ' is set', strong: false },
      ],
      'policy *DisableWindowsUpdateAccess* is set',
    ],
    [[{ text: ' Update Agent ', strong: true }], ' *Update Agent* '],
    [
      [
        { text: 'A', strong: true },
        { text: 'B', strong: true },
      ],
      '*AB*',
    ],
    [[{ text: 'OM_E_PT_*', strong: true }], '*OM_E_PT_\u2217*'],
    [[{ text: '<!here> & co', strong: true }], '*&lt;!here&gt; &amp; co*'],
    [[{ text: '  ', strong: true }], '  '],
  ])('renders %j as %j', (inlines, expected) => {
    expect(inlinesToMrkdwn(inlines)).toBe(expected);
  });
});

describe('echo', () => {
  it.each([
    ['BITS', '`BITS`'],
    ['<!channel>', '`&lt;!channel&gt;`'],
    ['a `tick` b', '`a \u02cbtick\u02cb b`'],
    ['two\n\nlines\t here', '`two lines here`'],
    ['\u202e<!here>\u0007', '`&lt;!here&gt;`'],
    ['   ', '\u201c\u201d'],
  ])('shows %j as %j', (input, expected) => {
    expect(echo(input)).toBe(expected);
  });

  it('shortens a long query', () => {
    const out = echo('x'.repeat(500));
    expect(out).toHaveLength(102);
    expect(out.endsWith('\u2026`')).toBe(true);
  });
});

describe('clip', () => {
  it('leaves short text alone', () => {
    expect(clip('short', 10)).toBe('short');
  });

  it('never cuts an entity in half', () => {
    expect(clip('abcdef&amp;ghij', 9)).toBe('abcdef\u2026');
  });

  it('never cuts a surrogate pair in half', () => {
    expect(clip('abc\u{1F600}def', 5)).toBe('abc\u2026');
  });

  it('keeps within the limit', () => {
    for (let max = 2; max < 30; max++)
      expect(clip('a&amp;b'.repeat(10), max).length).toBeLessThanOrEqual(max);
  });
});

describe('oneLine', () => {
  it('collapses whitespace and cuts at a word', () => {
    expect(oneLine('one  two\nthree four five', 16)).toBe('one two three\u2026');
  });
});

describe('link', () => {
  it('escapes both sides so neither can end the link early', () => {
    expect(link('https://x.example/?a=1&b=<2>|3', 'A|B <c>')).toBe(
      '<https://x.example/?a=1&amp;b=&lt;2&gt;%7C3|A\u2223B &lt;c&gt;>',
    );
  });
});
