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
      { settingsHash: SETTINGS },
    );
    expect(plan).toEqual({
      settingsHash: SETTINGS,
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
    const plan = planBatch(survey([read(BEES), read(RAIL)], state, { folder: folderWith('bees', 'rail') }), { settingsHash: SETTINGS });
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
    const plan = planBatch(survey(articles, state, { folder }), { settingsHash: SETTINGS });
    expect(plan.items.map((item) => [item.slug, item.action])).toEqual([
      ['a', 'brief'],
      ['b', 'brief'],
      ['c', 'brief'],
      ['d', 'brief'],
      ['e', 'up to date'],
    ]);
    const unchanged = planBatch(survey(articles.slice(4), state, { folder }), { settingsHash: 'settings-2' });
    expect(unchanged.items.map((item) => item.action)).toEqual(['brief']);
    const forced = planBatch(survey(articles.slice(4), state, { folder }), { settingsHash: SETTINGS, force: true });
    expect(forced.items.map((item) => item.action)).toEqual(['brief']);
    expect(forced.force).toBe(true);
  });

  it('keeps the name of an article briefed before and gives a newcomer a free one', () => {
    const state = stateWith(stored('notes', '/srv/in/notes.txt'), stored('gone', '/srv/in/gone.txt'));
    const articles = [read('/srv/in/notes.md'), read('/srv/in/notes.txt'), read('/srv/in/gone.md')];
    const plan = planBatch(survey(articles, state, { existingSources: new Set(['/srv/in/notes.txt', '/srv/in/notes.md', '/srv/in/gone.md']) }), {
      settingsHash: SETTINGS,
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
      { settingsHash: SETTINGS },
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
    const first = planBatch(survey(articles, createState('feed'), { digest: target }), { settingsHash: SETTINGS });
    expect(first.digest).toEqual({ target, sources: [BEES, RAIL], hash: hashOf(SETTINGS, BEES, RAIL), action: 'make', previous: undefined });

    const state = { ...stateWith(stored('bees', BEES), stored('rail', RAIL)), digest: previous(hashOf(SETTINGS, BEES, RAIL)) };
    const rerun = planBatch(survey(articles, state, { digest: target, folder: folderWith('bees', 'rail') }), { settingsHash: SETTINGS });
    expect(rerun.digest).toEqual({ target, sources: [BEES, RAIL], hash: hashOf(SETTINGS, BEES, RAIL), action: 'up to date', previous: state.digest });
    expect(needsEngine(rerun)).toBe(false);

    const replaced = planBatch(
      survey(articles, state, { digest: { ...target, outputs: { mp3: { size: 1, mtimeMs: 5 }, sidecarsExist: true } }, folder: folderWith('bees', 'rail') }),
      { settingsHash: SETTINGS },
    );
    expect(replaced.digest?.action).toBe('make');
    expect(needsEngine(replaced)).toBe(true);
    expect(
      planBatch(survey(articles, state, { digest: target, folder: folderWith('bees', 'rail') }), { settingsHash: SETTINGS, force: true }).digest?.action,
    ).toBe('make');
  });

  it('has nothing to read when no article could be read', () => {
    const unreadable: ArticleSeen = { file: CORRUPT, input: 'in/corrupt.txt', failure: { message: 'binary' } };
    expect(planBatch(survey([unreadable], createState('feed'), { digest: target }), { settingsHash: SETTINGS }).digest).toEqual({
      target,
      sources: [],
      hash: hashOf(SETTINGS),
      action: 'nothing to read',
      previous: undefined,
    });
  });

  it('is planned again without the articles whose briefing failed', () => {
    const plan = planBatch(survey([read(BEES), read(RAIL)], createState('feed'), { digest: target }), { settingsHash: SETTINGS });
    expect(replanDigest(plan, new Set([BEES, RAIL]))).toBe(plan.digest);
    expect(replanDigest(plan, new Set([RAIL]))).toEqual({ target, sources: [RAIL], hash: hashOf(SETTINGS, RAIL), action: 'make', previous: undefined });
    expect(replanDigest(plan, new Set())).toEqual({ target, sources: [], hash: hashOf(SETTINGS), action: 'nothing to read', previous: undefined });
    // The same failure as last time: the digest there already reads just the others.
    expect(planDigest(target, [{ file: RAIL, articleHash: `hash-${RAIL}` }], previous(hashOf(SETTINGS, RAIL)), { settingsHash: SETTINGS }).action).toBe(
      'up to date',
    );
  });
});
