// The engines a folder was last briefed with, one per set of languages, remembered in its state: probing an
// engine means loading every adapter and running the engine (about a third of a second), which would be most of
// the cost of a rerun that has nothing to do. Each article is read by the engine chosen for its own language (a
// French article by espeak-ng when flite reads the English ones), so each is fingerprinted with that engine and
// its voices. A remembered engine holds only while the request, the search path, the engine's program and its
// voices' files (a piper model) are the same; as soon as anything must be spoken, the engines are probed for real.
import { stat } from 'node:fs/promises';
import type { ChosenEngine } from '../pipeline.js';
import type { EngineName, StampedFile } from '../speech/engine.js';
import { voiceKey } from '../speech/engine-version.js';
import { piperVoiceFolders } from '../speech/engines/piper-folders.js';
import { hashText } from './fingerprint.js';

/** What of an engine choice decides the sound, for the settings fingerprint: the engine and each language's voices. */
export interface SpokenBy {
  name: EngineName;
  version: string;
  path: string;
  /** Each language's narrator and host, as voiceKey names them (a piper voice with its files' stamp). */
  casts: Readonly<Record<string, { narrator: string; host: string }>>;
}

/** One engine choice as remembered: what it decides, and the files that must be unchanged for it to hold. */
export interface RememberedEngine {
  spokenBy: SpokenBy;
  /** The engine's program (or module) when it was probed, then its voices' files (piper's model and config). */
  files: StampedFile[];
}

export interface EngineMemo {
  key: string;
  /** By set of languages (languageSetKey: "en", "en fr" for a digest): the engine that reads them. */
  engines: Record<string, RememberedEngine>;
}

export interface EngineRequest {
  engine: EngineName | 'auto';
  narrator?: string;
  host?: string;
  /** --lang: the voices are chosen for it. */
  language?: string;
}

/** `surroundings`: what else decides which engine and voices are found (engineSurroundings). */
export function engineMemoKey(request: EngineRequest, searchPath: string, briefcastVersion: string, surroundings: readonly string[] = []): string {
  const language = request.language === undefined ? [] : [request.language];
  return hashText(JSON.stringify([request.engine, request.narrator ?? null, request.host ?? null, searchPath, briefcastVersion, ...language, ...surroundings]));
}

/**
 * Besides PATH, what decides the engine and voices that --engine auto or piper finds: PIPER_PATH, and piper's
 * voice folders with their times (a voice put in or taken out changes its folder's), so that a voice installed
 * since the last run is found and the episodes it would now read are briefed again. Two or three stats.
 */
export async function engineSurroundings(request: EngineRequest, env: NodeJS.ProcessEnv): Promise<string[]> {
  if (request.engine !== 'auto' && request.engine !== 'piper') return [];
  const folders = await Promise.all(
    piperVoiceFolders(env).map(async (folder) => `${folder} ${(await stat(folder).catch(() => undefined))?.mtimeMs ?? 'absent'}`),
  );
  return [`PIPER_PATH=${env.PIPER_PATH ?? ''}`, ...folders];
}

/** The same set of languages, whatever their order: the key of an engine choice. */
export function languageSetKey(languages: readonly string[]): string {
  return [...new Set(languages)].sort().join(' ');
}

/** The engine and the voices of each of `languages`, as an engine the pipeline chose for them reads them. */
export function describeSpeaker(chosen: ChosenEngine, languages: readonly string[]): SpokenBy {
  const casts: Record<string, { narrator: string; host: string }> = {};
  for (const language of [...new Set(languages)].sort()) {
    const cast = chosen.casts[language];
    if (!cast) throw new Error(`The ${chosen.info.name} engine was not chosen for "${language}". This is a bug in briefcast batch.`);
    casts[language] = { narrator: voiceKey(chosen.engine, cast.narrator), host: voiceKey(chosen.engine, cast.host) };
  }
  return { name: chosen.info.name, version: chosen.info.version, path: chosen.info.path, casts };
}

/** A memory of a real probe; undefined when the engine's program cannot be checked later (then it is always probed). */
export async function rememberEngine(chosen: ChosenEngine, languages: readonly string[]): Promise<RememberedEngine | undefined> {
  const program = await stat(chosen.info.path).catch(() => undefined);
  if (!program?.isFile()) return undefined;
  const voices = [...new Set(languages)].flatMap((language) => {
    const cast = chosen.casts[language];
    return cast ? [cast.narrator, cast.host] : [];
  });
  const voiceFiles = voices.flatMap((voice) => chosen.engine.voiceStamp?.(voice)?.files ?? []);
  const files = [{ path: chosen.info.path, size: program.size, mtimeMs: program.mtimeMs }, ...voiceFiles];
  return { spokenBy: describeSpeaker(chosen, languages), files: [...new Map(files.map((file) => [file.path, file])).values()] };
}

/** The memory with one more engine choice: a memory under another key is forgotten. */
export function addToMemo(memo: EngineMemo | undefined, key: string, languages: readonly string[], remembered: RememberedEngine): EngineMemo {
  const engines = memo?.key === key && isMemo(memo) ? memo.engines : {};
  return { key, engines: { ...engines, [languageSetKey(languages)]: remembered } };
}

/**
 * The remembered engines of these sets of languages, if the memory holds for this request and every one of them
 * is there with its files unchanged; undefined otherwise (then the engines are probed).
 */
export async function recallEngines(memo: EngineMemo | undefined, key: string, sets: readonly string[]): Promise<Map<string, SpokenBy> | undefined> {
  if (!memo || memo.key !== key || !isMemo(memo)) return undefined;
  const recalled = new Map<string, SpokenBy>();
  for (const set of sets) {
    const remembered = Object.hasOwn(memo.engines, set) ? memo.engines[set] : undefined;
    if (!remembered || !(await filesUnchanged(remembered.files))) return undefined;
    recalled.set(set, remembered.spokenBy);
  }
  return recalled;
}

/** A memory written before engines were remembered per language has no `engines`: it is not recalled. */
function isMemo(memo: EngineMemo): boolean {
  return typeof memo.engines === 'object' && memo.engines !== null;
}

async function filesUnchanged(files: readonly StampedFile[]): Promise<boolean> {
  for (const file of files) {
    const info = await stat(file.path).catch(() => undefined);
    if (!info?.isFile() || info.size !== file.size || info.mtimeMs !== file.mtimeMs) return false;
  }
  return true;
}
