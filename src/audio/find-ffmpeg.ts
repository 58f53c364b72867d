// Finds the ffmpeg to use, in this order (docs/ARCHITECTURE.md says why): an explicit setting, ffmpeg-static, ffmpeg
// on PATH, then @ffmpeg-installer/ffmpeg. An explicit setting that is wrong is an error, never a silent fallback.
import { createRequire } from 'node:module';
import path from 'node:path';
import { AudioError } from '../errors.js';
import { findExecutable, isExecutableFile } from '../find-executable.js';

export interface FfmpegLocation {
  path: string;
  /** Which rule found it, for `briefcast voices` and --debug. */
  origin: 'option' | 'FFMPEG_PATH' | 'ffmpeg-static' | 'PATH' | '@ffmpeg-installer/ffmpeg';
}

const require = createRequire(import.meta.url);

/** An optional dependency's exported binary path, or undefined when it is not installed or its binary is absent. */
async function fromPackage(load: () => unknown): Promise<string | undefined> {
  try {
    const exported = load();
    const file = typeof exported === 'string' ? exported : (exported as { path?: unknown } | null)?.path;
    // ffmpeg-static installed without its download script exports a path to a file that does not exist.
    return typeof file === 'string' && isExecutableFile(file) ? file : undefined;
  } catch {
    return undefined;
  }
}

export async function findFfmpeg(explicit?: string, env: NodeJS.ProcessEnv = process.env): Promise<FfmpegLocation> {
  const setting = explicit
    ? { value: explicit, origin: 'option' as const }
    : env.FFMPEG_PATH
      ? { value: env.FFMPEG_PATH, origin: 'FFMPEG_PATH' as const }
      : undefined;
  if (setting) {
    const resolved = path.resolve(setting.value);
    if (isExecutableFile(resolved)) return { path: resolved, origin: setting.origin };
    const onPath = !setting.value.includes(path.sep) ? findExecutable(setting.value) : undefined;
    if (onPath) return { path: onPath, origin: setting.origin };
    const name = setting.origin === 'option' ? '--ffmpeg' : 'FFMPEG_PATH';
    throw new AudioError(
      `${name} points to ${setting.value}, which is not an executable file. Fix ${name} or unset it to use the ffmpeg that briefcast finds.`,
    );
  }
  const fromStatic = await fromPackage(() => require('ffmpeg-static'));
  if (fromStatic) return { path: fromStatic, origin: 'ffmpeg-static' };
  const onPath = findExecutable('ffmpeg');
  if (onPath) return { path: onPath, origin: 'PATH' };
  const fromInstaller = await fromPackage(() => require('@ffmpeg-installer/ffmpeg'));
  if (fromInstaller) return { path: fromInstaller, origin: '@ffmpeg-installer/ffmpeg' };
  throw new AudioError('No ffmpeg found. Install it (`sudo apt-get install ffmpeg`, `brew install ffmpeg`) or set FFMPEG_PATH.');
}
