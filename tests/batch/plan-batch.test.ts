// planBatch decides what a batch run does from what was read beforehand, without touching the disk: these tests
// give it a folder, a state and articles as data and check the whole plan.
import { describe, expect, it } from 'vitest';
import { createState, makeGuid, type BatchState, type StoredDigest, type StoredItem } from '../../src/batch/batch-state.js';
import { hashText } from '../../src/batch/fingerprint.js';
import {
  needsEngine,
  planBatch,
  planDigest,
  replanDigest,
  type ArticleSeen,
  type BatchSurvey,
  type DigestTarget,
  type FileSeen,
} from '../../src/batch/plan-batch.js';
import type { InputText } from '../../src/read/read-input.js';

const OUT = '/srv/out';
const SETTINGS = 'settings-1';
/** The settings fingerprint of each set of languages (the engine and voices each gets): English's is SETTINGS. */
const SETTINGS_OF: Readonly<Record<string, string>> = { en: SETTINGS, fr: 'settings-fr', 'en fr': 'settings-en-fr' };
const settingsHash = (languages: readonly string[]) => SETTINGS_OF[[...new Set(languages)].sort().join(' ')];
const MP3: FileSeen = { size: 1000, mtimeMs: 5 };
const SIDECAR: FileSeen = { size: 10, mtimeMs: 5 };

function text(source: string, content = `Text of ${source}`): InputText {
  return { content, format: 'text', source, warnings: [] };
}

function read(file: string, articleHash = `hash-${file}`): ArticleSeen {
  return { file, input: file.replace('/srv/in/', 'in/'), text: text(file), articleHash };
}

function stored(slug: string, source: string, extra: Partial<StoredItem> = {}): StoredItem {
  return {
    slug,
    source,
    guid: makeGuid('feed', slug),
    firstBriefedAt: '2025-01-01T00:00:00.000Z',
    briefedAt: '2025-01-01T00:00:00.000Z',
    articleHash: `hash-${source}`,
    settingsHash: SETTINGS,
    language: 'en',
    title: slug,
    description: '',
    mp3Size: MP3.size,
    mp3MtimeMs: MP3.mtimeMs,
    durationMs: 60_000,
    chapters: [{ title: slug, startMs: 0, endMs: 60_000 }],
    segments: [],
    ...extra,
  };
}

/** The MP3 and both sidecars of each slug, as written. */
function folderWith(...slugs: string[]): Map<string, FileSeen> {
  return new Map(
    slugs.flatMap(
      (slug) =>
        [
          [`${slug}.mp3`, MP3],
          [`${slug}.chapters.json`, SIDECAR],
          [`${slug}.vtt`, SIDECAR],
        ] as const,
    ),
  );
}

function survey(articles: ArticleSeen[], state: BatchState, extra: Partial<BatchSurvey> = {}): BatchSurvey {
  return { outDir: OUT, missing: [], articles, state, existingSources: new Set(articles.map((article) => article.file)), folder: new Map(), ...extra };
}

function stateWith(...items: StoredItem[]): BatchState {
  return { ...createState('feed'), items };
}

const BEES = '/srv/in/bees.txt';
const RAIL = '/srv/in/rail.html';
const CORRUPT = '/srv/in/corrupt.txt';

describe('planBatch', () => {
  it('briefs every readable article of a first run, names each after its file, and fails the unreadable one alone', () => {
    const unreadable: ArticleSeen = {
      file: CORRUPT,
      input: 'in/corrupt.txt',
      failure: { message: 'corrupt.txt looks like a binary file, not an article.', exitCode: 3 },
    };
    const plan = planBatch(
      survey([read(BEES), read(RAIL), unreadable], createState('feed'), { missing: [{ input: 'nope/*.md', message: 'nothing matches nope/*.md' }] }),
      { settingsHash },
    );
    expect(plan).toEqual({
      settingsHash,
      force: false,
      missing: [{ input: 'nope/*.md', message: 'nothing matches nope/*.md' }],
      items: [
        { action: 'brief', file: BEES, input: 'in/bees.txt', slug: 'bees', mp3: `${OUT}/bees.mp3`, text: text(BEES), articleHash: `hash-${BEES}` },
        { action: 'brief', file: RAIL, input: 'in/rail.html', slug: 'rail', mp3: `${OUT}/rail.mp3`, text: text(RAIL), articleHash: `hash-${RAIL}` },
        {
          action: 'unreadable',
          file: CORRUPT,
          input: 'in/corrupt.txt',
          slug: 'corrupt',
          error: 'corrupt.txt looks like a binary file, not an article.',
          exitCode: 3,
        },
      ],
      leaving: [],
      digest: undefined,
    });
    expect(needsEngine(plan)).toBe(true);
  });

  it('finds an unchanged rerun up to date, with the stored episode, and needs no engine', () => {
    const state = stateWith(stored('bees', BEES), stored('rail', RAIL));
    const plan = planBatch(survey([read(BEES), read(RAIL)], state, { folder: folderWith('bees', 'rail') }), { settingsHash });
    expect(plan.items.map((item) => [item.slug, item.action])).toEqual([
      ['bees', 'up to date'],
      ['rail', 'up to date'],
    ]);
    expect(plan.items[0]).toEqual({
      action: 'up to date',
      file: BEES,
      input: 'in/bees.txt',
      slug: 'bees',
      mp3: `${OUT}/bees.mp3`,
      text: text(BEES),
      articleHash: `hash-${BEES}`,
      language: 'en',
      stored: state.items[0],
    });
    expect(needsEngine(plan)).toBe(false);
  });

  it('briefs again an edited article, a replaced MP3, a missing sidecar, a moved article; everything under new settings or --force', () => {
    const state = stateWith(
      stored('a', '/srv/in/a.md'),
      stored('b', '/srv/in/b.md'),
      stored('c', '/srv/in/c.md'),
      stored('d', '/srv/in/old-d.md', { slug: 'd' }),
      stored('e', '/srv/in/e.md'),
    );
    const folder = folderWith('a', 'b', 'c', 'd', 'e');
    folder.set('b.mp3', { size: MP3.size, mtimeMs: 99 });
    folder.delete('c.vtt');
    const articles = [read('/srv/in/a.md', 'edited'), read('/srv/in/b.md'), read('/srv/in/c.md'), read('/srv/in/d.md'), read('/srv/in/e.md')];
    // d.md took over the slug of an article that no longer exists: the episode is briefed from the new source.
    const plan = planBatch(survey(articles, state, { folder }), { settingsHash });
    expect(plan.items.map((item) => [item.slug, item.action])).toEqual([
      ['a', 'brief'],
      ['b', 'brief'],
      ['c', 'brief'],
      ['d', 'brief'],
      ['e', 'up to date'],
    ]);
    const unchanged = planBatch(survey(articles.slice(4), state, { folder }), { settingsHash: () => 'settings-2' });
    expect(unchanged.items.map((item) => item.action)).toEqual(['brief']);
    const forced = planBatch(survey(articles.slice(4), state, { folder }), { settingsHash, force: true });
    expect(forced.items.map((item) => item.action)).toEqual(['brief']);
    expect(forced.force).toBe(true);
  });

  it('keeps the name of an article briefed before and gives a newcomer a free one', () => {
    const state = stateWith(stored('notes', '/srv/in/notes.txt'), stored('gone', '/srv/in/gone.txt'));
    const articles = [read('/srv/in/notes.md'), read('/srv/in/notes.txt'), read('/srv/in/gone.md')];
    const plan = planBatch(survey(articles, state, { existingSources: new Set(['/srv/in/notes.txt', '/srv/in/notes.md', '/srv/in/gone.md']) }), {
      settingsHash,
    });
    expect(plan.items.map((item) => [item.input, item.slug])).toEqual([
      ['in/notes.md', 'notes-md'],
      ['in/notes.txt', 'notes'],
      ['in/gone.md', 'gone'],
    ]);
  });

  it('lets an episode leave the feed when its MP3 is gone and this run does not make it again', () => {
    const state = stateWith(
      stored('kept', '/srv/in/kept.txt'),
      stored('lost', '/srv/in/lost.txt'),
      stored('remade', '/srv/in/remade.txt'),
      stored('orphan', '/srv/in/deleted.txt'),
    );
    const folder = folderWith('kept', 'orphan');
    const plan = planBatch(
      survey([read('/srv/in/kept.txt'), read('/srv/in/remade.txt')], state, {
        folder,
        existingSources: new Set(['/srv/in/kept.txt', '/srv/in/remade.txt', '/srv/in/lost.txt']),
      }),
      { settingsHash },
    );
    expect(plan.items.map((item) => [item.slug, item.action])).toEqual([
      ['kept', 'up to date'],
      ['remade', 'brief'],
    ]);
    // 'orphan' stays: its article is gone but its MP3 is still there, and podcast apps keep the episode.
    expect(plan.leaving).toEqual(['lost']);
  });
});

describe('the digest in the plan', () => {
  const target: DigestTarget = { file: `${OUT}/digest.mp3`, title: 'Your briefing digest', outputs: { mp3: MP3, sidecarsExist: true } };
  const hashOf = (settingsHash: string, ...files: string[]) => hashText(settingsHash, target.title, ...files.map((file) => `${file}\nhash-${file}`));
  const previous = (hash: string): StoredDigest => ({ file: target.file, hash, mp3Size: MP3.size, mp3MtimeMs: MP3.mtimeMs, durationMs: 120_000, chapters: 3 });

  it('is made from every readable article, in input order, and is up to date when the same articles and settings made the one there', () => {
    const articles = [read(BEES), read(RAIL)];
    const first = planBatch(survey(articles, createState('feed'), { digest: target }), { settingsHash });
    // Not briefed before, their languages are not known until they are parsed: the digest's fingerprint is taken when it is made.
    expect(first.digest).toEqual({ target, sources: [BEES, RAIL], hash: undefined, action: 'make', previous: undefined });

    const state = { ...stateWith(stored('bees', BEES), stored('rail', RAIL)), digest: previous(hashOf(SETTINGS, BEES, RAIL)) };
    const rerun = planBatch(survey(articles, state, { digest: target, folder: folderWith('bees', 'rail') }), { settingsHash });
    expect(rerun.digest).toEqual({ target, sources: [BEES, RAIL], hash: hashOf(SETTINGS, BEES, RAIL), action: 'up to date', previous: state.digest });
    expect(needsEngine(rerun)).toBe(false);

    const replaced = planBatch(
      survey(articles, state, { digest: { ...target, outputs: { mp3: { size: 1, mtimeMs: 5 }, sidecarsExist: true } }, folder: folderWith('bees', 'rail') }),
      { settingsHash },
    );
    expect(replaced.digest?.action).toBe('make');
    expect(needsEngine(replaced)).toBe(true);
    expect(planBatch(survey(articles, state, { digest: target, folder: folderWith('bees', 'rail') }), { settingsHash, force: true }).digest?.action).toBe(
      'make',
    );
  });

  it('has nothing to read when no article could be read', () => {
    const unreadable: ArticleSeen = { file: CORRUPT, input: 'in/corrupt.txt', failure: { message: 'binary' } };
    expect(planBatch(survey([unreadable], createState('feed'), { digest: target }), { settingsHash }).digest).toEqual({
      target,
      sources: [],
      hash: undefined,
      action: 'nothing to read',
      previous: undefined,
    });
  });

  it('is planned again without the articles whose briefing failed', () => {
    const plan = planBatch(survey([read(BEES), read(RAIL)], createState('feed'), { digest: target }), { settingsHash });
    expect(replanDigest(plan, new Set([BEES, RAIL]))).toBe(plan.digest);
    expect(replanDigest(plan, new Set([RAIL]))).toEqual({ target, sources: [RAIL], hash: undefined, action: 'make', previous: undefined });
    expect(replanDigest(plan, new Set())).toEqual({ target, sources: [], hash: undefined, action: 'nothing to read', previous: undefined });
    // The same failure as last time: the digest there already reads just the others.
    expect(planDigest(target, [{ file: RAIL, articleHash: `hash-${RAIL}`, language: 'en' }], previous(hashOf(SETTINGS, RAIL)), { settingsHash }).action).toBe(
      'up to date',
    );
  });
});

describe('articles in several languages', () => {
  const FR = '/srv/in/abeilles.txt';
  const target: DigestTarget = { file: `${OUT}/digest.mp3`, title: 'Your briefing digest', outputs: { mp3: MP3, sidecarsExist: true } };
  const both = () => ({
    ...stateWith(stored('bees', BEES), stored('abeilles', FR, { language: 'fr', settingsHash: SETTINGS_OF.fr! })),
    digest: {
      file: target.file,
      hash: hashText(SETTINGS_OF['en fr']!, target.title, `${BEES}\nhash-${BEES}`, `${FR}\nhash-${FR}`),
      mp3Size: MP3.size,
      mp3MtimeMs: MP3.mtimeMs,
      durationMs: 1,
      chapters: 3,
    },
  });
  const seen = (state: BatchState) => survey([read(BEES), read(FR)], state, { folder: folderWith('bees', 'abeilles'), digest: target });

  it("fingerprints each article with its own language's settings and the digest with all of theirs", () => {
    const asked: string[][] = [];
    const plan = planBatch(seen(both()), {
      settingsHash: (languages) => {
        asked.push([...languages]);
        return settingsHash(languages);
      },
    });
    expect(plan.items.map((item) => [item.slug, item.action])).toEqual([
      ['bees', 'up to date'],
      ['abeilles', 'up to date'],
    ]);
    expect(plan.digest?.action).toBe('up to date');
    expect(asked).toEqual([['en'], ['fr'], ['en', 'fr']]);
  });

  it('briefs again only the French article, and the digest, when only what French gets changes', () => {
    const frenchChanged = (languages: readonly string[]) => (languages.includes('fr') ? `${settingsHash(languages)}-new voice` : settingsHash(languages));
    const plan = planBatch(seen(both()), { settingsHash: frenchChanged });
    expect(plan.items.map((item) => [item.slug, item.action])).toEqual([
      ['bees', 'up to date'],
      ['abeilles', 'brief'],
    ]);
    expect(plan.digest?.action).toBe('make');
    // With one fingerprint for every language (the default language's), the French article would pass as up to date.
    expect(planBatch(seen(both()), { settingsHash: () => SETTINGS }).items.map((item) => item.action)).toEqual(['up to date', 'brief']);
  });

  it("does not trust last time's language for an edited article, nor a language whose engine is not known", () => {
    const edited = survey([read(BEES), read(FR, 'edited')], both(), { folder: folderWith('bees', 'abeilles') });
    const asked: string[][] = [];
    const plan = planBatch(edited, {
      settingsHash: (languages) => {
        asked.push([...languages]);
        return settingsHash(languages);
      },
    });
    expect(plan.items.map((item) => item.action)).toEqual(['up to date', 'brief']);
    expect(plan.items[1]).not.toHaveProperty('language');
    expect(asked).toEqual([['en']]);
    const unknownFrench = planBatch(seen(both()), { settingsHash: (languages) => (languages.includes('fr') ? undefined : settingsHash(languages)) });
    expect(unknownFrench.items.map((item) => item.action)).toEqual(['up to date', 'brief']);
    expect(unknownFrench.digest?.action).toBe('make');
  });
});
