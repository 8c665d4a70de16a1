// Go's text/tabwriter (flags 0, padding character ' '), which kubectl formats every table and
// describer with: cells end at '\t'; a column block is a run of consecutive lines that all have a
// tab-terminated cell in that column, and each block is as wide as its widest cell plus `padding`
// (at least `minwidth`). The text after a line's last tab is not part of any column.

/** `kubectl get` tables: printers.GetNewTabWriter (minwidth 6, padding 3). */
export const TABLE_WRITER = { minwidth: 6, padding: 3 } as const;
/** `kubectl describe`: describe.tabbedString (minwidth 0, padding 2). */
export const DESCRIBE_WRITER = { minwidth: 0, padding: 2 } as const;

function runeCount(s: string): number {
  let n = 0;
  for (const _ of s) n++;
  return n;
}

/** Formats `text` as one tabwriter would between two Flush calls. */
export function tabwrite(text: string, opts: { minwidth: number; padding: number }): string {
  const lines = text.split('\n').map((l) => l.split('\t'));
  const out: string[] = new Array<string>(lines.length);
  const widths: number[] = [];

  const writeLines = (line0: number, line1: number): void => {
    for (let i = line0; i < line1; i++) {
      const cells = lines[i]!;
      let s = '';
      for (let j = 0; j < cells.length; j++) {
        const c = cells[j]!;
        s += c;
        if (j < widths.length) s += ' '.repeat(Math.max(0, widths[j]! - runeCount(c)));
      }
      out[i] = s;
    }
  };

  // tabwriter.Writer.format: recursive over columns, left to right.
  const format = (line0: number, line1: number): void => {
    const column = widths.length;
    for (let th = line0; th < line1; th++) {
      if (column >= lines[th]!.length - 1) continue;
      writeLines(line0, th);
      line0 = th;
      let width = opts.minwidth;
      for (; th < line1; th++) {
        const line = lines[th]!;
        if (column >= line.length - 1) break;
        const w = runeCount(line[column]!) + opts.padding;
        if (w > width) width = w;
      }
      widths.push(width);
      format(line0, th);
      widths.pop();
      line0 = th;
    }
    writeLines(line0, line1);
  };

  format(0, lines.length);
  return out.join('\n');
}
