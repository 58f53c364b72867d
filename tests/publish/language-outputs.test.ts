// Outputs say the language they are spoken in: the ID3 TLAN frame, the feed's channel language, the page's lang.
import { describe, expect, it } from 'vitest';
import { feedLanguage } from '../../src/batch/publish-folder.js';
import { buildId3v2Tag } from '../../src/publish/id3v2.js';
import { buildPageHtml, type PageEpisode } from '../../src/publish/page.js';

describe('the language in the outputs', () => {
  it('writes TLAN only for a three-letter ISO 639-2 code', () => {
    const tag = (language?: string) => Buffer.from(buildId3v2Tag({ title: 'T', chapters: [], ...(language ? { language } : {}) })).toString('latin1');
    expect(tag('fra')).toContain('TLAN\u0000\u0000\u0000\u0004\u0000\u0000\u0000fra');
    expect(tag('fr')).not.toContain('TLAN');
    expect(tag()).not.toContain('TLAN');
  });

  it("gives the feed its episodes' most common language, English when none is known", () => {
    expect(feedLanguage([{ language: 'fr' }, { language: 'de' }, { language: 'fr' }])).toBe('fr');
    expect(feedLanguage([{ language: 'de' }, { language: 'fr' }])).toBe('de');
    expect(feedLanguage([{}, { language: 'fr' }, {}])).toBe('en');
    expect(feedLanguage([])).toBe('en');
  });

  it("marks each episode on the page with its language, the page's own words staying English", () => {
    const episode: PageEpisode = {
      id: 'pont',
      title: 'Le pont',
      published: new Date('2025-09-03T00:00:00Z'),
      durationMs: 1000,
      audioUrl: 'pont.mp3',
      chapters: [],
      cues: [],
      language: 'fr',
    };
    const html = buildPageHtml({ title: 'Briefings' }, [episode]);
    expect(html).toContain('<html lang="en">');
    expect(html).toContain('<article class="briefing" id="pont" lang="fr">');
  });
});
