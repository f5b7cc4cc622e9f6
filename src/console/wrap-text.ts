import wrapAnsi from 'wrap-ansi';

/** Narrower than this, a hanging indent leaves too little room: the line folds at the margin. */
const MIN_WIDTH = 20;

/**
 * Text folded at `columns` on word boundaries. A continuation lines up under the
 * line's text: its indent ("  Component: …"), or the second column of a two-column
 * line ("  /lang <locale>      answer in …"). Words longer than a line (links) are
 * left whole: a terminal only makes an unbroken URL clickable.
 */
export function wrapText(text: string, columns: number): string {
  return text
    .split('\n')
    .map((line) => {
      const hang = hangingIndent(line, columns);
      if (columns - hang < MIN_WIDTH) return wrapAnsi(line, Math.max(columns, 1), { trim: false });
      const [first = '', ...rest] = wrapAnsi(line, columns, { trim: false }).split('\n');
      if (rest.length === 0) return first;
      const body = wrapAnsi(rest.map((part) => part.trim()).join(' '), columns - hang);
      return [first.trimEnd(), ...body.split('\n').map((part) => ' '.repeat(hang) + part)].join('\n');
    })
    .join('\n');
}

function hangingIndent(line: string, columns: number): number {
  const indent = /^ */.exec(line)?.[0].length ?? 0;
  // In an indented line (a list, as the help is), a gap of two or more spaces marks a second column.
  if (indent === 0) return 0;
  const gap = /^( *\S.*? {2,})\S/.exec(line);
  const column = gap?.[1]?.length ?? 0;
  return column > indent && columns - column >= MIN_WIDTH ? column : indent;
}
