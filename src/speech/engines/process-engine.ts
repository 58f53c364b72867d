// The one runner for every engine that is a program: it probes a ProcessEngineDescription and runs it once per
// request with the executable the probe found, through runTool. The text goes through a file in the request's
// workDir or through stdin, never through argv, so nothing in it can become an option.
import { constants } from 'node:fs';
import { mkdtemp, open, readdir, rm, type FileHandle } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { EngineError } from '../../errors.js';
import { locateExecutable } from '../../find-executable.js';
import { runTool } from '../../run-tool.js';
import type { EngineInfo, SpeechEngine, StampedFile } from '../engine.js';
import type { ProbePaths, ProcessEngineDescription, VoiceFilePair } from './engine-description.js';
import { writeScratchFile, writeTextFile, type TextFile } from './engine-text.js';
import { createDescribedEngine, type EngineJob, type EngineOutcome } from './run-engine.js';

export interface ProcessEngineOptions {
  /** The engine's executable instead of the one found at its usual place or on PATH. */
  executablePath?: string;
  /** Where the description's variables (PIPER_PATH, the voice folders) are read: the process's own by default. */
  env?: NodeJS.ProcessEnv;
}

export function createProcessEngine<Setup>(description: ProcessEngineDescription<Setup>, options: ProcessEngineOptions = {}): SpeechEngine {
  const { name, executable: where, probe: probing } = description;
  const env = options.env ?? process.env;
  const variable = where.pathVariable;
  const fromVariable = variable === undefined || !env[variable] ? undefined : env[variable];
  const explicitPath = options.executablePath ?? fromVariable;
  const locate = () => locateExecutable(where.name, { explicitPath, usualPath: where.usualPath?.(), searchPath: where.searchPath });
  // Looked up once: by the probe (the EngineInfo.path a run reports), else at the first run of an unprobed engine.
  let executable: string | undefined;
  // What the probe learned that runs need; an engine that needs it probes before its first run.
  let setup: Setup | undefined;

  async function probe(): Promise<EngineInfo | null> {
    if (description.platform !== undefined && process.platform !== description.platform) return null;
    const found = locate();
    if (!found) {
      // A variable that names no program is a mistake to report, not an engine to skip quietly.
      if (options.executablePath === undefined && fromVariable !== undefined) {
        throw new EngineError(
          `${variable} is ${JSON.stringify(fromVariable)}, which is not an executable file. Point it at the ${where.name} program, or unset it to use the ${where.name} on PATH.`,
        );
      }
      return null;
    }
    const companion =
      probing.companion === undefined ? undefined : locateExecutable(probing.companion, { usualPath: path.join(path.dirname(found), probing.companion) });
    if (probing.companion !== undefined && !companion) return null;
    // The probe's scripts get a private folder: there is no work folder yet.
    const scratch = probing.scripts ? await mkdtemp(path.join(os.tmpdir(), `briefcast-${name}-`)) : undefined;
    try {
      const scripts = scratch === undefined ? undefined : await writeScripts(probing.scripts, scratch, { unique: false });
      const voiceFolders = probing.voiceFolders?.folders(env);
      const paths: ProbePaths = { executable: found, companion, scriptPaths: scripts?.paths ?? {}, ...(voiceFolders ? { voiceFolders } : {}) };
      const [results, voiceFiles] = await Promise.all([
        Promise.all(
          probing.commands(paths).map((command) =>
            runTool(command.program ?? found, command.args, {
              ...(command.input === undefined ? {} : { input: command.input }),
              ...(command.timeoutMs === undefined ? {} : { timeoutMs: command.timeoutMs }),
              ...(description.environment ? { env: { ...description.environment } } : {}),
            }),
          ),
        ),
        voiceFolders ? findVoiceFiles(voiceFolders, probing.voiceFolders!) : [],
      ]);
      const probed = probing.parse(results, paths, voiceFiles);
      if ('problem' in probed) throw new EngineError(probed.problem);
      executable = found;
      const { setup: learned, ...info } = probed;
      setup = learned;
      return { name, path: found, ...info };
    } finally {
      if (scratch !== undefined) await rm(scratch, { recursive: true, force: true });
    }
  }

  async function run({ texts, args, request }: EngineJob<Setup>): Promise<EngineOutcome> {
    if (setup === undefined && probing.voiceFolders) await probe();
    executable ??= locate() ?? options.executablePath ?? where.usualPath?.() ?? where.name;
    const onStdin = description.textInput === 'stdin';
    // Files of a write that failed halfway stay in the workDir, for whoever removes it.
    const [textFiles, scripts] = await Promise.all([
      onStdin ? [] : Promise.all(texts.map((text) => writeTextFile(request.workDir, name, text))),
      writeScripts(description.scripts, request.workDir, { unique: true }),
    ]);
    try {
      const argv = args({ textPaths: textFiles.map((file) => file.path), outputWav: path.resolve(request.outputWav), scriptPaths: scripts.paths, setup });
      const result = await runTool(executable, argv, {
        ...(onStdin ? { input: Buffer.from(endLine(texts.join('')), 'utf8') } : {}),
        ...(description.environment ? { env: { ...description.environment } } : {}),
        ...(request.timeoutMs ? { timeoutMs: request.timeoutMs } : {}),
        ...(request.signal ? { signal: request.signal } : {}),
        cwd: request.workDir,
      });
      return { ...result, program: executable };
    } finally {
      await Promise.all([...textFiles, ...scripts.files].map((file) => file.remove()));
    }
  }

  const engine = createDescribedEngine(description, { probe, run });
  const { voiceStamp } = description;
  return voiceStamp ? { ...engine, voiceStamp: (voice) => voiceStamp(setup, voice) } : engine;
}

/** Input ends with a line break: a line reader may drop or hold back a last line without one. */
const endLine = (text: string) => (text.endsWith('\n') ? text : `${text}\n`);

// A voice config is a few kilobytes (a multi-speaker one some hundreds); anything far larger is not one.
const MAX_CONFIG_BYTES = 16 * 1024 * 1024;

/**
 * The voice file pairs in the folders: every config `<name><modelSuffix><configSuffix>` and its model, the config
 * read, the model opened once to prove it can be read. A folder that does not exist holds no voices.
 */
async function findVoiceFiles(folders: readonly string[], suffixes: { modelSuffix: string; configSuffix: string }): Promise<VoiceFilePair[]> {
  const pairs: VoiceFilePair[] = [];
  for (const folder of folders) {
    const names = await readdir(folder).catch(() => [] as string[]);
    const configEnd = `${suffixes.modelSuffix}${suffixes.configSuffix}`;
    for (const configFile of names.sort()) {
      // A voice is found by its config: a lone model is some other file, but a lone config is a voice whose model
      // is missing (a download that stopped halfway), which is reported rather than passed over.
      if (!configFile.endsWith(configEnd) || configFile.length === configEnd.length) continue;
      const file = configFile.slice(0, -suffixes.configSuffix.length);
      const model = path.resolve(folder, file);
      const config = path.resolve(folder, configFile);
      const [modelSeen, configRead] = await Promise.all([checkReadable(model), readSmallText(config)]);
      const pair: VoiceFilePair = { name: file.slice(0, -suffixes.modelSuffix.length), model, config };
      if ('text' in configRead) Object.assign(pair, { configText: configRead.text, configFile: configRead.file });
      if ('file' in modelSeen) pair.modelFile = modelSeen.file;
      const problem = ('problem' in modelSeen ? modelSeen.problem : undefined) ?? ('problem' in configRead ? configRead.problem : undefined);
      pairs.push(problem === undefined ? pair : { ...pair, problem });
    }
  }
  return pairs;
}

// O_NONBLOCK: a FIFO put where a voice should be opens at once (and is refused as not a regular file) instead of
// waiting for a writer. Links are followed: a voice folder may well link to models kept elsewhere.
const OPEN_VOICE_FILE = constants.O_RDONLY | (constants.O_NONBLOCK ?? 0);

/**
 * A voice file opened for reading, with its size and time (the voice's stamp: a model replaced under the same
 * name has another), or why it cannot be: not there, not readable, not a regular file.
 */
async function openVoiceFile(file: string): Promise<{ handle: FileHandle; file: StampedFile } | { problem: string }> {
  const handle = await open(file, OPEN_VOICE_FILE).catch((error: NodeJS.ErrnoException) => error);
  if (!('stat' in handle)) return { problem: `${file} cannot be read (${handle.code ?? handle.message})` };
  const info = await handle.stat();
  // An empty file is let through: whether it is a model is piper's to say, and it says so when it runs.
  if (info.isFile()) return { handle, file: { path: file, size: info.size, mtimeMs: info.mtimeMs } };
  await handle.close();
  return { problem: `${file} is not a regular file` };
}

/** Opened once to prove it can be read; its contents (a model of tens of megabytes) are not read. */
async function checkReadable(file: string): Promise<{ file: StampedFile } | { problem: string }> {
  const opened = await openVoiceFile(file);
  if ('problem' in opened) return opened;
  await opened.handle.close();
  return { file: opened.file };
}

async function readSmallText(file: string): Promise<{ text: string; file: StampedFile } | { problem: string }> {
  const opened = await openVoiceFile(file);
  if ('problem' in opened) return opened;
  try {
    if (opened.file.size > MAX_CONFIG_BYTES) return { problem: `${file} is ${opened.file.size} bytes, too large for a voice config` };
    return { text: (await opened.handle.readFile()).toString('utf8'), file: opened.file };
  } catch (error) {
    return { problem: `${file} cannot be read (${(error as NodeJS.ErrnoException).code ?? String(error)})` };
  } finally {
    await opened.handle.close();
  }
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
