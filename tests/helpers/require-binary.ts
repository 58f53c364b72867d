// Tests that need a program: they may skip on a laptop without it, but under CI=true they run (and fail),
// so a CI image that lost a binary cannot pass by skipping.
import { accessSync, constants, statSync } from 'node:fs';
import path from 'node:path';
import { describe } from 'vitest';

export function hasBinary(name: string): boolean {
  const extensions = process.platform === 'win32' ? ['.exe', '.cmd', ''] : [''];
  for (const dir of (process.env.PATH ?? '').split(path.delimiter).filter(Boolean)) {
    for (const extension of extensions) {
      try {
        const candidate = path.join(dir, name + extension);
        if (!statSync(candidate).isFile()) continue;
        accessSync(candidate, constants.X_OK);
        return true;
      } catch {
        // not here
      }
    }
  }
  return false;
}

export function isCi(): boolean {
  return process.env.CI === 'true';
}

/** True when a test needing these binaries should skip: one is missing and this is not CI. */
export function shouldSkipWithout(...names: string[]): boolean {
  return !isCi() && !names.every(hasBinary);
}

/** `describe` that skips without the binaries on a laptop and runs regardless under CI=true. */
export function describeWithBinaries(...names: string[]): typeof describe {
  return describe.skipIf(shouldSkipWithout(...names)) as typeof describe;
}
