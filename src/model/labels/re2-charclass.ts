/**
 * Rune classes for the RE2 translator: sorted, merged [lo, hi] code point pairs,
 * with Go's case folding (simple fold orbits) and its named groups
 * (Perl \d \s \w, POSIX [:alpha:], Unicode \p{...}).
 */

export const MAX_RUNE = 0x10ffff;
/** The smallest and largest code points that take part in case folding. */
const MIN_FOLD = 0x41;
const MAX_FOLD = 0x1e943;

/** A class: flat [lo0, hi0, lo1, hi1, ...] pairs. */
export type RuneRanges = number[];

/** Sorts, merges overlapping and abutting ranges. Returns a new array. */
export function cleanRanges(r: readonly number[]): RuneRanges {
  const pairs: Array<[number, number]> = [];
  for (let i = 0; i + 1 < r.length; i += 2) pairs.push([r[i] as number, r[i + 1] as number]);
  pairs.sort((a, b) => a[0] - b[0] || b[1] - a[1]);
  const out: RuneRanges = [];
  for (const [lo, hi] of pairs) {
    const n = out.length;
    if (n > 0 && lo <= (out[n - 1] as number) + 1) {
      if (hi > (out[n - 1] as number)) out[n - 1] = hi;
      continue;
    }
    out.push(lo, hi);
  }
  return out;
}

/** Complement of a clean class over [0, MAX_RUNE]. */
export function negateRanges(r: readonly number[]): RuneRanges {
  const out: RuneRanges = [];
  let next = 0;
  for (let i = 0; i + 1 < r.length; i += 2) {
    const lo = r[i] as number;
    if (next <= lo - 1) out.push(next, lo - 1);
    next = (r[i + 1] as number) + 1;
  }
  if (next <= MAX_RUNE) out.push(next, MAX_RUNE);
  return out;
}

export function rangesContain(r: readonly number[], c: number): boolean {
  let lo = 0;
  let hi = (r.length >> 1) - 1;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    if (c < (r[2 * mid] as number)) hi = mid - 1;
    else if (c > (r[2 * mid + 1] as number)) lo = mid + 1;
    else return true;
  }
  return false;
}

// ---- case folding -------------------------------------------------------------------------

let foldOrbits: Map<number, readonly number[]> | undefined;
let foldMembers: number[] | undefined;

function sameFold(a: number, b: number): boolean {
  const re = new RegExp(`^\\u{${a.toString(16)}}$`, 'iu');
  return re.test(String.fromCodePoint(b));
}

/** Single code point result of a case mapping, or -1. */
function singleCodePoint(s: string): number {
  const c = s.codePointAt(0);
  if (c === undefined) return -1;
  return s.length === (c > 0xffff ? 2 : 1) ? c : -1;
}

/**
 * Builds the simple case folding orbits (as Go's unicode.SimpleFold walks them) from the
 * engine's own case mappings, each link checked against the `iu` RegExp canonicalisation.
 */
function buildFoldOrbits(): Map<number, readonly number[]> {
  const parent = new Map<number, number>();
  const find = (x: number): number => {
    let r = x;
    for (let p = parent.get(r); p !== undefined && p !== r; p = parent.get(r)) r = p;
    return r;
  };
  const union = (a: number, b: number): void => {
    const ra = find(a);
    const rb = find(b);
    if (!parent.has(ra)) parent.set(ra, ra);
    if (!parent.has(rb)) parent.set(rb, rb);
    if (ra !== rb) parent.set(ra, rb);
  };
  for (let c = MIN_FOLD; c <= MAX_FOLD; c++) {
    if (c >= 0xd800 && c <= 0xdfff) continue;
    const s = String.fromCodePoint(c);
    for (const m of [s.toLowerCase(), s.toUpperCase()]) {
      const d = singleCodePoint(m);
      if (d < 0 || d === c || find(c) === find(d)) continue;
      if (sameFold(c, d)) union(c, d);
    }
  }
  // Orbits that no case mapping links (folding-only equivalences).
  for (const [a, b] of [
    [0x390, 0x1fd3],
    [0x3b0, 0x1fe3],
    [0xfb05, 0xfb06],
  ] as const) {
    if (sameFold(a, b)) union(a, b);
  }
  const groups = new Map<number, number[]>();
  for (const c of parent.keys()) {
    const r = find(c);
    let g = groups.get(r);
    if (g === undefined) groups.set(r, (g = []));
    g.push(c);
  }
  const orbits = new Map<number, readonly number[]>();
  for (const g of groups.values()) {
    if (g.length < 2) continue;
    g.sort((a, b) => a - b);
    for (const c of g) orbits.set(c, g);
  }
  return orbits;
}

function orbits(): Map<number, readonly number[]> {
  if (foldOrbits === undefined) {
    foldOrbits = buildFoldOrbits();
    foldMembers = [...foldOrbits.keys()].sort((a, b) => a - b);
  }
  return foldOrbits;
}

/** All code points case-fold-equivalent to c (c itself included). */
export function foldOrbit(c: number): readonly number[] {
  if (c < MIN_FOLD || c > MAX_FOLD) return [c];
  return orbits().get(c) ?? [c];
}

/** The fold closure of a clean class: every member plus its orbit. */
export function foldRanges(r: readonly number[]): RuneRanges {
  orbits();
  const members = foldMembers as number[];
  const out: number[] = [...r];
  for (let i = 0; i + 1 < r.length; i += 2) {
    const lo = r[i] as number;
    const hi = r[i + 1] as number;
    if (hi < MIN_FOLD || lo > MAX_FOLD) continue;
    // First member >= lo.
    let a = 0;
    let b = members.length;
    while (a < b) {
      const mid = (a + b) >> 1;
      if ((members[mid] as number) < lo) a = mid + 1;
      else b = mid;
    }
    for (let j = a; j < members.length && (members[j] as number) <= hi; j++) {
      for (const o of foldOrbit(members[j] as number)) out.push(o, o);
    }
  }
  return cleanRanges(out);
}

/** True if some code point in the class has a case variant (so folding changes it). */
export function hasCaseVariants(c: number): boolean {
  return foldOrbit(c).length > 1;
}

// ---- named groups -------------------------------------------------------------------------

export const PERL_GROUPS: Readonly<Record<string, { sign: 1 | -1; ranges: RuneRanges }>> = {
  '\\d': { sign: 1, ranges: [0x30, 0x39] },
  '\\D': { sign: -1, ranges: [0x30, 0x39] },
  '\\s': { sign: 1, ranges: [0x9, 0xa, 0xc, 0xd, 0x20, 0x20] },
  '\\S': { sign: -1, ranges: [0x9, 0xa, 0xc, 0xd, 0x20, 0x20] },
  '\\w': { sign: 1, ranges: [0x30, 0x39, 0x41, 0x5a, 0x5f, 0x5f, 0x61, 0x7a] },
  '\\W': { sign: -1, ranges: [0x30, 0x39, 0x41, 0x5a, 0x5f, 0x5f, 0x61, 0x7a] },
};

const POSIX_BASE: Readonly<Record<string, RuneRanges>> = {
  alnum: [0x30, 0x39, 0x41, 0x5a, 0x61, 0x7a],
  alpha: [0x41, 0x5a, 0x61, 0x7a],
  ascii: [0x0, 0x7f],
  blank: [0x9, 0x9, 0x20, 0x20],
  cntrl: [0x0, 0x1f, 0x7f, 0x7f],
  digit: [0x30, 0x39],
  graph: [0x21, 0x7e],
  lower: [0x61, 0x7a],
  print: [0x20, 0x7e],
  punct: [0x21, 0x2f, 0x3a, 0x40, 0x5b, 0x60, 0x7b, 0x7e],
  space: [0x9, 0xd, 0x20, 0x20],
  upper: [0x41, 0x5a],
  word: [0x30, 0x39, 0x41, 0x5a, 0x5f, 0x5f, 0x61, 0x7a],
  xdigit: [0x30, 0x39, 0x41, 0x46, 0x61, 0x66],
};

/** `[:alpha:]` / `[:^alpha:]` -> group, or undefined for an unknown name. */
export function posixGroup(name: string): { sign: 1 | -1; ranges: RuneRanges } | undefined {
  const m = /^\[:(\^?)([a-z]+):\]$/.exec(name);
  if (m === null) return undefined;
  const base = POSIX_BASE[m[2] as string];
  if (base === undefined || !Object.prototype.hasOwnProperty.call(POSIX_BASE, m[2] as string)) return undefined;
  return { sign: m[1] === '^' ? -1 : 1, ranges: base };
}

/** Go's unicode.Categories keys (Go 1.24). */
const GO_CATEGORIES = new Set([
  'C', 'Cc', 'Cf', 'Co', 'Cs', 'L', 'Ll', 'Lm', 'Lo', 'Lt', 'Lu', 'M', 'Mc', 'Me', 'Mn', 'N', 'Nd',
  'Nl', 'No', 'P', 'Pc', 'Pd', 'Pe', 'Pf', 'Pi', 'Po', 'Ps', 'S', 'Sc', 'Sk', 'Sm', 'So', 'Z', 'Zl',
  'Zp', 'Zs',
]);

/** Go's unicode.Scripts keys (Unicode 15.0, Go 1.21+). */
const GO_SCRIPTS = new Set([
  'Adlam', 'Ahom', 'Anatolian_Hieroglyphs', 'Arabic', 'Armenian', 'Avestan', 'Balinese', 'Bamum',
  'Bassa_Vah', 'Batak', 'Bengali', 'Bhaiksuki', 'Bopomofo', 'Brahmi', 'Braille', 'Buginese', 'Buhid',
  'Canadian_Aboriginal', 'Carian', 'Caucasian_Albanian', 'Chakma', 'Cham', 'Cherokee', 'Chorasmian',
  'Common', 'Coptic', 'Cuneiform', 'Cypriot', 'Cypro_Minoan', 'Cyrillic', 'Deseret', 'Devanagari',
  'Dives_Akuru', 'Dogra', 'Duployan', 'Egyptian_Hieroglyphs', 'Elbasan', 'Elymaic', 'Ethiopic',
  'Georgian', 'Glagolitic', 'Gothic', 'Grantha', 'Greek', 'Gujarati', 'Gunjala_Gondi', 'Gurmukhi',
  'Han', 'Hangul', 'Hanifi_Rohingya', 'Hanunoo', 'Hatran', 'Hebrew', 'Hiragana', 'Imperial_Aramaic',
  'Inherited', 'Inscriptional_Pahlavi', 'Inscriptional_Parthian', 'Javanese', 'Kaithi', 'Kannada',
  'Katakana', 'Kawi', 'Kayah_Li', 'Kharoshthi', 'Khitan_Small_Script', 'Khmer', 'Khojki',
  'Khudawadi', 'Lao', 'Latin', 'Lepcha', 'Limbu', 'Linear_A', 'Linear_B', 'Lisu', 'Lycian', 'Lydian',
  'Mahajani', 'Makasar', 'Malayalam', 'Mandaic', 'Manichaean', 'Marchen', 'Masaram_Gondi',
  'Medefaidrin', 'Meetei_Mayek', 'Mende_Kikakui', 'Meroitic_Cursive', 'Meroitic_Hieroglyphs', 'Miao',
  'Modi', 'Mongolian', 'Mro', 'Multani', 'Myanmar', 'Nabataean', 'Nag_Mundari', 'Nandinagari',
  'New_Tai_Lue', 'Newa', 'Nko', 'Nushu', 'Nyiakeng_Puachue_Hmong', 'Ogham', 'Ol_Chiki',
  'Old_Hungarian', 'Old_Italic', 'Old_North_Arabian', 'Old_Permic', 'Old_Persian', 'Old_Sogdian',
  'Old_South_Arabian', 'Old_Turkic', 'Old_Uyghur', 'Oriya', 'Osage', 'Osmanya', 'Pahawh_Hmong',
  'Palmyrene', 'Pau_Cin_Hau', 'Phags_Pa', 'Phoenician', 'Psalter_Pahlavi', 'Rejang', 'Runic',
  'Samaritan', 'Saurashtra', 'Sharada', 'Shavian', 'Siddham', 'SignWriting', 'Sinhala', 'Sogdian',
  'Sora_Sompeng', 'Soyombo', 'Sundanese', 'Syloti_Nagri', 'Syriac', 'Tagalog', 'Tagbanwa', 'Tai_Le',
  'Tai_Tham', 'Tai_Viet', 'Takri', 'Tamil', 'Tangsa', 'Tangut', 'Telugu', 'Thaana', 'Thai',
  'Tibetan', 'Tifinagh', 'Tirhuta', 'Toto', 'Ugaritic', 'Vai', 'Vithkuqi', 'Wancho', 'Warang_Citi',
  'Yezidi', 'Yi', 'Zanabazar_Square',
]);

let allCodePoints: string | undefined;

/** Every code point except the surrogates, in order, as one string. */
function codePointString(): string {
  if (allCodePoints !== undefined) return allCodePoints;
  const parts: string[] = [];
  const chunk = 8192;
  const units = new Uint16Array(chunk * 2);
  let n = 0;
  const flush = (): void => {
    parts.push(String.fromCharCode(...units.subarray(0, n)));
    n = 0;
  };
  for (let c = 0; c <= MAX_RUNE; c++) {
    if (c >= 0xd800 && c <= 0xdfff) continue;
    if (c > 0xffff) {
      const v = c - 0x10000;
      units[n++] = 0xd800 + (v >> 10);
      units[n++] = 0xdc00 + (v & 0x3ff);
    } else {
      units[n++] = c;
    }
    if (n >= chunk * 2 - 2) flush();
  }
  flush();
  allCodePoints = parts.join('');
  return allCodePoints;
}

function scanProperty(jsProperty: string): RuneRanges {
  const s = codePointString();
  const re = new RegExp(`\\p{${jsProperty}}+`, 'gu');
  const out: RuneRanges = [];
  for (let m = re.exec(s); m !== null; m = re.exec(s)) {
    const lo = s.codePointAt(m.index) as number;
    const end = m.index + m[0].length;
    const last = s.charCodeAt(end - 1);
    const hi = s.codePointAt(last >= 0xdc00 && last <= 0xdfff ? end - 2 : end - 1) as number;
    out.push(lo, hi);
  }
  return out;
}

const tableCache = new Map<string, RuneRanges>();

/** The code points of a Go Unicode class name (category, script or Any), or undefined. */
export function unicodeTable(name: string): RuneRanges | undefined {
  const cached = tableCache.get(name);
  if (cached !== undefined) return cached;
  let r: RuneRanges;
  if (name === 'Any') {
    r = [0, MAX_RUNE];
  } else if (GO_CATEGORIES.has(name)) {
    if (name === 'C') {
      // Go's C omits Cn (unassigned).
      r = cleanRanges([...scanProperty('Cc'), ...scanProperty('Cf'), ...scanProperty('Co'), 0xd800, 0xdfff]);
    } else if (name === 'Cs') {
      r = [0xd800, 0xdfff];
    } else {
      r = cleanRanges(scanProperty(`General_Category=${name}`));
    }
  } else if (GO_SCRIPTS.has(name)) {
    r = cleanRanges(scanProperty(`Script=${name}`));
  } else {
    return undefined;
  }
  tableCache.set(name, r);
  return r;
}
