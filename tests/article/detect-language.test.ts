// The language an article is read in: --lang, the source's declaration, detection (franc) on the text, English.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { detectLanguage, primaryLanguage, settleLanguage, toIso6392 } from '../../src/article/language.js';
import type { Article } from '../../src/types.js';

// Two news paragraphs in each of 20 languages espeak-ng speaks (also the corpus the detector was chosen on).
const { paragraphs } = JSON.parse(readFileSync(new URL('../fixtures/languages/news-paragraphs.json', import.meta.url), 'utf8')) as {
  paragraphs: Record<string, string[]>;
};

function article(text: string, extra: Partial<Article> = {}): Article {
  return { title: 'T', source: 'a.txt', format: 'text', sections: [{ heading: '', paragraphs: [text] }], ...extra };
}

describe('primaryLanguage', () => {
  it.each([
    ['fr-FR', 'fr'],
    ['fr_CA', 'fr'],
    ['EN', 'en'],
    ['fra', 'fr'],
    ['pt-BR', 'pt'],
    ['zh-Hans-CN', 'zh'],
    ['cmn', 'zh'],
    ['no', 'nb'],
    ['de-DE, en;q=0.5', 'de'],
  ])('%s -> %s', (tag, primary) => expect(primaryLanguage(tag)).toBe(primary));

  it.each(['', '  ', 'und', '*', 'x-klingon', '12', 'fr!'])('%j is no language', (tag) => expect(primaryLanguage(tag)).toBeUndefined());

  it('gives ISO 639-2 for TLAN', () => {
    expect(['fr', 'de', 'es', 'it', 'pt', 'nl', 'en', 'zh', 'nb'].map(toIso6392)).toEqual(['fra', 'deu', 'spa', 'ita', 'por', 'nld', 'eng', 'zho', 'nob']);
    expect(toIso6392(undefined)).toBe('und');
  });
});

describe('detectLanguage', () => {
  const cases = Object.entries(paragraphs).flatMap(([language, texts]) => texts.map((text) => [language, text] as const));
  it.each(cases)('tells a %s news paragraph', (language, text) => {
    expect(detectLanguage(text)?.language).toBe(language);
  });

  it('is not confident on a headline, and gives up on no words', () => {
    expect(detectLanguage('Le vieux pont ferme pour travaux')?.confident).toBe(false);
    expect(detectLanguage('12 345 — 67 %')).toBeUndefined();
  });
});

describe('settleLanguage', () => {
  const french = paragraphs.fr!.join(' ');
  it('takes --lang first, then the declaration, then the transport, then the text, then English with a warning', () => {
    expect(settleLanguage(article(french, { declaredLanguage: 'de' }), { requested: 'it' })).toEqual({ language: 'it', source: 'requested', warnings: [] });
    expect(settleLanguage(article(french, { declaredLanguage: 'fr-FR' }), { transportLanguage: 'de' })).toMatchObject({ language: 'fr', source: 'declared' });
    expect(settleLanguage(article(french), { transportLanguage: 'fr' })).toMatchObject({ language: 'fr', source: 'declared' });
    expect(settleLanguage(article(french))).toEqual({ language: 'fr', source: 'detected', warnings: [] });
    const unknown = settleLanguage(article('123 456 789'));
    expect(unknown.language).toBe('en');
    expect(unknown.warnings).toEqual(['Could not tell the language of a.txt; reading it as English. Pass --lang <code> (e.g. --lang fr) to choose.']);
  });

  it('warns when a confident detection contradicts the declaration, and keeps the declaration', () => {
    const settled = settleLanguage(article(french, { declaredLanguage: 'en' }));
    expect(settled.language).toBe('en');
    expect(settled.warnings).toEqual([
      'a.txt declares its language as "en" but its text reads as "fr"; reading it as "en". Pass --lang fr to read it as "fr".',
    ]);
  });

  it('does not call a close relative a contradiction, nor a guess on a few words', () => {
    expect(settleLanguage(article(paragraphs.da!.join(' '), { declaredLanguage: 'nb' })).warnings).toEqual([]);
    expect(settleLanguage(article('Le vieux pont ferme', { declaredLanguage: 'en' })).warnings).toEqual([]);
  });
});
