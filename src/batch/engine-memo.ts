// The engine a folder was last briefed with, remembered in its state: probing an engine means loading every
// adapter and running the engine (about a third of a second), which would be most of the cost of a rerun that
// has nothing to do. The memory holds only while the request, the search path and the engine's file are the
// same; as soon as anything must be spoken, the engine is probed for real and the memory renewed.
import { stat } from 'node:fs/promises';
import type { EngineName } from '../speech/engine.js';
import { hashText } from './fingerprint.js';

export interface ResolvedEngine {
  name: EngineName;
  version: string;
  path: string;
  narrator: string;
  host: string;
}

export interface EngineMemo {
  key: string;
  resolved: ResolvedEngine;
  /** The engine's file (executable or module) when it was probed. */
  size: number;
  mtimeMs: number;
}

export interface EngineRequest {
  engine: EngineName | 'auto';
  narrator?: string;
  host?: string;
  /** --lang: the voices are chosen for it. */
  language?: string;
}

export function engineMemoKey(request: EngineRequest, searchPath: string, briefcastVersion: string): string {
  // A request without --lang keys as it always has, so folders briefed before languages keep their memory.
  const language = request.language === undefined ? [] : [request.language];
  return hashText(JSON.stringify([request.engine, request.narrator ?? null, request.host ?? null, searchPath, briefcastVersion, ...language]));
}

/** The remembered engine, if the memory still holds for this request and the engine's file is unchanged. */
export async function recallEngine(memo: EngineMemo | undefined, key: string): Promise<ResolvedEngine | undefined> {
  if (!memo || memo.key !== key) return undefined;
  const info = await stat(memo.resolved.path).catch(() => undefined);
  return info?.isFile() && info.size === memo.size && info.mtimeMs === memo.mtimeMs ? memo.resolved : undefined;
}

/** A memory of a real probe; undefined when the engine's file cannot be checked later (then it is always probed). */
export async function memorizeEngine(key: string, resolved: ResolvedEngine): Promise<EngineMemo | undefined> {
  const info = await stat(resolved.path).catch(() => undefined);
  return info?.isFile() ? { key, resolved, size: info.size, mtimeMs: info.mtimeMs } : undefined;
}
