/**
 * Lexer tokens. The numeric values follow upstream's token numbering so that the rare
 * error messages naming an unnamed token ("<Item 57372>") read exactly like Prometheus's.
 */
import { goQuote, utf8Length } from '../../model/strconv/index.js';

export enum T {
  EQL = 57346,
  BLANK,
  COLON,
  COMMA,
  COMMENT,
  DURATION,
  EOF,
  ERROR,
  IDENTIFIER,
  LEFT_BRACE,
  LEFT_BRACKET,
  LEFT_PAREN,
  OPEN_HIST,
  CLOSE_HIST,
  METRIC_IDENTIFIER,
  NUMBER,
  RIGHT_BRACE,
  RIGHT_BRACKET,
  RIGHT_PAREN,
  SEMICOLON,
  SPACE,
  STRING,
  TIMES,
  // Histogram descriptors.
  SUM_DESC = 57370,
  COUNT_DESC,
  SCHEMA_DESC,
  OFFSET_DESC,
  NEGATIVE_OFFSET_DESC,
  BUCKETS_DESC,
  NEGATIVE_BUCKETS_DESC,
  ZERO_BUCKET_DESC,
  ZERO_BUCKET_WIDTH_DESC,
  CUSTOM_VALUES_DESC,
  COUNTER_RESET_HINT_DESC,
  // Operators (operatorsStart = 57382).
  ADD = 57383,
  DIV,
  EQLC,
  EQL_REGEX,
  GTE,
  GTR,
  TRIM_UPPER,
  TRIM_LOWER,
  LAND,
  LOR,
  LSS,
  LTE,
  LUNLESS,
  MOD,
  MUL,
  NEQ,
  NEQ_REGEX,
  POW,
  SUB,
  AT,
  ATAN2,
  // Aggregators (aggregatorsStart = 57405).
  AVG = 57406,
  BOTTOMK,
  COUNT,
  COUNT_VALUES,
  GROUP,
  MAX,
  MIN,
  QUANTILE,
  STDDEV,
  STDVAR,
  SUM,
  TOPK,
  LIMITK,
  LIMIT_RATIO,
  // Keywords (keywordsStart = 57421).
  BOOL = 57422,
  BY,
  GROUP_LEFT,
  GROUP_RIGHT,
  FILL,
  FILL_LEFT,
  FILL_RIGHT,
  IGNORING,
  OFFSET,
  SMOOTHED,
  ANCHORED,
  ON,
  WITHOUT,
  // Preprocessors (preprocessorStart = 57436).
  START = 57437,
  END,
  STEP,
  RANGE,
  MAX_OF,
  MIN_OF,
  // Counter reset hints (counterResetHintsStart = 57444).
  UNKNOWN_COUNTER_RESET = 57445,
  COUNTER_RESET,
  NOT_COUNTER_RESET,
  GAUGE_TYPE,
}

export interface Token {
  type: T;
  /** Start offset (UTF-16) in the input. */
  pos: number;
  /** The source text of the token (for ERROR tokens: the error message). */
  val: string;
}

export function isOperator(t: T): boolean {
  return t > 57382 && t < 57404;
}
export function isAggregator(t: T): boolean {
  return t > 57405 && t < 57420;
}
export function isKeyword(t: T): boolean {
  return t > 57421 && t < 57435;
}
export function isAggregatorWithParam(t: T): boolean {
  return t === T.TOPK || t === T.BOTTOMK || t === T.COUNT_VALUES || t === T.QUANTILE || t === T.LIMITK || t === T.LIMIT_RATIO;
}

/** Words the lexer turns into keyword tokens (looked up lower-cased). `inf`/`nan` are numbers. */
export const KEYWORDS: ReadonlyMap<string, T> = new Map<string, T>([
  ['and', T.LAND], ['or', T.LOR], ['unless', T.LUNLESS], ['atan2', T.ATAN2],
  ['sum', T.SUM], ['avg', T.AVG], ['count', T.COUNT], ['min', T.MIN], ['max', T.MAX],
  ['group', T.GROUP], ['stddev', T.STDDEV], ['stdvar', T.STDVAR], ['topk', T.TOPK],
  ['bottomk', T.BOTTOMK], ['count_values', T.COUNT_VALUES], ['quantile', T.QUANTILE],
  ['limitk', T.LIMITK], ['limit_ratio', T.LIMIT_RATIO],
  ['offset', T.OFFSET], ['smoothed', T.SMOOTHED], ['anchored', T.ANCHORED], ['by', T.BY],
  ['without', T.WITHOUT], ['on', T.ON], ['ignoring', T.IGNORING], ['group_left', T.GROUP_LEFT],
  ['group_right', T.GROUP_RIGHT], ['fill', T.FILL], ['fill_left', T.FILL_LEFT],
  ['fill_right', T.FILL_RIGHT], ['bool', T.BOOL],
  ['start', T.START], ['end', T.END], ['step', T.STEP], ['range', T.RANGE],
  ['max_of', T.MAX_OF], ['min_of', T.MIN_OF],
  ['inf', T.NUMBER], ['nan', T.NUMBER],
]);

/** Keywords accepted as duration functions inside brackets. */
export const DURATION_KEYWORDS: ReadonlyMap<string, T> = new Map<string, T>([
  ['step', T.STEP], ['range', T.RANGE], ['max_of', T.MAX_OF], ['min_of', T.MIN_OF],
]);

export const HISTOGRAM_DESCRIPTORS: ReadonlyMap<string, T> = new Map<string, T>([
  ['sum', T.SUM_DESC], ['count', T.COUNT_DESC], ['schema', T.SCHEMA_DESC], ['offset', T.OFFSET_DESC],
  ['n_offset', T.NEGATIVE_OFFSET_DESC], ['buckets', T.BUCKETS_DESC], ['n_buckets', T.NEGATIVE_BUCKETS_DESC],
  ['z_bucket', T.ZERO_BUCKET_DESC], ['z_bucket_w', T.ZERO_BUCKET_WIDTH_DESC],
  ['custom_values', T.CUSTOM_VALUES_DESC], ['counter_reset_hint', T.COUNTER_RESET_HINT_DESC],
]);

export const COUNTER_RESET_HINTS: ReadonlyMap<string, T> = new Map<string, T>([
  ['unknown', T.UNKNOWN_COUNTER_RESET], ['reset', T.COUNTER_RESET],
  ['not_reset', T.NOT_COUNTER_RESET], ['gauge', T.GAUGE_TYPE],
]);

/** Canonical spelling of tokens that have one (upstream ItemTypeStr). */
const TOKEN_TEXT = new Map<T, string>([
  [T.OPEN_HIST, '{{'], [T.CLOSE_HIST, '}}'], [T.LEFT_PAREN, '('], [T.RIGHT_PAREN, ')'],
  [T.LEFT_BRACE, '{'], [T.RIGHT_BRACE, '}'], [T.LEFT_BRACKET, '['], [T.RIGHT_BRACKET, ']'],
  [T.COMMA, ','], [T.EQL, '='], [T.COLON, ':'], [T.SEMICOLON, ';'], [T.BLANK, '_'],
  [T.TIMES, 'x'], [T.SPACE, '<space>'],
  [T.SUB, '-'], [T.ADD, '+'], [T.MUL, '*'], [T.MOD, '%'], [T.DIV, '/'], [T.EQLC, '=='],
  [T.NEQ, '!='], [T.LTE, '<='], [T.LSS, '<'], [T.GTE, '>='], [T.GTR, '>'], [T.TRIM_UPPER, '</'],
  [T.TRIM_LOWER, '>/'], [T.EQL_REGEX, '=~'], [T.NEQ_REGEX, '!~'], [T.POW, '^'], [T.AT, '@'],
]);
for (const [word, t] of KEYWORDS) if (t !== T.NUMBER) TOKEN_TEXT.set(t, word);

/** The canonical spelling of an operator or keyword token (ItemType.String()). */
export function tokenText(t: T): string {
  return TOKEN_TEXT.get(t) ?? `<Item ${t}>`;
}

/** Go's %q of a string, truncated to n runes when given (as %.Nq does). */
function quoteGo(s: string, maxRunes?: number): string {
  let v = s;
  if (maxRunes !== undefined) v = Array.from(s).slice(0, maxRunes).join('');
  return goQuote(v);
}

/** Item.String(). */
function tokenString(tok: Token): string {
  const t = tok.type;
  if (t === T.EOF) return 'EOF';
  if (t === T.ERROR) return tok.val;
  if (t === T.IDENTIFIER || t === T.METRIC_IDENTIFIER) return quoteGo(tok.val);
  if (isKeyword(t)) return `<${tok.val}>`;
  if (isOperator(t)) return `<op:${tok.val}>`;
  if (isAggregator(t)) return `<aggr:${tok.val}>`;
  if (utf8Length(tok.val) > 10) return `${quoteGo(tok.val, 10)}...`;
  return quoteGo(tok.val);
}

function typeDesc(t: T): string {
  switch (t) {
    case T.ERROR: return 'error';
    case T.EOF: return 'end of input';
    case T.COMMENT: return 'comment';
    case T.IDENTIFIER: return 'identifier';
    case T.METRIC_IDENTIFIER: return 'metric identifier';
    case T.STRING: return 'string';
    case T.NUMBER: return 'number';
    case T.DURATION: return 'duration';
    default: return quoteGo(tokenText(t));
  }
}

/** How an unexpected token is named in error messages (Item.desc()). */
export function describeToken(tok: Token): string {
  if (TOKEN_TEXT.has(tok.type)) return tokenString(tok);
  if (tok.type === T.EOF) return typeDesc(T.EOF);
  return `${typeDesc(tok.type)} ${tokenString(tok)}`;
}
