// A folder that workers on several machines write into (a network mount): each machine sweeps only its own dead
// runs' temporary files, since a pid says nothing about another machine's processes.
import { execFileSync } from 'node:child_process';
import { mkdtemp, readdir, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { isPartialName, partialPathBeside, sweepPartials } from '../../src/write-atomic.js';

let dir: string;
beforeAll(async () => {
  dir = await mkdtemp(path.join(os.tmpdir(), 'briefcast-shared-'));
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

it("a machine sweeps its own dead runs' temporary files and leaves another machine's alone", async () => {
  // A pid that has exited, so that it is no run on this machine.
  const deadPid = Number(execFileSync(process.execPath, ['-e', 'process.stdout.write(String(process.pid))'])).toString(36);
  const mine = path.basename(partialPathBeside(path.join(dir, 'episode.mp3')));
  const [, hostTag] = /^\.briefcast-[0-9a-z]+-([0-9a-f]{4})[0-9a-f]{8}\.partial$/.exec(mine) ?? [];
  expect(hostTag, mine).toBeDefined();
  const otherTag = hostTag === 'ffff' ? '0000' : 'ffff';
  const ownDead = `.briefcast-${deadPid}-${hostTag!}0badf00d.partial`;
  const otherMachine = `.briefcast-${deadPid}-${otherTag}0badf00d.partial`;
  const olderName = `.briefcast-${deadPid}-0badf00d.partial`;
  for (const name of [ownDead, otherMachine, olderName]) {
    expect(isPartialName(name), name).toBe(true);
    await writeFile(path.join(dir, name), 'half an MP3');
  }
  await sweepPartials(dir);
  expect(await readdir(dir)).toEqual([otherMachine]);
});
