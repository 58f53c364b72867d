// Locates an engine's executable. An explicit path is used as given (made absolute, so that a relative
// name such as "-x" can never read as an option); otherwise the first match on PATH wins.
import { accessSync, constants, statSync } from 'node:fs';
import path from 'node:path';

export function isExecutableFile(file: string): boolean {
  try {
    if (!statSync(file).isFile()) return false;
    // Windows has no execute bit: existence is all it checks.
    if (process.platform !== 'win32') accessSync(file, constants.X_OK);
    return true;
  } catch {
    return false;
  }
}

/** The absolute path of an executable, or undefined when it is not there. */
export function findExecutable(name: string, explicitPath?: string, envPath = process.env.PATH ?? ''): string | undefined {
  if (explicitPath !== undefined) {
    const resolved = path.resolve(explicitPath);
    return isExecutableFile(resolved) ? resolved : undefined;
  }
  const extensions = process.platform === 'win32' ? ['.exe', '.com', ''] : [''];
  for (const dir of envPath.split(path.delimiter).filter(Boolean)) {
    for (const extension of extensions) {
      const candidate = path.resolve(dir, name + extension);
      if (isExecutableFile(candidate)) return candidate;
    }
  }
  return undefined;
}

interface ExecutablePlace {
  /** Given by the user: the only place looked at. */
  explicitPath?: string;
  /** Where the program normally is (macOS's /usr/bin/say), looked at before PATH. */
  usualPath?: string;
  /** false: the program is only ever at its usual place, never anywhere on PATH. */
  searchPath?: boolean;
}

/** The absolute path of a program: at the explicit path alone when there is one, else its usual place, else PATH. */
export function locateExecutable(name: string, place: ExecutablePlace = {}): string | undefined {
  if (place.explicitPath !== undefined) return findExecutable(name, place.explicitPath);
  const usual = place.usualPath === undefined ? undefined : findExecutable(name, place.usualPath);
  return usual ?? (place.searchPath === false ? undefined : findExecutable(name));
}
