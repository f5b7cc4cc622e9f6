/** How a code was written: the forms admins copy out of portals, logs and PowerShell. */
export type CodeForm = 'hex' | 'bare-hex' | 'decimal' | 'signed-decimal' | 'name';

export interface CodeToken {
  /** Exactly as written (never rendered unescaped). */
  raw: string;
  /** Offset in the (invisible-character-free) text. */
  index: number;
  form: CodeForm;
  /** The 32-bit value; for a name, undefined until the catalog resolves it. */
  value: number | undefined;
  /** Upper-cased symbolic name, for the `name` form. */
  name: string | undefined;
  /** Hex digits written after 0x (1 to 8); 0 for other forms. */
  digits: number;
  /** A setup extend code written after it (`0xC1900101 - 0x4000D`): phase and operation. */
  extend?: number;
}

// One pass, bounded alternatives, no nested quantifiers: linear in the input.
// The boundaries keep codes out of words, longer hex runs, hashes and GUIDs; an
// underscore bounds a number (Slack's _italics_) but belongs to a symbolic name.
// Unsigned decimals need 7 digits: below 1,000,000 the facility is 0 to 15, never
// Intune's (0xCF) nor Windows Update's (0x24), so no such number is a code, and logs
// are full of them (times, process ids); matching each one made pastes slow to scan.
// A name is at most 100 characters after its prefix (the longest real one has 50): a
// longer word is not a name, and upper-casing a huge one cost far more than scanning it.
const TOKEN =
  /(?:(?<![0-9A-Za-z])(?:0x([0-9A-Fa-f]{1,8})(?![0-9A-Za-z])|(-[0-9]{1,10}|[0-9]{7,10})(?![0-9A-Za-z]|-[0-9A-Fa-f])|(?<!-)([0-9A-Fa-f]{8})(?![0-9A-Za-z]|-[0-9A-Fa-f]))|(?<![0-9A-Za-z_])((?:OMC?|WU)_[ES]_[0-9A-Za-z_]{1,100}(?![0-9A-Za-z_])))/gi;

// Zero-width and bidirectional formatting characters that ride along with copied text.
const INVISIBLE = /[\u00AD\u180E\u200B-\u200F\u202A-\u202E\u2060-\u2064\u2066-\u2069\uFEFF]/g;

/** Removes formatting characters that would split a pasted code in two. */
export function stripInvisible(text: string): string {
  INVISIBLE.lastIndex = 0;
  return INVISIBLE.test(text) ? text.replace(INVISIBLE, '') : text;
}

/**
 * Every code-like token in `text`, in order. Nothing is dropped or de-duplicated
 * here (except unsigned numbers of up to six digits, which cannot be codes); which
 * tokens matter depends on whether the text is a query or a message.
 */
export function scanTokens(text: string): CodeToken[] {
  return attachExtendCodes(scanRaw(text));
}

// Setup reports a failure as its code and an extend code: 0xC1900101 - 0x4000D, 0xC1900101-0x30018.
const SETUP_HIGH = new Set([0xc190, 0xc180, 0xc142]);
const EXTEND_GAP = 6;

/** Joins a setup code and the extend code right after it into one token. */
function attachExtendCodes(tokens: CodeToken[]): CodeToken[] {
  for (let i = 0; i + 1 < tokens.length; i++) {
    const code = tokens[i] as CodeToken;
    const extend = tokens[i + 1] as CodeToken;
    if (
      code.value !== undefined &&
      SETUP_HIGH.has(code.value >>> 16) &&
      extend.form === 'hex' &&
      extend.digits >= 4 &&
      extend.digits <= 5 &&
      (extend.value ?? 0) >= 0x10000 &&
      (extend.value ?? 0) <= 0x6ffff &&
      extend.index - (code.index + code.raw.length) <= EXTEND_GAP
    ) {
      code.extend = extend.value;
      tokens.splice(i + 1, 1);
    }
  }
  return tokens;
}

function scanRaw(text: string): CodeToken[] {
  const clean = stripInvisible(text);
  const tokens: CodeToken[] = [];
  TOKEN.lastIndex = 0;
  for (let m = TOKEN.exec(clean); m !== null; m = TOKEN.exec(clean)) {
    const [raw, hex, decimal, bare, name] = m;
    if (hex !== undefined) {
      tokens.push({
        raw,
        index: m.index,
        form: 'hex',
        value: Number.parseInt(hex, 16) >>> 0,
        name: undefined,
        digits: hex.length,
      });
    } else if (decimal !== undefined) {
      const n = Number(decimal);
      // Outside 32 bits it is not a code: an ID, a timestamp or a phone number.
      if (n < -0x80000000 || n > 0xffffffff) continue;
      tokens.push({
        raw,
        index: m.index,
        form: n < 0 ? 'signed-decimal' : 'decimal',
        value: n >>> 0,
        name: undefined,
        digits: 0,
      });
      // An 8-digit run is also valid hex (80246008); the caller decides which reading is known.
      // A length check, not a second regex: this runs for every number in a pasted log.
      if (decimal.length === 8 && decimal.charCodeAt(0) !== 0x2d) {
        tokens.push({
          raw,
          index: m.index,
          form: 'bare-hex',
          value: Number.parseInt(decimal, 16) >>> 0,
          name: undefined,
          digits: 0,
        });
      }
    } else if (bare !== undefined) {
      tokens.push({
        raw,
        index: m.index,
        form: 'bare-hex',
        value: Number.parseInt(bare, 16) >>> 0,
        name: undefined,
        digits: 0,
      });
    } else if (name !== undefined) {
      tokens.push({
        raw,
        index: m.index,
        form: 'name',
        value: undefined,
        name: name.toUpperCase(),
        digits: 0,
      });
    }
  }
  return tokens;
}
