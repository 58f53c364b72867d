import { describe, expect, it } from 'vitest';
import { assignSlugs, createState, isUpToDate, makeGuid, recoverFromFeed, type StoredItem } from '../../src/batch/batch-state.js';
import { fingerprintArticle, fingerprintSettings, type AudioSettings } from '../../src/batch/fingerprint.js';
import { buildFeedXml } from '../../src/publish/feed.js';

const SETTINGS: AudioSettings = {
  briefcastVersion: '0.1.0',
  engine: 'flite',
  engineVersion: '2.2 /usr/bin/flite',
  casts: { en: { narrator: 'slt', host: 'rms' } },
  pauses: { sentenceMs: 250, paragraphMs: 600, sectionMs: 1000 },
  bitrateKbps: 64,
};

function item(slug: string, source: string, extra: Partial<StoredItem> = {}): StoredItem {
  return {
    slug,
    source,
    guid: makeGuid('f', slug),
    firstBriefedAt: '2025-01-01T00:00:00.000Z',
    briefedAt: '2025-01-01T00:00:00.000Z',
    articleHash: 'a',
    settingsHash: 's',
    title: slug,
    description: '',
    mp3Size: 10,
    mp3MtimeMs: 5,
    durationMs: 1000,
    chapters: [],
    segments: [],
    ...extra,
  };
}

describe('fingerprints', () => {
  it('change with every setting that changes the audio, and only then', () => {
    const base = fingerprintSettings(SETTINGS);
    expect(fingerprintSettings({ ...SETTINGS })).toBe(base);
    const variants: Partial<AudioSettings>[] = [
      { briefcastVersion: '0.2.0' },
      { engine: 'espeak-ng' },
      { engineVersion: '2.3 /usr/bin/flite' },
      { casts: { en: { narrator: 'kal', host: 'rms' } } },
      { casts: { en: { narrator: 'slt', host: 'awb' } } },
      // A French article's own voices, the same English ones: another briefing.
      { casts: { fr: { narrator: 'slt', host: 'rms' } } },
      { casts: { en: { narrator: 'slt', host: 'rms' }, fr: { narrator: 'fr', host: 'fr+m3' } } },
      // A piper voice replaced under the same name (voiceKey adds its files' stamp).
      { casts: { en: { narrator: 'slt 0123abcd', host: 'rms' } } },
      { language: 'fr' },
      { rateWpm: 180 },
      { pauses: { ...SETTINGS.pauses, paragraphMs: 700 } },
      { bitrateKbps: 96 },
      { from: 'text' },
    ];
    const hashes = variants.map((change) => fingerprintSettings({ ...SETTINGS, ...change }));
    expect(new Set([base, ...hashes]).size).toBe(variants.length + 1);
    // The order the languages were met in is no setting.
    const two = { en: { narrator: 'slt', host: 'rms' }, fr: { narrator: 'fr', host: 'fr+m3' } };
    expect(fingerprintSettings({ ...SETTINGS, casts: { fr: two.fr, en: two.en } })).toBe(fingerprintSettings({ ...SETTINGS, casts: two }));
  });

  it('keep content and format apart', () => {
    expect(fingerprintArticle('# A', 'markdown')).not.toBe(fingerprintArticle('# A', 'text'));
    expect(fingerprintArticle('ab', 'text')).toBe(fingerprintArticle('ab', 'text'));
  });
});

describe('isUpToDate', () => {
  const stored = item('a', '/in/a.md');
  const now = { source: '/in/a.md', articleHash: 'a', settingsHash: 's', mp3: { size: 10, mtimeMs: 5 }, sidecarsExist: true };
  it('holds only when the article, the settings and the written files all match', () => {
    expect(isUpToDate(stored, now)).toBe(true);
    expect(isUpToDate(undefined, now)).toBe(false);
    expect(isUpToDate(stored, { ...now, articleHash: 'b' })).toBe(false);
    expect(isUpToDate(stored, { ...now, settingsHash: 't' })).toBe(false);
    expect(isUpToDate(stored, { ...now, mp3: undefined })).toBe(false);
    expect(isUpToDate(stored, { ...now, mp3: { size: 11, mtimeMs: 5 } })).toBe(false);
    expect(isUpToDate(stored, { ...now, mp3: { size: 10, mtimeMs: 6 } })).toBe(false);
    expect(isUpToDate(stored, { ...now, sidecarsExist: false })).toBe(false);
    expect(isUpToDate(stored, { ...now, source: '/elsewhere/a.md' })).toBe(false);
  });
});

describe('assignSlugs', () => {
  it('names outputs after the files, and keeps the names (and so the guids) of articles briefed before', () => {
    const state = createState('f');
    state.items = [item('notes', '/in/notes.txt')];
    const slugs = assignSlugs(['/in/Market Notes.md', '/in/notes.md', '/in/notes.txt', '/in/x/notes.md'], state, () => true);
    expect(Object.fromEntries(slugs)).toEqual({
      '/in/Market Notes.md': 'market-notes',
      '/in/notes.txt': 'notes',
      '/in/notes.md': 'notes-md',
      '/in/x/notes.md': 'notes-2',
    });
  });

  it('gives the slug of an article that no longer exists to the one that replaced it', () => {
    const state = createState('f');
    state.items = [item('notes', '/old/notes.txt')];
    expect(assignSlugs(['/new/notes.txt'], state, () => false).get('/new/notes.txt')).toBe('notes');
    expect(assignSlugs(['/new/notes.txt'], state, () => true).get('/new/notes.txt')).toBe('notes-txt');
  });
});

describe('recoverFromFeed', () => {
  it('reads back guid and first date per episode from a feed this program wrote', () => {
    const xml = buildFeedXml({ title: 't', description: 'd', link: 'index.html', language: 'en', author: 'a', explicit: false, category: 'News' }, [
      {
        title: 'A & B',
        description: 'd',
        guid: 'briefcast:feed-9:a-and-b',
        pubDate: new Date('2025-03-04T05:06:07Z'),
        enclosureUrl: 'https://x.org/p/a-and-b.mp3',
        enclosureLength: 5,
        durationMs: 1000,
      },
    ]);
    const recovered = recoverFromFeed(xml);
    expect(recovered.feedId).toBe('feed-9');
    expect(Object.fromEntries(recovered.episodes)).toEqual({ 'a-and-b': { guid: 'briefcast:feed-9:a-and-b', firstBriefedAt: '2025-03-04T05:06:07.000Z' } });
  });
});

describe('the engine memory', () => {
  it('holds for the same request, search path, engine file and voice files, per set of languages, and for nothing else', async () => {
    const { mkdtemp, rm, writeFile, utimes, stat } = await import('node:fs/promises');
    const os = await import('node:os');
    const path = await import('node:path');
    const { addToMemo, engineMemoKey, languageSetKey, recallEngines } = await import('../../src/batch/engine-memo.js');
    const dir = await mkdtemp(path.join(os.tmpdir(), 'briefcast-memo-'));
    try {
      const binary = path.join(dir, 'piper');
      const model = path.join(dir, 'fr_FR-siwis-medium.onnx');
      await writeFile(binary, 'engine');
      await writeFile(model, 'model');
      const seen = async (file: string) => ({ path: file, size: (await stat(file)).size, mtimeMs: (await stat(file)).mtimeMs });
      const request = { engine: 'piper' as const };
      const key = engineMemoKey(request, '/usr/bin', '0.1.0');
      const spokenBy = (language: string) => ({ name: 'piper' as const, version: '1.2', path: binary, casts: { [language]: { narrator: 'v', host: 'v' } } });
      let memo = addToMemo(undefined, key, ['en'], { spokenBy: spokenBy('en'), files: [await seen(binary)] });
      memo = addToMemo(memo, key, ['fr'], { spokenBy: spokenBy('fr'), files: [await seen(binary), await seen(model)] });
      expect(languageSetKey(['fr', 'en', 'fr'])).toBe('en fr');
      expect(await recallEngines(memo, key, ['en', 'fr'])).toEqual(
        new Map([
          ['en', spokenBy('en')],
          ['fr', spokenBy('fr')],
        ]),
      );
      // A set it never met (a digest of both) is not guessed.
      expect(await recallEngines(memo, key, ['en fr'])).toBeUndefined();
      expect(await recallEngines(memo, engineMemoKey({ engine: 'piper', narrator: 'kal' }, '/usr/bin', '0.1.0'), ['en'])).toBeUndefined();
      expect(await recallEngines(memo, engineMemoKey(request, '/opt/bin:/usr/bin', '0.1.0'), ['en'])).toBeUndefined();
      expect(await recallEngines(memo, engineMemoKey(request, '/usr/bin', '0.2.0'), ['en'])).toBeUndefined();
      expect(await recallEngines(undefined, key, ['en'])).toBeUndefined();
      // Another memory key starts afresh.
      expect(addToMemo(memo, 'other', ['de'], { spokenBy: spokenBy('de'), files: [] }).engines).toEqual({ de: { spokenBy: spokenBy('de'), files: [] } });
      // The French voice's model replaced: French is probed again, English still holds.
      await utimes(model, new Date(), new Date(Date.now() + 5000));
      expect(await recallEngines(memo, key, ['en'])).toEqual(new Map([['en', spokenBy('en')]]));
      expect(await recallEngines(memo, key, ['fr'])).toBeUndefined();
      await utimes(binary, new Date(), new Date(Date.now() + 5000));
      expect(await recallEngines(memo, key, ['en'])).toBeUndefined();
      // A memory from before engines were kept per language is not recalled.
      expect(await recallEngines({ key, resolved: spokenBy('en') } as never, key, ['en'])).toBeUndefined();
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });
});
