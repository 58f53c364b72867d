import { describe, expect, it } from 'vitest';
import { assignSlugs, createState, isUpToDate, makeGuid, recoverFromFeed, type StoredItem } from '../../src/batch/batch-state.js';
import { fingerprintArticle, fingerprintSettings, type AudioSettings } from '../../src/batch/fingerprint.js';
import { buildFeedXml } from '../../src/publish/feed.js';

const SETTINGS: AudioSettings = {
  briefcastVersion: '0.1.0',
  engine: 'flite',
  engineVersion: '2.2 /usr/bin/flite',
  narrator: 'slt',
  host: 'rms',
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
      { narrator: 'kal' },
      { host: 'awb' },
      { rateWpm: 180 },
      { pauses: { ...SETTINGS.pauses, paragraphMs: 700 } },
      { bitrateKbps: 96 },
      { from: 'text' },
    ];
    const hashes = variants.map((change) => fingerprintSettings({ ...SETTINGS, ...change }));
    expect(new Set([base, ...hashes]).size).toBe(variants.length + 1);
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
  it('holds for the same request, search path and engine file, and for nothing else', async () => {
    const { mkdtemp, rm, writeFile, utimes } = await import('node:fs/promises');
    const os = await import('node:os');
    const path = await import('node:path');
    const { engineMemoKey, memorizeEngine, recallEngine } = await import('../../src/batch/engine-memo.js');
    const dir = await mkdtemp(path.join(os.tmpdir(), 'briefcast-memo-'));
    try {
      const binary = path.join(dir, 'flite');
      await writeFile(binary, 'engine');
      const request = { engine: 'flite' as const };
      const key = engineMemoKey(request, '/usr/bin', '0.1.0');
      const resolved = { name: 'flite' as const, version: '2.2', path: binary, narrator: 'slt', host: 'rms' };
      const memo = await memorizeEngine(key, resolved);
      expect(await recallEngine(memo, key)).toEqual(resolved);
      expect(await recallEngine(memo, engineMemoKey({ engine: 'flite', narrator: 'kal' }, '/usr/bin', '0.1.0'))).toBeUndefined();
      expect(await recallEngine(memo, engineMemoKey(request, '/opt/bin:/usr/bin', '0.1.0'))).toBeUndefined();
      expect(await recallEngine(memo, engineMemoKey(request, '/usr/bin', '0.2.0'))).toBeUndefined();
      expect(await recallEngine(undefined, key)).toBeUndefined();
      await utimes(binary, new Date(), new Date(Date.now() + 5000));
      expect(await recallEngine(memo, key)).toBeUndefined();
      expect(await memorizeEngine(key, { ...resolved, path: path.join(dir, 'missing') })).toBeUndefined();
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });
});
