// A batch of articles in two languages, end to end with the real CLI and real engines: with --engine auto, flite
// reads the English article and espeak-ng the French one (flite has no French voice). Each episode is
// fingerprinted with the engine its own language gets, so a change to what French gets briefs the French article
// again and leaves the English one alone; a rerun with nothing to do trusts the folder's memory of both engines
// and runs neither. The lever is the one a user pulls: another espeak-ng (here a copy of the installed one)
// earlier on PATH, then gone.
import { chmod, copyFile, mkdir, readFile, rm, stat, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { findExecutable } from '../../src/find-executable.js';
import { createSandbox, runCli, type Sandbox } from '../cli/cli-harness.js';
import { probeFile } from '../helpers/media-tools.js';
import { describeWithBinaries } from '../helpers/require-binary.js';

const ENGLISH =
  '# Harbour works\n\nThe harbour reopened on Monday after two weeks of repairs. Fishing boats returned at dawn.\n\nThe council will review the budget in May.\n';
const FRENCH =
  '# Les abeilles de la ville\n\nLes abeilles des toits de Paris produisent un miel remarquable. Les apiculteurs sont ravis de la récolte de cette année.\n\nLa prochaine récolte commence en juin.\n';

interface Report {
  items: { input: string; status: string; file?: string }[];
}
interface State {
  items: { slug: string; language?: string; settingsHash: string }[];
  engine?: { engines: Record<string, { spokenBy: { name: string; path: string } }> };
}

describeWithBinaries(
  'flite',
  'espeak-ng',
  'ffmpeg',
  'ffprobe',
)('batch with an English and a French article', () => {
  let sandbox: Sandbox;
  let shadow: string;
  let env: NodeJS.ProcessEnv;
  const statuses = (report: Report) => report.items.map((item) => [item.input, item.status]);
  const readState = async () => JSON.parse(await readFile(sandbox.path('out', '.briefcast', 'state.json'), 'utf8')) as State;
  const batch = async () => {
    const result = await runCli(['batch', 'in', '-o', 'out', '--json'], sandbox, { env, timeoutMs: 240_000 });
    expect(result.exitCode, result.stderr).toBe(0);
    return JSON.parse(result.stdout) as Report;
  };

  beforeAll(async () => {
    sandbox = await createSandbox('briefcast-batch-languages-');
    await mkdir(sandbox.path('in'));
    await writeFile(sandbox.path('in', 'harbour.md'), ENGLISH);
    await writeFile(sandbox.path('in', 'abeilles.md'), FRENCH);
    // Another espeak-ng first on PATH: a copy of the installed one, which reads with the same data.
    shadow = sandbox.path('shadow-bin');
    await mkdir(shadow);
    await copyFile(findExecutable('espeak-ng')!, path.join(shadow, 'espeak-ng'));
    await chmod(path.join(shadow, 'espeak-ng'), 0o755);
    env = { PATH: [shadow, process.env.PATH ?? ''].join(path.delimiter) };
  });

  afterAll(async () => {
    await sandbox?.remove();
  });

  it('reads each article with the engine of its language, remembers both, and finds a rerun up to date without running either', async () => {
    expect(statuses(await batch())).toEqual([
      ['in/abeilles.md', 'made'],
      ['in/harbour.md', 'made'],
    ]);
    const state = await readState();
    expect(Object.fromEntries(state.items.map((item) => [item.slug, item.language]))).toEqual({ abeilles: 'fr', harbour: 'en' });
    const engines = state.engine!.engines;
    expect(engines.en!.spokenBy.name).toBe('flite');
    expect(engines.fr!.spokenBy).toMatchObject({ name: 'espeak-ng', path: path.join(shadow, 'espeak-ng') });
    // Two episodes read by two engines are two fingerprints.
    expect(new Set(state.items.map((item) => item.settingsHash)).size).toBe(2);
    const french = (await probeFile(sandbox.path('out', 'abeilles.mp3'))).format.tags;
    expect(french?.language).toBe('fra');

    // Not executable any more, with its size and time unchanged: a probe would not find this espeak-ng and would
    // take the other one, a change that briefs the French article again. Up to date means no engine was probed.
    await chmod(path.join(shadow, 'espeak-ng'), 0o644);
    try {
      expect(statuses(await batch())).toEqual([
        ['in/abeilles.md', 'up to date'],
        ['in/harbour.md', 'up to date'],
      ]);
    } finally {
      await chmod(path.join(shadow, 'espeak-ng'), 0o755);
    }
  }, 300_000);

  it('briefs again only the French article when French gets another espeak-ng; English, still read by flite, stays up to date', async () => {
    const english = await stat(sandbox.path('out', 'harbour.mp3'));
    const before = await readState();
    await rm(path.join(shadow, 'espeak-ng'));
    expect(statuses(await batch())).toEqual([
      ['in/abeilles.md', 'made'],
      ['in/harbour.md', 'up to date'],
    ]);
    expect((await stat(sandbox.path('out', 'harbour.mp3'))).mtimeMs).toBe(english.mtimeMs);
    const after = await readState();
    expect(after.engine!.engines.fr!.spokenBy.path).toBe(findExecutable('espeak-ng'));
    const hashes = (state: State) => Object.fromEntries(state.items.map((item) => [item.slug, item.settingsHash]));
    expect(hashes(after).harbour).toBe(hashes(before).harbour);
    expect(hashes(after).abeilles).not.toBe(hashes(before).abeilles);
    expect(statuses(await batch())).toEqual([
      ['in/abeilles.md', 'up to date'],
      ['in/harbour.md', 'up to date'],
    ]);
  }, 300_000);
});
