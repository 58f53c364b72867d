// briefcast's own words in the article's language: every catalog fills every host line, with the language's plural
// rules, dates and list joins, and no English word reaches another language's speech.
import { describe, expect, it } from 'vitest';
import { CODE_NOTE } from '../../src/article/parse-article.js';
import { HOST_LANGUAGES, hostWordsFor } from '../../src/script/catalogs/host-words.js';
import { planDigestScript } from '../../src/script/plan-digest.js';
import { planScript } from '../../src/script/plan-script.js';
import type { Article } from '../../src/types.js';
import { ENGLISH_HOST_WORDS } from '../languages/english-host-words.js';

const PLAN = { narrator: 'n', host: 'h', maxChars: 500 };

/** An article whose own words are names and digits, so that every word of another language's speech is a host word. */
function article(language: string, sections: number): Article {
  return {
    title: 'Xantor 2025',
    byline: 'Ana Kowa',
    siteName: 'Zeta Post',
    date: '2025-09-03',
    source: 'https://example.org/x',
    format: 'html',
    language,
    sections: [
      { heading: '', paragraphs: ['Xantor 12 345.'] },
      ...Array.from({ length: sections }, (_, i) => ({ heading: `Quorx ${i + 1}`, paragraphs: [`Quorx ${i + 1}.`, CODE_NOTE] })),
    ],
  };
}

const spokenWords = (texts: readonly string[]) => texts.flatMap((text) => text.toLowerCase().match(/\p{L}+/gu) ?? []);

describe.each(HOST_LANGUAGES.filter((language) => language !== 'en'))('the %s catalog', (language) => {
  it('speaks every host line of a briefing in the language: no English word, numbers as digits', () => {
    for (const sections of [1, 3, 12]) {
      const script = planScript(article(language, sections), PLAN);
      expect(script.language).toBe(language);
      const words = spokenWords(script.chapters.flatMap((chapter) => chapter.segments.map((segment) => segment.text)));
      expect(words.filter((word) => ENGLISH_HOST_WORDS.has(word))).toEqual([]);
    }
    const long = planScript(article(language, 12), PLAN)
      .chapters[0]!.segments.map((segment) => segment.text)
      .join(' ');
    expect(long).toContain('12');
    expect(long).toContain(new Intl.DateTimeFormat(language, { month: 'long', timeZone: 'UTC' }).format(new Date(Date.UTC(2025, 8, 3))));
  });

  it('speaks a digest of its articles in the language', () => {
    const script = planDigestScript([article(language, 1), article(language, 2), article(language, 1)], PLAN);
    expect(script.language).toBe(language);
    expect(script.title).toBe(hostWordsFor(language).catalog.digest.title);
    const words = spokenWords(script.chapters.flatMap((chapter) => chapter.segments.map((segment) => segment.text)));
    expect(words.filter((word) => ENGLISH_HOST_WORDS.has(word))).toEqual([]);
  });
});

describe('host words', () => {
  it('are French with French plural rules, dates and list joins', () => {
    const words = hostWordsFor('fr');
    expect(words.duration(20_000)).toBe("moins d'une minute");
    expect(words.duration(60_000)).toBe('environ 1 minute');
    expect(words.duration(70 * 60_000)).toBe('environ une heure et 10 minutes');
    expect(words.date('2025-09-03T23:30:00-05:00')).toBe('3 septembre 2025');
    expect(words.list(['A', 'B', 'C'])).toBe('A, B et C');
    const opening = planScript(article('fr', 2), PLAN)
      .chapters[0]!.segments.filter((segment) => segment.role === 'intro')
      .map((segment) => segment.text);
    expect(opening).toEqual([
      'Par Ana Kowa pour Zeta Post, le 3 septembre 2025.',
      "Ce résumé audio dure moins d'une minute.",
      'Au sommaire: Quorx 1 et Quorx 2.',
    ]);
  });

  it('fall back to English for a language without a catalog', () => {
    expect(hostWordsFor('sw').language).toBe('en');
    expect(planScript(article('sw', 1), PLAN).chapters.at(-1)!.segments.at(-1)!.text).toBe('Thanks for listening.');
  });

  it('read a digest that mixes languages: each article in its own, the digest in the most common', () => {
    const voicesFor = (language: string) => ({ narrator: `${language}-n`, host: `${language}-h` });
    const script = planDigestScript([article('de', 1), article('fr', 1), article('fr', 1)], { ...PLAN, voicesFor });
    expect(script.language).toBe('fr');
    const [rundown, german] = script.chapters;
    expect(rundown!.segments.every((segment) => segment.voice === 'fr-h')).toBe(true);
    expect(german!.segments.map((segment) => segment.voice)).toContain('de-n');
    expect(german!.segments.map((segment) => segment.text)).toContain('Ein Codebeispiel wird übersprungen.');
  });
});
