// Builds dist/ from the current source once before any test runs: the CLI tests run dist/cli.js as a user would,
// and must never exercise a build older than the code under test.
import { execFileSync } from 'node:child_process';
import { chmodSync } from 'node:fs';
import path from 'node:path';

export default function buildOnce(): void {
  const root = path.resolve(import.meta.dirname, '..');
  execFileSync(process.execPath, [path.join(root, 'node_modules/typescript/bin/tsc'), '-p', 'tsconfig.build.json'], { cwd: root, stdio: 'inherit' });
  chmodSync(path.join(root, 'dist/cli.js'), 0o755);
}
