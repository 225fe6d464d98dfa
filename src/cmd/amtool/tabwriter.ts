/**
 * Go's text/tabwriter as amtool configures it (minwidth 0, tabwidth 0, padding 2, ' ' as the
 * pad character, no flags): tab-terminated cells are aligned in column blocks, the text after
 * a line's last tab is not part of any column, and a line without tabs ends every block.
 */

interface Cell {
  text: string;
  width: number;
}

const PADDING = 2;

function runeCount(s: string): number {
  let n = 0;
  for (const _ of s) n++;
  return n;
}

class Formatter {
  private readonly widths: number[] = [];
  out = '';

  constructor(private readonly lines: readonly Cell[][]) {}

  private writeLines(line0: number, line1: number): void {
    for (let i = line0; i < line1; i++) {
      const line = this.lines[i] as Cell[];
      line.forEach((c, j) => {
        this.out += c.text;
        if (j < this.widths.length) this.out += ' '.repeat(Math.max(0, (this.widths[j] as number) - c.width));
      });
      if (i + 1 < this.lines.length) this.out += '\n';
    }
  }

  /** text/tabwriter's recursive block formatting of columns to the right of `widths`. */
  format(line0In: number, line1: number): void {
    let line0 = line0In;
    const column = this.widths.length;
    for (let i = line0; i < line1; i++) {
      if (column >= (this.lines[i] as Cell[]).length - 1) continue;
      this.writeLines(line0, i);
      line0 = i;
      let width = 0;
      for (; i < line1; i++) {
        const line = this.lines[i] as Cell[];
        if (column >= line.length - 1) break;
        width = Math.max(width, (line[column] as Cell).width + PADDING);
      }
      this.widths.push(width);
      this.format(line0, i);
      this.widths.pop();
      line0 = i;
    }
    this.writeLines(line0, line1);
  }
}

/** Formats one flushed segment (lines without a trailing newline split on '\n'). */
function formatSegment(text: string): string {
  const lines = text.split('\n').map((l) => l.split('\t').map((t) => ({ text: t, width: runeCount(t) })));
  const f = new Formatter(lines);
  f.format(0, lines.length);
  return f.out;
}

/**
 * Writes `text` through a tabwriter and flushes it. A line with a single cell (no tab) flushes
 * the writer, so blocks never span it.
 */
export function tabwrite(text: string): string {
  const lines = text.split('\n');
  let out = '';
  let seg: string[] = [];
  for (let i = 0; i < lines.length; i++) {
    const l = lines[i] as string;
    seg.push(l);
    const last = i === lines.length - 1;
    if (!last && !l.includes('\t')) {
      out += formatSegment(seg.join('\n')) + '\n';
      seg = [];
    }
  }
  return out + formatSegment(seg.join('\n'));
}
