// Where piper's voices are looked for. Apart from the adapter (piper.ts) so that a batch can check the folders
// (has a voice been installed since?) without loading the engine runner.
import os from 'node:os';
import path from 'node:path';

/** The variable that names the voice folders (a path list), searched before the data folder. */
export const PIPER_VOICES_VARIABLE = 'BRIEFCAST_PIPER_VOICES';

/** briefcast's own folder for piper voices: $XDG_DATA_HOME/briefcast/piper-voices (~/.local/share/...), %LOCALAPPDATA% on Windows. */
export function defaultPiperVoiceFolder(env: NodeJS.ProcessEnv = process.env, platform: NodeJS.Platform = process.platform): string {
  if (env.XDG_DATA_HOME) return path.join(env.XDG_DATA_HOME, 'briefcast', 'piper-voices');
  if (platform === 'win32' && env.LOCALAPPDATA) return path.join(env.LOCALAPPDATA, 'briefcast', 'piper-voices');
  return path.join(os.homedir(), '.local', 'share', 'briefcast', 'piper-voices');
}

/** The folders searched for voices, first match of a name winning: BRIEFCAST_PIPER_VOICES's, then the data folder. */
export function piperVoiceFolders(env: NodeJS.ProcessEnv = process.env, platform: NodeJS.Platform = process.platform): string[] {
  const listed = (env[PIPER_VOICES_VARIABLE] ?? '').split(path.delimiter).filter((folder) => folder.trim() !== '');
  const folders = [...listed, defaultPiperVoiceFolder(env, platform)].map((folder) => path.resolve(folder));
  return [...new Set(folders)];
}
