/**
 * go/doc.ToText as Go 1.19 prints it (through go/doc/comment), which kingpin uses to lay out
 * help texts: paragraphs re-flowed to a width with Go's least-raggedness line breaking
 * (preferring breaks after punctuation), indented spans kept as code or printed as lists.
 */

type Block =
  | { kind: 'para'; words: string[] }
  | { kind: 'code'; lines: string[] }
  | { kind: 'list'; items: string[][]; blankBefore: boolean };

function runeLength(s: string): number {
  let n = 0;
  for (const _ of s) n++;
  return n;
}

const LIST_MARKER = /^\s*(?:[-*+•]|\d+[.)])\s+/;

function isIndented(l: string): boolean {
  return l.startsWith(' ') || l.startsWith('\t');
}

/** The longest common leading whitespace of the non-blank lines. */
function commonIndent(lines: readonly string[]): string {
  let prefix: string | null = null;
  for (const l of lines) {
    if (l.trim() === '') continue;
    const ws = /^[ \t]*/.exec(l)?.[0] ?? '';
    if (prefix === null) prefix = ws;
    else {
      let i = 0;
      while (i < prefix.length && i < ws.length && prefix[i] === ws[i]) i++;
      prefix = prefix.slice(0, i);
    }
  }
  return prefix ?? '';
}

function listItems(lines: readonly string[]): string[][] {
  const items: string[][] = [];
  for (const l of lines) {
    if (l.trim() === '') continue;
    const m = LIST_MARKER.exec(l);
    if (m !== null) items.push(l.slice(m[0].length).trim().split(/\s+/));
    else items[items.length - 1]?.push(...l.trim().split(/\s+/));
  }
  return items;
}

/** Splits a comment text into paragraphs, code blocks and lists. */
function parseBlocks(text: string): Block[] {
  const lines = text.split('\n');
  const blocks: Block[] = [];
  let i = 0;
  while (i < lines.length) {
    const l = lines[i] as string;
    if (l.trim() === '') {
      i++;
      continue;
    }
    if (!isIndented(l)) {
      const words: string[] = [];
      while (i < lines.length && (lines[i] as string).trim() !== '' && !isIndented(lines[i] as string)) {
        words.push(...(lines[i] as string).trim().split(/\s+/));
        i++;
      }
      blocks.push({ kind: 'para', words });
      continue;
    }
    const blankBefore = i > 0 && (lines[i - 1] as string).trim() === '';
    const span: string[] = [];
    while (i < lines.length && ((lines[i] as string).trim() === '' || isIndented(lines[i] as string))) span.push(lines[i++] as string);
    while (span.length > 0 && (span[span.length - 1] as string).trim() === '') span.pop();
    if (LIST_MARKER.test(span[0] as string)) blocks.push({ kind: 'list', items: listItems(span), blankBefore });
    else {
      const indent = commonIndent(span);
      blocks.push({ kind: 'code', lines: span.map((s) => (s.trim() === '' ? '' : s.slice(indent.length))) });
    }
  }
  return blocks;
}

function penalty(word: string): number {
  return '.,:;'.includes(word[word.length - 1] as string) ? 0 : 64;
}

/**
 * Go's wrap: the line breaks minimising, first, the squared overflow of lines longer than max,
 * then the squared space left on each line but the last plus 64 for a line not ending in
 * punctuation. Returns the index of the first word of each line.
 */
export function wrapWords(words: readonly string[], max: number): number[] {
  const n = words.length;
  const total = [0];
  for (const w of words) total.push((total[total.length - 1] as number) + runeLength(w) + 1);
  const weight = (i: number, j: number): [number, number] => {
    const len = (total[j] as number) - 1 - (total[i] as number);
    if (j === n && len <= max) return [0, 0];
    const v = (max - len) * (max - len);
    const p = penalty(words[j - 1] as string);
    return len > max ? [v, p] : [0, v + p];
  };
  const best: Array<[number, number]> = [[0, 0]];
  const from: number[] = [0];
  for (let j = 1; j <= n; j++) {
    let bi = -1;
    let bs: [number, number] = [Infinity, Infinity];
    for (let i = 0; i < j; i++) {
      const w = weight(i, j);
      const b = best[i] as [number, number];
      const s: [number, number] = [b[0] + w[0], b[1] + w[1]];
      if (s[0] < bs[0] || (s[0] === bs[0] && s[1] < bs[1])) [bs, bi] = [s, i];
    }
    best.push(bs);
    from.push(bi);
  }
  const starts: number[] = [];
  for (let j = n; j > 0; j = from[j] as number) starts.unshift(from[j] as number);
  return starts;
}

function wrapped(words: readonly string[], max: number): string[] {
  const starts = wrapWords(words, max);
  return starts.map((s, k) => words.slice(s, starts[k + 1] ?? words.length).join(' '));
}

/** doc.ToText(text, prefix, codePrefix, width). */
export function docToText(text: string, prefix: string, codePrefix: string, width: number): string {
  let out = '';
  parseBlocks(text).forEach((b, k) => {
    if (k > 0 && (b.kind !== 'list' || b.blankBefore)) out += '\n';
    if (b.kind === 'para') {
      for (const line of wrapped(b.words, width)) out += `${prefix}${line}\n`;
    } else if (b.kind === 'code') {
      for (const line of b.lines) out += line === '' ? '\n' : `${codePrefix}${line}\n`;
    } else {
      for (const item of b.items) {
        wrapped(item, width - 4).forEach((line, i) => {
          out += `${prefix}${i === 0 ? '  - ' : '    '}${line}\n`;
        });
      }
    }
  });
  return out;
}
