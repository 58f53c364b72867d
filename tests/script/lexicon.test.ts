import { describe, expect, it } from 'vitest';
import { BUILT_IN_LEXICON, compileRule, lexiconFingerprint, mergeLexicons, type Lexicon } from '../../src/script/lexicon.js';
import { normalizeForSpeech } from '../../src/script/normalize/normalize-for-speech.js';
import { planScript } from '../../src/script/plan-script.js';
import type { Article } from '../../src/types.js';

const lexicon = (partial: Partial<Lexicon>): Lexicon => ({ words: {}, rules: [], spell: [], ...partial });
const say = (text: string, entries: Partial<Lexicon>) => normalizeForSpeech(text, lexicon(entries));

describe('lexicon words', () => {
  it('replaces whole words only', () => {
    expect(say('Xi and Xiong and Xian met.', { words: { Xi: 'Shee' } })).toBe('Shee and Xiong and Xian met.');
  });

  it('matches a key with a capital exactly, and a lower-case key in any capitalization', () => {
    expect(say('US and us', { words: { US: 'United States' } })).toBe('United States and us');
    // The replacement takes the capital of the word it replaces.
    expect(say('Kyiv, KYIV and kyiv.', { words: { kyiv: 'keev' } })).toBe('Keev, Keev and keev.');
  });

  it('keeps a possessive and matches keys of several words, longest first', () => {
    expect(say("Xi's plan.", { words: { Xi: 'Shee' } })).toBe("Shee's plan.");
    expect(say('Kim Jong Un and Un.', { words: { 'Jong Un': 'Jong Oon', Un: 'X' } })).toBe('Kim Jong Oon and X.');
  });

  it('reads its replacement exactly as written: no built-in rule touches it', () => {
    expect(say('The B52 flew.', { words: { B52: 'B 52' } })).toBe('The B 52 flew.');
    expect(say('NATO met.', { words: { NATO: 'Nay-toe' } })).toBe('Nay-toe met.');
  });

  it('can delete a word', () => {
    expect(say('Breaking: rain.', { words: { Breaking: '' } })).toBe('rain.');
  });
});

describe('a large lexicon', () => {
  it('reads a paragraph with 50,000 words in its lexicon in linear time, longest key first', () => {
    const words: Record<string, string> = { 'Jong Un': 'Jong Oon', Jong: 'Yong', Un: 'X' };
    for (let i = 0; i < 50_000; i++) words[`name${i}x`] = `spoken${i}`;
    const large = lexicon({ words });
    const paragraph = 'Kim Jong Un met name42x and Un. '.repeat(1_000);
    const started = performance.now();
    const spoken = normalizeForSpeech(paragraph, large);
    expect(performance.now() - started).toBeLessThan(5_000);
    expect(spoken.startsWith('Kim Jong Oon met spoken42 and X.')).toBe(true);
  });
});

describe('lexicon rules', () => {
  it('applies regular expressions in order, with $1, $<name>, $& and $$', () => {
    const rules = [
      { pattern: String.raw`\bGHz\b`, replacement: 'gigahertz' },
      { pattern: String.raw`(?<first>\w+)@home`, replacement: '$<first> at home' },
      { pattern: String.raw`v(\d)`, replacement: 'version $1' },
      { pattern: 'cost', replacement: '$$ $&' },
    ];
    expect(say('Ana@home runs v2 at 5 GHz, cost.', { rules })).toBe('Ana at home runs version 2 at five gigahertz, $ cost.');
  });

  it('honours flags and always replaces every match', () => {
    expect(say('Tesla, TESLA, tesla.', { rules: [{ pattern: 'tesla', flags: 'i', replacement: 'Tezla' }] })).toBe('Tezla, Tezla, Tezla.');
  });

  it('runs before words, whose keys no longer see what a rule produced', () => {
    expect(say('Xi spoke.', { rules: [{ pattern: 'Xi', replacement: 'President Xi' }], words: { Xi: 'Shee' } })).toBe('President Xi spoke.');
  });

  it('rejects an invalid pattern with a message that names it', () => {
    expect(() => compileRule({ pattern: '(', replacement: '' })).toThrow(/invalid regular expression \/\(\//);
    expect(() => compileRule({ pattern: 'a', flags: 'q', replacement: '' })).toThrow(SyntaxError);
  });

  it('takes lookbehinds, m and s, and keeps $<name> for a group that did not match', () => {
    expect(say('Khan and aKh.', { rules: [{ pattern: String.raw`(?<![A-Za-z])Kh`, replacement: 'K' }] })).toBe('Kan and aKh.');
    expect(say('It cost 5bn, then abn.', { rules: [{ pattern: String.raw`(?<=\d)bn\b`, replacement: ' billion' }] })).toBe('It cost five billion, then abn.');
    expect(say('Vote A or B.', { rules: [{ pattern: String.raw`(?<a>A)|(?<b>B)`, replacement: '[$<a>$<b>]' }] })).toBe('Vote [A] or [B].');
    expect(say('one.two', { rules: [{ pattern: '^one.two$', flags: 'ms', replacement: 'three' }] })).toBe('three');
  });

  it('refuses what cannot be matched in linear time, saying why', () => {
    expect(() => compileRule({ pattern: '(?=Kh)K', replacement: '' })).toThrow(
      new SyntaxError(
        'unsupported regular expression /(?=Kh)K/: a lookahead ((?= or (?!) needs backtracking, which can take exponential time; match the text itself instead',
      ),
    );
    expect(() => compileRule({ pattern: String.raw`(\w)\1`, replacement: '' })).toThrow(/^unsupported regular expression \/\(\\w\)\\1\/: a back-reference/);
    expect(() => compileRule({ pattern: String.raw`(?<w>\w)\k<w>`, replacement: '' })).toThrow(/^unsupported regular expression .*: a back-reference/);
  });

  // Patterns that take a backtracking engine exponential (or high-polynomial) time on a line of "a"s or "x"s.
  it.each([
    String.raw`(a+)+$`,
    String.raw`(a|a)*b`,
    String.raw`(x+x+)+y`,
    String.raw`(\w+\s?)*$`,
    String.raw`\w*\w*\w*\w*\w*\w*\w*\w*!`,
    String.raw`^(([a-z])+.)+[A-Z]([a-z])+$`,
  ])('a catastrophic rule /%s/ reads a 20,000-letter sentence in linear time', (pattern) => {
    const started = performance.now();
    const spoken = say(`${'a'.repeat(20_000)} x${'x'.repeat(20_000)}!`, { rules: [{ pattern, replacement: 'Z' }] });
    expect(performance.now() - started).toBeLessThan(10_000);
    expect(spoken.length).toBeGreaterThan(0);
  });
});

describe('lexicon spell', () => {
  it('spells listed words letter by letter, in any capitalization when written in lower case', () => {
    expect(say('ZTE and Zte and gif or GIF.', { spell: ['ZTE', 'gif'] })).toBe('Z T E and Zte and G I F or G I F.');
  });
});

describe('mergeLexicons', () => {
  it('lets the user override built-in entries regardless of case, and run their rules first', () => {
    const user = lexicon({ words: { xi: 'see' }, rules: [{ pattern: 'a', replacement: 'b' }], spell: ['Kyiv'] });
    const merged = mergeLexicons(BUILT_IN_LEXICON, user);
    expect(merged.words.Xi).toBeUndefined();
    expect(merged.words.xi).toBe('see');
    expect(merged.words.Kyiv).toBeUndefined();
    expect(merged.spell).toEqual(['Kyiv']);
    expect(merged.rules[0]).toEqual({ pattern: 'a', replacement: 'b' });
    expect(merged.words.Khurelsukh).toBe(BUILT_IN_LEXICON.words.Khurelsukh);
  });

  it('returns the base unchanged without a user lexicon, and never changes the built-in one', () => {
    expect(mergeLexicons(BUILT_IN_LEXICON, undefined)).toBe(BUILT_IN_LEXICON);
    expect(Object.isFrozen(BUILT_IN_LEXICON.words)).toBe(true);
    expect(() => {
      (BUILT_IN_LEXICON.words as Record<string, string>).Xi = 'changed';
    }).toThrow(TypeError);
  });
});

describe('lexiconFingerprint', () => {
  it('is 16 hex digits, the same for the same entries in any order', () => {
    const a = lexicon({ words: { Xi: 'Shee', Kyiv: 'Keev' }, spell: ['ZTE', 'GIF'] });
    const b = lexicon({ words: { Kyiv: 'Keev', Xi: 'Shee' }, spell: ['GIF', 'ZTE'] });
    expect(lexiconFingerprint(a)).toMatch(/^[0-9a-f]{16}$/);
    expect(lexiconFingerprint(a)).toBe(lexiconFingerprint(b));
  });

  it('changes when any entry, rule or rule order changes', () => {
    const base = lexicon({
      words: { Xi: 'Shee' },
      rules: [
        { pattern: 'a', replacement: 'b' },
        { pattern: 'c', replacement: 'd' },
      ],
    });
    const prints = new Set(
      [
        base,
        { ...base, words: { Xi: 'She' } },
        { ...base, spell: ['Xi'] },
        { ...base, rules: [...base.rules].reverse() },
        { ...base, rules: [{ pattern: 'a', flags: 'i', replacement: 'b' }, base.rules[1]!] },
      ].map(lexiconFingerprint),
    );
    expect(prints.size).toBe(5);
  });

  it('is stable across releases for the same lexicon (it keys cached audio)', () => {
    expect(lexiconFingerprint(lexicon({}))).toBe(lexiconFingerprint({ words: {}, rules: [], spell: [] }));
    // FNV-1a 64 of '{"words":[],"rules":[],"spell":[]}', computed independently.
    expect(lexiconFingerprint(lexicon({}))).toBe('f63ab8446b0f38d1');
  });
});

describe('planScript with a lexicon', () => {
  const article: Article = {
    title: 'Xi in Kyiv?',
    source: 'x.txt',
    format: 'text',
    sections: [
      { heading: '', paragraphs: ['Xi met Khurelsukh on Jan. 5.'] },
      { heading: 'The U.S.-led order', paragraphs: ['It cost $1.5bn.'] },
    ],
  };

  it('reads names through the built-in lexicon and the user entries over it; titles stay as written', () => {
    const script = planScript(article, { narrator: 'n', host: 'h', maxChars: 600, lexicon: lexicon({ words: { Kyiv: 'Kee-iv' } }) });
    const texts = script.chapters.flatMap((chapter) => chapter.segments.map((segment) => segment.spoken));
    expect(script.chapters.map((chapter) => chapter.title)).toEqual(['Xi in Kyiv?', 'The U.S.-led order']);
    // The segments keep the written words beside what is read.
    expect(script.chapters.flatMap((chapter) => chapter.segments.map((segment) => segment.text))).toContain('Xi met Khurelsukh on Jan. 5.');
    expect(texts).toContain('Shee in Kee-iv?');
    expect(texts).toContain('Shee met Khoo-rel-sookh on January fifth.');
    expect(texts).toContain('The U S led order');
    expect(texts).toContain('It cost one point five billion dollars.');
  });

  it('keeps segments within the limit after reading numbers out in words', () => {
    const long: Article = { ...article, sections: [{ heading: '', paragraphs: [`${'$1,234,567.89 '.repeat(20)}end.`] }] };
    const segments = planScript(long, { narrator: 'n', host: 'h', maxChars: 60 }).chapters.flatMap((c) => c.segments);
    expect(segments.every((segment) => segment.spoken.length > 0 && segment.spoken.length <= 60)).toBe(true);
    // No written amount is cut: each is shown whole, with the first piece of its reading.
    const body = segments.filter((segment) => segment.role === 'body' && segment.text);
    expect(body.map((segment) => segment.text).join(' ')).toBe(`${'$1,234,567.89 '.repeat(20)}end.`);
  });
});
