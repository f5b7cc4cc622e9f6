import type { PhrasingContent, Root, RootContent, Table, TableCell } from 'mdast';
import { fromMarkdown } from 'mdast-util-from-markdown';
import { gfmTableFromMarkdown } from 'mdast-util-gfm-table';
import { gfmTable } from 'micromark-extension-gfm-table';
import { parse as parseYaml } from 'yaml';
import { DataError } from '../../errors.js';
import type { Inline, PageInfo } from './types.js';

export interface PageRow {
  value: number;
  name: string;
  description: Inline[];
  line: number;
}

export interface Page extends PageInfo {
  rows: PageRow[];
}

const FRONT_MATTER = /^---\r?\n([\s\S]*?)\r?\n---\r?\n/;
const CODE_CELL = /^0x[0-9a-fA-F]{8}$/;
const NAME_CELL = /^(?:OMC?|WU)_[ES]_[A-Z0-9_]+$/;

/**
 * Parses one Microsoft docs page of the error table (any language): front matter,
 * title, the intro's fallback link and every table row, with file:line on any problem.
 */
export function readPage(file: string, source: string): Page {
  const front = FRONT_MATTER.exec(source);
  if (!front) throw new DataError(file, 1, 'missing the --- front matter block that names ms.contentlocale');
  let meta: unknown;
  try {
    meta = parseYaml(front[1] ?? '');
  } catch (error) {
    throw new DataError(file, 2, `front matter is not valid YAML: ${(error as Error).message}`);
  }
  const locale = (meta as Record<string, unknown> | null)?.['ms.contentlocale'];
  if (typeof locale !== 'string' || !/^[a-z]{2,3}-[A-Z]{2}$/.test(locale)) {
    throw new DataError(file, 2, 'front matter needs ms.contentlocale, a locale such as sv-SE');
  }
  // Body line numbers are reported against the whole file.
  const offset = front[0].split('\n').length - 1;
  const body = source.slice(front[0].length);
  const tree: Root = fromMarkdown(body, {
    extensions: [gfmTable()],
    mdastExtensions: [gfmTableFromMarkdown()],
  });
  const lineOf = (node: { position?: { start: { line: number } } }) =>
    (node.position?.start.line ?? 0) + offset;

  const heading = tree.children.find((node) => node.type === 'heading');
  const title = heading && 'children' in heading ? plain(heading.children as PhrasingContent[]).trim() : '';
  if (!title) throw new DataError(file, offset + 1, 'no title heading (# …) before the table');

  const tableIndex = tree.children.findIndex((node) => node.type === 'table');
  if (tableIndex < 0) throw new DataError(file, offset + 1, 'no table of error codes found');
  const table = tree.children[tableIndex] as Table;

  const link = findLink(tree.children.slice(0, tableIndex));
  if (!link)
    throw new DataError(file, lineOf(table), 'the intro has no link to the Windows Update error code list');

  const rows: PageRow[] = [];
  for (const row of table.children.slice(1)) {
    const line = lineOf(row);
    if (row.children.length !== 3) {
      throw new DataError(
        file,
        line,
        `a row needs 3 cells (code, symbolic name, description), found ${row.children.length}`,
      );
    }
    const [codeCell, nameCell, descriptionCell] = row.children as [TableCell, TableCell, TableCell];
    const code = plain(codeCell.children).trim();
    if (!CODE_CELL.test(code))
      throw new DataError(file, line, `"${code}" is not a code of 0x and 8 hex digits`);
    const name = plain(nameCell.children).trim();
    if (!NAME_CELL.test(name))
      throw new DataError(file, line, `"${name}" is not a symbolic name such as OM_E_NO_SERVICE`);
    const description = inlines(descriptionCell.children);
    if (description.length === 0) throw new DataError(file, line, `${name} has an empty description`);
    rows.push({ value: Number.parseInt(code.slice(2), 16) >>> 0, name, description, line });
  }
  if (rows.length === 0) throw new DataError(file, lineOf(table), 'the table has no rows');
  return { locale, file, title, fallbackUrl: link.url, fallbackLabel: link.label, rows };
}

function findLink(nodes: RootContent[]): { url: string; label: string } | undefined {
  for (const node of nodes) {
    if (node.type !== 'paragraph') continue;
    for (const child of node.children) {
      if (child.type === 'link' && /^https:\/\//.test(child.url))
        return { url: child.url, label: plain(child.children).trim() };
    }
  }
  return undefined;
}

function plain(nodes: readonly PhrasingContent[]): string {
  let out = '';
  for (const node of nodes) {
    if (node.type === 'text' || node.type === 'inlineCode') out += node.value;
    else if ('children' in node) out += plain(node.children as PhrasingContent[]);
  }
  return out;
}

/** Description cells keep the page's bold; everything else becomes plain text with single spaces. */
function inlines(nodes: readonly PhrasingContent[], strong = false): Inline[] {
  const out: Inline[] = [];
  const push = (text: string, bold: boolean) => {
    const last = out.at(-1);
    if (last && last.strong === bold) last.text += text;
    else if (text) out.push({ text, strong: bold });
  };
  for (const node of nodes) {
    if (node.type === 'strong') for (const part of inlines(node.children, true)) push(part.text, part.strong);
    else if (node.type === 'text' || node.type === 'inlineCode') push(node.value, strong);
    else if ('children' in node) push(plain(node.children as PhrasingContent[]), strong);
  }
  // Collapse the doubled spaces the page has after some sentences; trim the ends.
  for (const part of out) part.text = part.text.replace(/\s+/g, ' ');
  const first = out[0];
  if (first) first.text = first.text.trimStart();
  const last = out.at(-1);
  if (last) last.text = last.text.trimEnd();
  return out.filter((part) => part.text.length > 0);
}
