// The one runner for every engine that is a program: it probes a ProcessEngineDescription and runs it once per
// request with the executable the probe found, through runTool. The text always goes through a file in the
// request's workDir, never through argv, so nothing in it can become an option.
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { EngineError } from '../../errors.js';
import { locateExecutable } from '../../find-executable.js';
import { runTool } from '../../run-tool.js';
import type { EngineInfo, SpeechEngine } from '../engine.js';
import type { ProbePaths, ProcessEngineDescription } from './engine-description.js';
import { writeScratchFile, writeTextFile, type TextFile } from './engine-text.js';
import { createDescribedEngine, type EngineJob, type EngineOutcome } from './run-engine.js';

/** `executablePath`: the engine's executable instead of the one found at its usual place or on PATH. */
export function createProcessEngine(description: ProcessEngineDescription, options: { executablePath?: string } = {}): SpeechEngine {
  const { name, executable: where, probe: probing } = description;
  const locate = () => locateExecutable(where.name, { explicitPath: options.executablePath, usualPath: where.usualPath?.(), searchPath: where.searchPath });
  // Looked up once: by the probe (the EngineInfo.path a run reports), else at the first run of an unprobed engine.
  let executable: string | undefined;

  async function probe(): Promise<EngineInfo | null> {
    if (description.platform !== undefined && process.platform !== description.platform) return null;
    const found = locate();
    if (!found) return null;
    const companion =
      probing.companion === undefined ? undefined : locateExecutable(probing.companion, { usualPath: path.join(path.dirname(found), probing.companion) });
    if (probing.companion !== undefined && !companion) return null;
    // The probe's scripts get a private folder: there is no work folder yet.
    const scratch = probing.scripts ? await mkdtemp(path.join(os.tmpdir(), `briefcast-${name}-`)) : undefined;
    try {
      const scripts = scratch === undefined ? undefined : await writeScripts(probing.scripts, scratch, { unique: false });
      const paths: ProbePaths = { executable: found, companion, scriptPaths: scripts?.paths ?? {} };
      const results = await Promise.all(
        probing.commands(paths).map((command) =>
          runTool(command.program ?? found, command.args, {
            ...(command.input === undefined ? {} : { input: command.input }),
            ...(command.timeoutMs === undefined ? {} : { timeoutMs: command.timeoutMs }),
          }),
        ),
      );
      const probed = probing.parse(results, paths);
      if ('problem' in probed) throw new EngineError(probed.problem);
      executable = found;
      return { name, path: found, ...probed };
    } finally {
      if (scratch !== undefined) await rm(scratch, { recursive: true, force: true });
    }
  }

  async function run({ texts, args, request }: EngineJob): Promise<EngineOutcome> {
    executable ??= locate() ?? options.executablePath ?? where.usualPath?.() ?? where.name;
    // Files of a write that failed halfway stay in the workDir, for whoever removes it.
    const [textFiles, scripts] = await Promise.all([
      Promise.all(texts.map((text) => writeTextFile(request.workDir, name, text))),
      writeScripts(description.scripts, request.workDir, { unique: true }),
    ]);
    try {
      const argv = args({ textPaths: textFiles.map((file) => file.path), outputWav: path.resolve(request.outputWav), scriptPaths: scripts.paths });
      const result = await runTool(executable, argv, {
        ...(request.timeoutMs ? { timeoutMs: request.timeoutMs } : {}),
        ...(request.signal ? { signal: request.signal } : {}),
        cwd: request.workDir,
      });
      return { ...result, program: executable };
    } finally {
      await Promise.all([...textFiles, ...scripts.files].map((file) => file.remove()));
    }
  }

  return createDescribedEngine(description, { probe, run });
}

/** Writes a description's scripts into dir: the files, and their paths by the scripts' names. */
async function writeScripts(
  scripts: Readonly<Record<string, string>> = {},
  dir: string,
  options: { unique: boolean },
): Promise<{ files: TextFile[]; paths: Record<string, string> }> {
  const entries = Object.entries(scripts);
  const files = await Promise.all(entries.map(([file, content]) => writeScratchFile(dir, file, content, options)));
  return { files, paths: Object.fromEntries(entries.map(([file], i) => [file, files[i]!.path])) };
}
