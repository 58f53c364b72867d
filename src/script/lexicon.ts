// Pronunciation lexicon: whole-word replacements, regular-expression rules and words to spell out, applied to
// a sentence before the built-in normalization so that its output is read exactly as written. Pure.
import { RE2JS } from 're2js';
import { END, START, escapeRegExp, matchCase, spellLetters, type Protector } from './normalize/patterns.js';

export interface LexiconRule {
  /**
   * A JavaScript regular expression (source text, without slashes), matched in linear time by RE2 (re2js): no
   * rule can make a sentence take exponential time, so lookaheads and back-references, which need backtracking,
   * are refused; lookbehinds are supported.
   */
  pattern: string;
  /** Regular-expression flags: i, m and s apply; "g" is always implied; u, v, d and y change nothing. */
  flags?: string;
  /** Replacement text; `$1`, `$<name>`, `$&` and `$$` work as in String.prototype.replace. */
  replacement: string;
}

/**
 * Entries apply in this order: rules, then words, then spell. Text one entry produced is not matched again,
 * neither by a later entry nor by the built-in rules (so "NATO" → "Nay-toe" is read as written).
 *
 * Matching of `words` keys and `spell` entries is whole-word and depends on how the key is written: a key with
 * any capital letter matches only exactly as written ("US" does not match "us"); a key in lower case matches
 * any capitalization ("kyiv" matches "Kyiv" and "KYIV", and the replacement takes the capital of the word it
 * replaces). A key may hold several words ("Jong Un") and a possessive "'s" after a key is kept.
 */
export interface Lexicon {
  /** Whole-word replacements: written → spoken. */
  words: Record<string, string>;
  /** Regular-expression rules, applied in order. */
  rules: LexiconRule[];
  /** Words spelled letter by letter ("ZTE" → "Z T E"). */
  spell: string[];
}

/** Freezes a lexicon and its parts, so that a shared one (the built-in) cannot be changed by a caller. */
function freezeLexicon(lexicon: Lexicon): Lexicon {
  Object.freeze(lexicon.words);
  lexicon.rules.forEach((rule) => Object.freeze(rule));
  Object.freeze(lexicon.rules);
  Object.freeze(lexicon.spell);
  return Object.freeze(lexicon);
}

/**
 * Names that speech engines commonly get wrong in world news, respelled so that espeak-ng, flite and festival
 * all come close to how newsreaders say them. Checked with `espeak-ng -x` and `flite -ps`.
 */
export const BUILT_IN_LEXICON: Lexicon = freezeLexicon({
  words: {
    // Chinese: pinyin x and q are "sh" and "ch"; engines say "zye" and "kw".
    Xi: 'Shee',
    Xinjiang: 'Shin-jyahng',
    Qiang: 'Chyahng',
    Xiaomi: 'Shao-mee',
    Huawei: 'Wah-way',
    // Mongolian: engines drop the vowels of "Khurelsukh" and read "gii" as "jee".
    Khurelsukh: 'Khoo-rel-sookh',
    Ukhnaagiin: 'Ook-nah-gheen',
    // espeak-ng says "pew-tin".
    Putin: 'Poo-tin',
    Kyiv: 'Keev',
    Zelenskyy: 'Zelensky',
    Navalny: 'Na-vahl-nee',
    // Turkish ğ is silent.
    Erdogan: 'Air-doe-wan',
    Erdoğan: 'Air-doe-wan',
    Guterres: 'Goo-terr-esh',
    Khamenei: 'Kha-meh-nay',
    Houthi: 'Hoo-thee',
    Houthis: 'Hoo-thees',
    Scholz: 'Sholts',
    'Jong Un': 'Jong Oon',
  },
  rules: [],
  spell: [],
});

const isCaseSensitive = (key: string): boolean => key !== key.toLowerCase();

/**
 * The user's lexicon over the built-in one: a user word or spell entry replaces any built-in entry with the
 * same key regardless of case, and the user's rules run before the built-in rules.
 */
export function mergeLexicons(base: Lexicon, override: Lexicon | undefined): Lexicon {
  if (!override) return base;
  const overridden = new Set([...Object.keys(override.words), ...override.spell].map((key) => key.toLowerCase()));
  const words: Record<string, string> = {};
  for (const [key, value] of Object.entries(base.words)) if (!overridden.has(key.toLowerCase())) words[key] = value;
  Object.assign(words, override.words);
  const spell = [...base.spell.filter((key) => !overridden.has(key.toLowerCase())), ...override.spell];
  return { words, rules: [...override.rules, ...base.rules], spell: [...new Set(spell)] };
}

/** A canonical text for the lexicon: words and spell entries sorted, rules in their (meaningful) order. */
function canonicalJson(lexicon: Lexicon): string {
  const words = Object.keys(lexicon.words)
    .sort()
    .map((key) => [key, lexicon.words[key]]);
  const rules = lexicon.rules.map((rule) => [rule.pattern, rule.flags ?? '', rule.replacement]);
  return JSON.stringify({ words, rules, spell: [...lexicon.spell].sort() });
}

/**
 * A stable identifier of what a lexicon does (64-bit FNV-1a over its canonical JSON, as 16 hex digits), for
 * cache keys: the same entries in any order give the same fingerprint.
 */
export function lexiconFingerprint(lexicon: Lexicon): string {
  const bytes = new TextEncoder().encode(canonicalJson(lexicon));
  let hash = 0xcbf29ce484222325n;
  for (const byte of bytes) {
    hash ^= BigInt(byte);
    hash = (hash * 0x100000001b3n) & 0xffffffffffffffffn;
  }
  return hash.toString(16).padStart(16, '0');
}

/** A user rule ready to apply: every match replaced with what `replacer` makes of it, as String.replace calls it. */
export interface CompiledRule {
  replaceAll(text: string, replacer: (...args: unknown[]) => string): string;
}

interface CompiledLexicon {
  rules: { rule: CompiledRule; replacement: string }[];
  words: { regex: RegExp; lookup: (matched: string) => string | undefined }[];
  spell: RegExp[];
}

const compiled = new WeakMap<Lexicon, CompiledLexicon>();

function describeUnsupported(message: string): string {
  if (/\(\?[=!]/.test(message)) return 'a lookahead ((?= or (?!) needs backtracking, which can take exponential time; match the text itself instead';
  if (/escape sequence: `\\([1-9]|k<)/.test(message)) return 'a back-reference (\\1, \\k<name>) needs backtracking, which can take exponential time';
  return message.replace(/^error parsing regexp: /, '');
}

/**
 * Compiles a user rule for RE2, which matches in time linear in the text. Throws a SyntaxError naming the rule when
 * the pattern or its flags are not a valid JavaScript regular expression, or use what RE2 cannot match in linear
 * time.
 */
export function compileRule(rule: LexiconRule): CompiledRule {
  const flags = rule.flags ?? '';
  const written = `/${rule.pattern}/${flags}`;
  try {
    // Rules are written as JavaScript regular expressions: JavaScript's own messages name their mistakes best.
    new RegExp(rule.pattern, [...new Set(`${flags}g`)].join(''));
  } catch (error) {
    throw new SyntaxError(`invalid regular expression ${written}: ${error instanceof Error ? error.message : String(error)}`);
  }
  const options =
    (flags.includes('i') ? RE2JS.CASE_INSENSITIVE : 0) |
    (flags.includes('m') ? RE2JS.MULTILINE : 0) |
    (flags.includes('s') ? RE2JS.DOTALL : 0) |
    (/\(\?<[=!]/.test(rule.pattern) ? RE2JS.LOOKBEHINDS : 0);
  let regex: RE2JS;
  try {
    // translateRegExp would read a named back-reference as the letters "k<name>".
    if (/(?<!\\)(?:\\\\)*\\k</.test(rule.pattern)) throw new SyntaxError('invalid escape sequence: `\\k<`');
    regex = RE2JS.compile(RE2JS.translateRegExp(rule.pattern), options);
  } catch (error) {
    throw new SyntaxError(`unsupported regular expression ${written}: ${describeUnsupported(error instanceof Error ? error.message : String(error))}`);
  }
  return { replaceAll: (text, replacer) => regex.matcher(text).replaceAll(replacer) };
}

interface KeyTrie {
  /** A key ends here. */
  end: boolean;
  /** By the next character of a key; ' ' stands for a run of whitespace. */
  next: Map<string, KeyTrie>;
}

/**
 * The keys as one pattern shaped like a trie, "(?:Xi(?:njiang|aomi|)|Qiang|…)": at each position the engine
 * follows one branch per character, where a flat alternation of 50,000 keys tried every key at every position
 * (seconds for a paragraph). A key that ends where a longer one goes on takes its empty branch last, so the longest
 * key whose end is a word edge wins, as before.
 */
function keyPattern(keys: readonly string[]): string {
  const root: KeyTrie = { end: false, next: new Map() };
  for (const key of keys) {
    let node = root;
    for (const char of Array.from(key.trim().replace(/\s+/g, ' '))) {
      let child = node.next.get(char);
      if (!child) {
        child = { end: false, next: new Map() };
        node.next.set(char, child);
      }
      node = child;
    }
    node.end = true;
  }
  const source = (node: KeyTrie): string => {
    const branches = [...node.next].map(([char, child]) => (char === ' ' ? String.raw`\s+` : escapeRegExp(char)) + source(child));
    if (branches.length === 1 && !node.end) return branches[0]!;
    return branches.length === 0 ? '' : `(?:${branches.join('|')}${node.end ? '|' : ''})`;
  };
  return source(root);
}

function compileWordGroup(keys: string[], flags: string): RegExp | undefined {
  const usable = keys.filter((key) => key.trim());
  if (!usable.length) return undefined;
  return new RegExp(`${START}(?:${keyPattern(usable)})${END}`, flags);
}

function compile(lexicon: Lexicon): CompiledLexicon {
  const cached = compiled.get(lexicon);
  if (cached) return cached;
  const keys = Object.keys(lexicon.words);
  const exact = keys.filter(isCaseSensitive);
  const loose = keys.filter((key) => !isCaseSensitive(key));
  const byLower = new Map(loose.map((key) => [key.toLowerCase().replace(/\s+/g, ' '), lexicon.words[key]!]));
  const byExact = new Map(exact.map((key) => [key.replace(/\s+/g, ' '), lexicon.words[key]!]));
  const words: CompiledLexicon['words'] = [];
  const exactRegex = compileWordGroup(exact, 'gu');
  if (exactRegex) words.push({ regex: exactRegex, lookup: (matched) => byExact.get(matched.replace(/\s+/g, ' ')) });
  const looseRegex = compileWordGroup(loose, 'giu');
  if (looseRegex) {
    words.push({
      regex: looseRegex,
      lookup: (matched) => {
        const value = byLower.get(matched.toLowerCase().replace(/\s+/g, ' '));
        return value === undefined ? undefined : matchCase(matched, value);
      },
    });
  }
  const spell = [
    compileWordGroup(lexicon.spell.filter(isCaseSensitive), 'gu'),
    compileWordGroup(
      lexicon.spell.filter((key) => !isCaseSensitive(key)),
      'giu',
    ),
  ].filter((regex): regex is RegExp => regex !== undefined);
  const result: CompiledLexicon = {
    rules: lexicon.rules.map((rule) => ({ rule: compileRule(rule), replacement: rule.replacement })),
    words,
    spell,
  };
  compiled.set(lexicon, result);
  return result;
}

/** `$1`, `$<name>`, `$&`, `$$` in a replacement, as String.prototype.replace expands them. */
function expandReplacement(replacement: string, args: unknown[]): string {
  const last = args[args.length - 1];
  const named = typeof last === 'object' && last !== null ? (last as Record<string, string | undefined>) : undefined;
  const captures = args.slice(1, named ? -3 : -2) as (string | undefined)[];
  const match = args[0] as string;
  return replacement.replace(/\$(\$|&|<([^>]*)>|(\d{1,2}))/g, (token, kind: string, name?: string, digits?: string) => {
    if (kind === '$') return '$';
    if (kind === '&') return match;
    if (name !== undefined) return named?.[name] ?? '';
    if (digits !== undefined) {
      const index = Number(digits);
      if (index >= 1 && index <= captures.length) return captures[index - 1] ?? '';
      // "$12" with one capture is "$1" followed by "2".
      const first = Number(digits[0]);
      if (digits.length === 2 && first >= 1 && first <= captures.length) return (captures[first - 1] ?? '') + digits[1];
    }
    return token;
  });
}

/** Applies a lexicon to one sentence; every replacement is held by the protector. */
export function applyLexicon(sentence: string, lexicon: Lexicon, protector: Protector): string {
  const { rules, words, spell } = compile(lexicon);
  let text = sentence;
  for (const { rule, replacement } of rules) {
    text = rule.replaceAll(text, (...args: unknown[]) => protector.protect(expandReplacement(replacement, args)));
  }
  for (const group of words) {
    text = text.replace(group.regex, (matched: string) => {
      const spoken = group.lookup(matched);
      return spoken === undefined ? matched : protector.protect(spoken);
    });
  }
  for (const regex of spell) text = text.replace(regex, (matched: string) => protector.protect(spellLetters(matched)));
  return text;
}
