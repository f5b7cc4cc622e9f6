import { isMap, isScalar, isSeq, LineCounter, type Node, parseDocument, type YAMLMap } from 'yaml';
import { DataError } from '../../errors.js';
import { CURATED_FILE, isFamily } from './families.js';
import type { CuratedFile, CuratedRow, ExtendPart, Locale, SetupExtendTable } from './types.js';

const CODE = /^0x[0-9A-F]{8}$/;
const HTTPS = /^https:\/\/[^\s<>|]+$/;

/** A YAML document read with line numbers, so every complaint names file:line. */
class YamlReader {
  private readonly lines = new LineCounter();
  readonly root: YAMLMap;
  constructor(
    readonly file: string,
    text: string,
  ) {
    const doc = parseDocument(text, { lineCounter: this.lines, uniqueKeys: true });
    const error = doc.errors[0];
    if (error) throw new DataError(file, error.linePos?.[0]?.line, error.message.split('\n')[0] ?? '');
    if (!isMap(doc.contents)) throw new DataError(file, 1, 'expected a YAML mapping');
    this.root = doc.contents;
  }

  line(node: Node | null | undefined): number | undefined {
    const offset = node?.range?.[0];
    return offset === undefined ? undefined : this.lines.linePos(offset).line;
  }

  fail(node: Node | null | undefined, message: string): never {
    throw new DataError(this.file, this.line(node), message);
  }

  string(map: YAMLMap, key: string, required = true): string | undefined {
    const node = map.get(key, true) as Node | undefined;
    if (node === undefined) {
      if (required) this.fail(map, `missing "${key}"`);
      return undefined;
    }
    if (!isScalar(node) || typeof node.value !== 'string' || node.value.trim() === '')
      this.fail(node, `"${key}" must be a non-empty text (quote hex codes: "0x80070005")`);
    return node.value.trim();
  }

  strings(map: YAMLMap, key: string): string[] {
    const node = map.get(key, true) as Node | undefined;
    if (node === undefined) return [];
    if (!isSeq(node)) this.fail(node, `"${key}" must be a list`);
    return node.items.map((item) => {
      if (!isScalar(item) || typeof item.value !== 'string' || item.value.trim() === '')
        this.fail(item as Node, `every "${key}" entry must be a non-empty text`);
      return item.value.trim();
    });
  }

  maps(map: YAMLMap, key: string): YAMLMap[] {
    const node = map.get(key, true) as Node | undefined;
    if (!isSeq(node)) this.fail(node ?? map, `"${key}" must be a list`);
    return node.items.map((item) => {
      if (!isMap(item)) this.fail(item as Node, `every "${key}" entry must be a mapping`);
      return item;
    });
  }

  /** A misspelt key ("hint:") would silently drop what it holds. */
  only(map: YAMLMap, keys: readonly string[]): void {
    for (const pair of map.items) {
      const key = isScalar(pair.key) ? String(pair.key.value) : '';
      if (!keys.includes(key))
        this.fail(pair.key as Node, `unknown key "${key}" (expected ${keys.join(', ')})`);
    }
  }

  link(map: YAMLMap, key = 'link'): string {
    const url = this.string(map, key) as string;
    if (!HTTPS.test(url)) this.fail(map.get(key, true) as Node, `"${key}" must be an https:// link`);
    return url;
  }
}

/** data/curated/<family>.<locale>.yaml: one family's rows in one language. */
export function readCurated(file: string, text: string): CuratedFile {
  const base = file.split('/').at(-1) ?? file;
  const named = CURATED_FILE.exec(base);
  if (!named) throw new DataError(file, undefined, 'expected the name <family>.<locale>.yaml');
  const [, familyOfName = '', locale = ''] = named;
  const yaml = new YamlReader(file, text);
  yaml.only(yaml.root, ['family', 'hints', 'codes']);
  const family = yaml.string(yaml.root, 'family') as string;
  if (!isFamily(family)) yaml.fail(yaml.root.get('family', true) as Node, `unknown family "${family}"`);
  if (family !== familyOfName)
    yaml.fail(yaml.root.get('family', true) as Node, `family "${family}" in a file named ${familyOfName}.*`);
  const seen = new Set<number>();
  const codes = yaml.maps(yaml.root, 'codes').map((row): CuratedRow => {
    yaml.only(row, ['code', 'name', 'title', 'link', 'description', 'hints']);
    const code = yaml.string(row, 'code') as string;
    if (!CODE.test(code))
      yaml.fail(row.get('code', true) as Node, `code "${code}" must be 0x and 8 upper-case hex digits`);
    const value = Number.parseInt(code.slice(2), 16) >>> 0;
    if (seen.has(value)) yaml.fail(row, `${code} appears twice`);
    seen.add(value);
    return {
      line: yaml.line(row) ?? 0,
      value,
      name: yaml.string(row, 'name', false),
      title: yaml.string(row, 'title') as string,
      link: yaml.link(row),
      description: yaml.string(row, 'description') as string,
      hints: yaml.strings(row, 'hints'),
    };
  });
  return {
    file,
    family: family as CuratedFile['family'],
    locale,
    hints: yaml.strings(yaml.root, 'hints'),
    codes,
  };
}

/** data/component-hints.<locale>.yaml: steps per Update Agent component. */
export function readComponentHints(file: string, text: string): Record<string, string[]> {
  const yaml = new YamlReader(file, text);
  const out: Record<string, string[]> = {};
  for (const pair of yaml.root.items) {
    const key = isScalar(pair.key) ? String(pair.key.value) : '';
    out[key] = yaml.strings(yaml.root, key);
  }
  return out;
}

/** data/curated/setup-extend.<locale>.yaml: the phases and operations of setup's extend codes. */
export function readSetupExtend(
  file: string,
  text: string,
  locale: Locale,
): { link: string; phases: ExtendPart[]; operations: ExtendPart[] } {
  const yaml = new YamlReader(file, text);
  const part = (key: 'phase' | 'operation') => (map: YAMLMap) => {
    const node = map.get(key, true) as Node | undefined;
    const raw = isScalar(node) ? node.value : undefined;
    const value = typeof raw === 'number' ? raw : typeof raw === 'string' ? Number(raw) : Number.NaN;
    if (!Number.isInteger(value) || value < 0 || value > 0xffff)
      yaml.fail(node ?? map, `"${key}" must be a number`);
    return {
      value,
      name: yaml.string(map, 'name', false),
      title: { [locale]: yaml.string(map, 'title') as string },
      description: { [locale]: yaml.string(map, 'description', false) ?? '' },
    };
  };
  return {
    link: yaml.link(yaml.root),
    phases: yaml.maps(yaml.root, 'phases').map(part('phase')),
    operations: yaml.maps(yaml.root, 'operations').map(part('operation')),
  };
}

export type { SetupExtendTable };
export { CURATED_FILE };
