// Public face of Go's strconv (and the fmt verbs built on it) as Prometheus's texts and formats
// depend on it: float formatting, string quoting and unquoting, number parsing.
export { formatFloat, formatOpenMetricsFloat, type FloatFormat } from './format-float.js';
export { goQuote, goQuoteRune, goRuneU, utf8Length } from './quote.js';
export { unquote, unquoteLiteral, UnquoteError } from './unquote.js';
export { parseGoFloat, parseGoInt, parseGoNumber, NumError } from './parse-number.js';
