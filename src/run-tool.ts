// The one place that starts processes. Arguments are always an argv array and never pass through a shell;
// article text reaches a tool through a file or stdin, never through argv.
import { execa } from 'execa';

export interface RunToolOptions {
  /** Bytes or text written to the tool's stdin. */
  input?: string | Uint8Array;
  /** Kill the tool after this long (SIGTERM, then SIGKILL). */
  timeoutMs?: number;
  /** Aborting kills the tool (used for Ctrl-C). */
  signal?: AbortSignal;
  cwd?: string;
  env?: Record<string, string | undefined>;
  /** Return stdout as bytes instead of text. */
  binaryStdout?: boolean;
}

export interface ToolResult {
  exitCode: number | undefined;
  stdout: string;
  stdoutBytes?: Uint8Array;
  stderr: string;
  /** Why the tool did not succeed, if it did not: 'missing' (not found/not executable), 'timeout', 'aborted', 'signal', 'exit'. */
  failure?: 'missing' | 'timeout' | 'aborted' | 'signal' | 'exit';
  signalName?: string;
}

/** Runs a tool to completion. Never throws for the tool's own failure: callers decide what a failure means. */
export async function runTool(file: string, args: readonly string[], options: RunToolOptions = {}): Promise<ToolResult> {
  const result = await execa(file, args, {
    reject: false,
    shell: false,
    stripFinalNewline: false,
    ...(options.input === undefined ? { stdin: 'ignore' as const } : { input: options.input }),
    ...(options.timeoutMs ? { timeout: options.timeoutMs } : {}),
    ...(options.signal ? { cancelSignal: options.signal } : {}),
    ...(options.cwd ? { cwd: options.cwd } : {}),
    ...(options.env ? { env: options.env, extendEnv: true } : {}),
    forceKillAfterDelay: 2000,
    encoding: options.binaryStdout ? 'buffer' : 'utf8',
    maxBuffer: 256 * 1024 * 1024,
  });
  const stdoutBytes = options.binaryStdout ? (result.stdout as unknown as Uint8Array) : undefined;
  const stdout = options.binaryStdout ? '' : String(result.stdout ?? '');
  const stderr = typeof result.stderr === 'string' ? result.stderr : Buffer.from(result.stderr ?? []).toString('utf8');
  return withFailure({ exitCode: result.exitCode, stdout, stderr, ...(stdoutBytes ? { stdoutBytes } : {}) }, result);
}

interface ExecaOutcome {
  failed: boolean;
  timedOut: boolean;
  isCanceled: boolean;
  signal?: string;
}

/** Names why a finished tool did not succeed, if it did not. */
function withFailure(base: ToolResult, result: ExecaOutcome): ToolResult {
  if (!result.failed) return base;
  const code = (result as { code?: string }).code;
  if (code === 'ENOENT' || code === 'EACCES') return { ...base, failure: 'missing' };
  if (result.timedOut) return { ...base, failure: 'timeout' };
  if (result.isCanceled) return { ...base, failure: 'aborted' };
  if (result.signal) return { ...base, failure: 'signal', signalName: result.signal };
  return { ...base, failure: 'exit' };
}

/** The last few non-empty lines of a tool's stderr, for error messages. */
export function stderrTail(stderr: string, lines = 3): string {
  return stderr
    .split(/\r?\n/)
    .map((line) => line.trim())
    .filter(Boolean)
    .slice(-lines)
    .join(' | ');
}

/** Thrown by StreamingTool.write when the tool is no longer reading: call finish() for its exit status and stderr. */
export class ToolExitedError extends Error {
  constructor(readonly file: string) {
    super(`${file} stopped reading its input`);
    this.name = 'ToolExitedError';
  }
}

export interface StreamingTool {
  /**
   * Writes to the tool's stdin and resolves once the chunk is handed to the pipe, so the caller may fill the same
   * memory again. Rejects with ToolExitedError once the tool has gone, or once it has taken nothing for
   * `stallTimeoutMs` (it is then stopped, and finish() reports a timeout).
   */
  write(chunk: Uint8Array): Promise<void>;
  /** Closes stdin and waits for the tool to exit, for at most `stallTimeoutMs` (then it is stopped). */
  finish(): Promise<ToolResult>;
}

export interface StreamingToolOptions extends Pick<RunToolOptions, 'signal' | 'cwd'> {
  /**
   * How long the tool may keep us waiting: a write it does not take, or its exit after the last input. Measured
   * from the last input it took, so the whole run may last as long as the input keeps coming.
   */
  stallTimeoutMs?: number;
}

/**
 * Starts a long-lived tool fed through stdin (the streaming encoder). Stdout is discarded; stderr is kept for
 * error messages. Aborting the signal kills it.
 */
export function startTool(file: string, args: readonly string[], options: StreamingToolOptions = {}): StreamingTool {
  const subprocess = execa(file, args, {
    reject: false,
    shell: false,
    stdin: 'pipe',
    stdout: 'ignore',
    stderr: 'pipe',
    ...(options.signal ? { cancelSignal: options.signal } : {}),
    ...(options.cwd ? { cwd: options.cwd } : {}),
    forceKillAfterDelay: 2000,
  });
  const stdin = subprocess.stdin!;
  // A tool that dies early makes writes fail with EPIPE; the exit status explains why, so keep that instead.
  stdin.on('error', () => {});
  let exited = false;
  let timedOut = false;
  const settled = subprocess.then((result) => {
    exited = true;
    return result;
  });
  /** Waits up to the stall limit; past it, stops the tool (SIGTERM, then SIGKILL). */
  const withinStallLimit = async <T>(waiting: Promise<T>): Promise<void> => {
    if (!options.stallTimeoutMs) {
      await waiting;
      return;
    }
    let timer: NodeJS.Timeout | undefined;
    const expired = new Promise<'expired'>((resolve) => (timer = setTimeout(() => resolve('expired'), options.stallTimeoutMs)));
    const outcome = await Promise.race([waiting, expired]);
    clearTimeout(timer);
    if (outcome === 'expired' && !exited) {
      timedOut = true;
      subprocess.kill();
    }
  };
  // A tool that exits before its input ends has failed (or was stopped): say so to the writer at once, so that
  // the work feeding it stops; finish() then tells why.
  const assertRunning = () => {
    if (exited || timedOut || stdin.destroyed) throw new ToolExitedError(file);
  };
  return {
    async write(chunk) {
      assertRunning();
      if (stdin.writableEnded) return;
      // Waiting for the chunk's own callback, not for 'drain', is what lets the writer reuse one buffer for the
      // whole programme: a fresh buffer per chunk cost page faults and garbage collections on every 64 KB.
      await withinStallLimit(
        new Promise<void>((resolve) => {
          const done = () => {
            stdin.off('close', done);
            resolve();
          };
          stdin.on('close', done);
          stdin.write(chunk, done);
        }),
      );
      assertRunning();
    },
    async finish() {
      stdin.end();
      await withinStallLimit(settled);
      const result = await settled;
      const base = { exitCode: result.exitCode, stdout: '', stderr: String(result.stderr ?? '') };
      return timedOut ? { ...base, failure: 'timeout' } : withFailure(base, result);
    },
  };
}
