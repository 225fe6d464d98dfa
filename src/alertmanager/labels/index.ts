export { AmMatcher, AmMatchType, compareMatchers, compileAmRegex, matchersMatch, matchersToString, openMetricsEscape } from './matcher.js';
export { MatcherParseError, parseMatcher, parseMatchers } from './parse.js';
