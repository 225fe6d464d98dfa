/** Parse tree of an RE2 (Go regexp/syntax) regular expression, as the translator sees it. */
import type { RuneRanges } from './re2-charclass.js';

export type Re2Node =
  | { readonly op: 'empty' }
  | { readonly op: 'literal'; readonly runes: number[]; readonly fold: boolean }
  | { readonly op: 'class'; readonly ranges: RuneRanges }
  | { readonly op: 'anyChar' }
  | { readonly op: 'anyCharNotNL' }
  | { readonly op: 'beginLine' }
  | { readonly op: 'endLine' }
  | { readonly op: 'beginText' }
  | { readonly op: 'endText' }
  | { readonly op: 'wordBoundary' }
  | { readonly op: 'noWordBoundary' }
  | { readonly op: 'capture'; readonly index: number; readonly name: string; readonly sub: Re2Node }
  | {
      readonly op: 'repeat';
      readonly min: number;
      /** -1: unbounded. */
      readonly max: number;
      readonly greedy: boolean;
      /** Written as {n,m} (counted repetition) rather than * + ?. */
      readonly braces: boolean;
      readonly sub: Re2Node;
    }
  | { readonly op: 'concat'; readonly subs: Re2Node[] }
  | { readonly op: 'alternate'; readonly subs: Re2Node[] };

/** A parsed expression with its capture groups: names[i] is group i's name ('' if unnamed; [0] is the whole match). */
export interface Re2Regexp {
  readonly root: Re2Node;
  readonly groupNames: readonly string[];
}

/** Thrown for an expression RE2 rejects; the message is Go's regexp/syntax error text. */
export class RegexError extends Error {
  override name = 'RegexError';
}

/** Go's regexp/syntax ErrorCode texts. */
export const ErrorCode = {
  InvalidCharClass: 'invalid character class',
  InvalidCharRange: 'invalid character class range',
  InvalidEscape: 'invalid escape sequence',
  InvalidNamedCapture: 'invalid named capture',
  InvalidPerlOp: 'invalid or unsupported Perl syntax',
  InvalidRepeatOp: 'invalid nested repetition operator',
  InvalidRepeatSize: 'invalid repeat count',
  InvalidUTF8: 'invalid UTF-8',
  MissingBracket: 'missing closing ]',
  MissingParen: 'missing closing )',
  MissingRepeatArgument: 'missing argument to repetition operator',
  TrailingBackslash: 'trailing backslash at end of expression',
  UnexpectedParen: 'unexpected )',
  NestingDepth: 'expression nests too deeply',
  Large: 'expression too large',
} as const;

export type ErrorCodeText = (typeof ErrorCode)[keyof typeof ErrorCode];

export function syntaxError(code: ErrorCodeText, expr: string): RegexError {
  return new RegexError(`error parsing regexp: ${code}: \`${expr}\``);
}
