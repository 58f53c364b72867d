// Every engine's voices come out at the programme's loudness: voices differ by several LU as the engines write
// them, and espeak-ng loses more than a LU to the limiter unless its gain makes up for it.
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { runTool } from '../../src/run-tool.js';
import { measureFileLoudness } from '../helpers/media-tools.js';
import { describeWithBinaries } from '../helpers/require-binary.js';

const ROOT = path.resolve(import.meta.dirname, '../..');
const CLI = path.join(ROOT, 'dist/cli.js');

const ARTICLE = `Rivers Rise After a Week of Rain

Rivers across the region rose sharply on Sunday after a week of heavy rain, and officials warned that more
flooding was likely before the weekend.

Roads and Schools

Several roads near the valley were closed, and two schools told parents to keep children at home on Monday.
Engineers said the old bridge was safe but would be watched through the night.

What Comes Next

Forecasters expect the rain to ease by Wednesday. The council has opened a shelter in the town hall for anyone
who has to leave home, and volunteers are handing out sandbags at the market.
`;

let dir: string;
let input: string;
beforeAll(async () => {
  dir = await mkdtemp(path.join(os.tmpdir(), 'briefcast-loudness-'));
  input = path.join(dir, 'rivers.txt');
  await writeFile(input, ARTICLE);
});
afterAll(async () => {
  if (dir) await rm(dir, { recursive: true, force: true });
});

const ENGINES = [
  { engine: 'espeak-ng', binaries: ['espeak-ng'] },
  { engine: 'festival', binaries: ['text2wave'] },
  { engine: 'flite-wasm', binaries: [] },
] as const;

for (const { engine, binaries } of ENGINES) {
  describeWithBinaries('ffmpeg', ...binaries)(`${engine} briefing`, () => {
    it('is at -16 LUFS within 1 LU, with true peaks at or below -1 dBTP', async () => {
      const mp3 = path.join(dir, `${engine}.mp3`);
      const result = await runTool(process.execPath, [CLI, input, '--engine', engine, '-o', mp3, '--no-cache', '-q', '--no-sidecars'], { timeoutMs: 180_000 });
      expect(result.stderr).toBe('');
      expect(result.exitCode).toBe(0);
      const { integrated, truePeak } = await measureFileLoudness(mp3);
      expect(Math.abs(integrated + 16)).toBeLessThanOrEqual(1);
      expect(truePeak).toBeLessThanOrEqual(-1);
    }, 200_000);
  });
}
