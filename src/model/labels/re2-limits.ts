/** Go regexp/syntax limits on a parsed tree: nested repeat counts, height and program size. */
import { ErrorCode, syntaxError, type Re2Node } from './re2-ast.js';

/** The largest count in x{n,m}, and the largest product of nested counts. */
export const MAX_REPEAT = 1000;
const MAX_HEIGHT = 1000;
/** Go's maxSize: 128 MiB of 40-byte instructions. */
const MAX_SIZE = Math.floor((128 << 20) / 40);

function children(n: Re2Node): readonly Re2Node[] {
  switch (n.op) {
    case 'capture':
    case 'repeat':
      return [n.sub];
    case 'concat':
    case 'alternate':
      return n.subs;
    default:
      return [];
  }
}

/** Go's repeatIsValid: nested counted repetitions multiply to at most n. */
export function repeatIsValid(n: Re2Node, limit: number): boolean {
  if (n.op === 'repeat' && n.braces) {
    let m = n.max;
    if (m === 0) return true;
    if (m < 0) m = n.min;
    if (m > limit) return false;
    if (m > 0) limit = Math.floor(limit / m);
  }
  for (const c of children(n)) if (!repeatIsValid(c, limit)) return false;
  return true;
}

/** Go's parse-tree height and program size limits. */
export function checkLimits(root: Re2Node, src: string): void {
  // Height, iteratively (deep nesting must not overflow the JS stack).
  const heights = new Map<Re2Node, number>();
  const work: Array<[Re2Node, boolean]> = [[root, false]];
  while (work.length > 0) {
    const [n, done] = work.pop() as [Re2Node, boolean];
    const subs = children(n);
    if (!done) {
      work.push([n, true]);
      for (const c of subs) work.push([c, false]);
      continue;
    }
    let h = 1;
    for (const c of subs) h = Math.max(h, 1 + (heights.get(c) ?? 1));
    if (h > MAX_HEIGHT) throw syntaxError(ErrorCode.NestingDepth, src);
    heights.set(n, h);
  }
  if (programSize(root) > MAX_SIZE) throw syntaxError(ErrorCode.Large, src);
}

function programSize(n: Re2Node): number {
  let size = 0;
  switch (n.op) {
    case 'literal':
      size = n.runes.length;
      break;
    case 'capture':
      size = 2 + programSize(n.sub);
      break;
    case 'concat':
      for (const c of n.subs) size += programSize(c);
      break;
    case 'alternate':
      for (const c of n.subs) size += programSize(c);
      size += n.subs.length - 1;
      break;
    case 'repeat': {
      const sub = programSize(n.sub);
      if (!n.braces) size = (n.max === -1 && n.min === 0 ? 2 : 1) + sub;
      else if (n.max === -1) size = n.min === 0 ? 2 + sub : 1 + n.min * sub;
      else size = n.max * sub + (n.max - n.min);
      break;
    }
    default:
      break;
  }
  return Math.max(1, size);
}
