// The layering docs/ARCHITECTURE.md describes, checked on every relative import in src/: a stage folder imports
// only the folders beneath it, the pure folders touch no disk, process or network, and only src/run-tool.ts
// starts processes. A new import that breaks a rule fails here, so the document and the code cannot drift apart.
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';

const SRC = path.resolve(import.meta.dirname, '../../src');

/** The part of src/ a file belongs to: its top folder, or its own name for the shared files at the root. */
function partOf(file: string): string {
  const relative = path.relative(SRC, file).split(path.sep);
  return relative.length > 1 ? relative[0]! : relative[0]!.replace(/\.ts$/, '');
}

// The shared modules at the root of src/ that any part may import.
const SHARED = ['errors', 'types', 'defaults', 'progress', 'format-clock', 'is-url', 'settle-all', 'cache-file', 'run-tool', 'find-executable', 'write-atomic'];

/** What each part may import besides itself and the shared modules. */
const ALLOWED: Readonly<Record<string, readonly string[]>> = {
  article: [],
  script: ['article'],
  read: ['article', 'script'],
  audio: [],
  speech: ['audio', 'publish'],
  publish: [],
  // The run's work folder: made and swept by the pipeline, its write failures told as publish/ tells them.
  'work-folder': ['publish'],
  pipeline: ['read', 'article', 'script', 'speech', 'audio', 'publish', 'work-folder'],
  // Following sites' feeds: parsing and the polling decisions; the fetch is passed in (read/safe-fetch.ts).
  follow: ['read', 'article'],
  // The served folder's persistent job queue (jobs.json) and the port the article API talks to.
  queue: [],
  // `briefcast serve`: the HTTP layer over a podcast folder, the article API, the worker that briefs the queue,
  // and the followed feeds.
  serve: ['pipeline', 'batch', 'read', 'article', 'script', 'speech', 'audio', 'publish', 'follow', 'queue'],
  batch: ['pipeline', 'read', 'article', 'script', 'speech', 'audio', 'publish', 'follow'],
  // Briefing on other machines through Redis (BullMQ): the enqueuer's side of batch's RemoteBriefer port, and
  // `briefcast worker`, which renders episodes with batch's functions.
  worker: ['pipeline', 'batch', 'read', 'article', 'script', 'speech', 'audio', 'publish'],
  cli: ['worker', 'serve', 'queue', 'follow', 'pipeline', 'batch', 'read', 'article', 'script', 'speech', 'audio', 'publish'],
  index: ['pipeline', 'batch', 'read', 'article', 'script', 'speech', 'audio', 'publish'],
  // The shared modules import only one another.
  ...Object.fromEntries(SHARED.map((name) => [name, []])),
};

// Folders that are pure: text in, records out. Anything that reads the disk, starts a process or opens a
// connection lives at the edges.
const PURE = new Set(['article', 'script', 'follow']);
const IO_MODULES = /^(?:node:)?(?:fs|fs\/promises|child_process|net|http|https|dgram|dns)$|^execa$/;

function sourceFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) return sourceFiles(full);
    return entry.name.endsWith('.ts') ? [full] : [];
  });
}

function importsOf(file: string): string[] {
  const text = readFileSync(file, 'utf8');
  return [...text.matchAll(/(?:^|\n)\s*(?:import|export)\b[^'"]*?from\s+['"]([^'"]+)['"]|import\(\s*['"]([^'"]+)['"]\s*\)/g)].map(
    (match) => (match[1] ?? match[2])!,
  );
}

const files = sourceFiles(SRC);

describe('src/ layering', () => {
  it('finds the source files', () => {
    expect(files.length).toBeGreaterThan(50);
  });

  it('every part of src/ is described', () => {
    const parts = new Set(files.map(partOf));
    expect([...parts].filter((part) => !(part in ALLOWED))).toEqual([]);
  });

  it('a part imports only the parts beneath it and the shared modules', () => {
    const breaches: string[] = [];
    for (const file of files) {
      const from = partOf(file);
      const allowed = new Set([from, ...SHARED, ...(ALLOWED[from] ?? [])]);
      for (const specifier of importsOf(file).filter((s) => s.startsWith('.'))) {
        const to = partOf(path.resolve(path.dirname(file), specifier).replace(/\.js$/, '.ts'));
        if (!allowed.has(to)) breaches.push(`${path.relative(SRC, file)} imports ${specifier} (${from} -> ${to})`);
      }
    }
    expect(breaches).toEqual([]);
  });

  it('the pure folders touch no disk, process or network', () => {
    const breaches = files
      .filter((file) => PURE.has(partOf(file)))
      .flatMap((file) =>
        importsOf(file)
          .filter((specifier) => IO_MODULES.test(specifier))
          .map((specifier) => `${path.relative(SRC, file)} imports ${specifier}`),
      );
    expect(breaches).toEqual([]);
  });

  it('only src/run-tool.ts starts processes', () => {
    const spawners = files.filter((file) => importsOf(file).some((specifier) => /^(?:node:)?child_process$|^execa$/.test(specifier)));
    expect(spawners.map((file) => path.relative(SRC, file))).toEqual(['run-tool.ts']);
  });
});
