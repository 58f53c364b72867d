// Errors are classes that carry their exit code; only the CLI entry point turns them into process.exitCode.
// A message says what happened, to which input, and what to do next, on one line.

export const EXIT_CODES = {
  ok: 0,
  failure: 1,
  usage: 2,
  input: 3,
  engine: 4,
  audio: 5,
  output: 6,
  /** briefcast batch: some articles (or the digest) failed; the others were written. */
  partial: 7,
  /** --queue: the Redis server cannot be reached (sysexits' EX_UNAVAILABLE). */
  queue: 69,
  /** briefcast batch: another run is writing to the output folder; try again when it is done (sysexits' EX_TEMPFAIL). */
  busy: 75,
  interrupted: 130,
  terminated: 143,
} as const;

export type ExitCodeName = keyof typeof EXIT_CODES;

export class BriefcastError extends Error {
  readonly exitCode: number;
  constructor(message: string, exitCode: number, options?: { cause?: unknown }) {
    super(message, options);
    this.name = new.target.name;
    this.exitCode = exitCode;
  }
}

/** Bad command-line usage: unknown option value, conflicting flags. */
export class UsageError extends BriefcastError {
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, EXIT_CODES.usage, options);
  }
}

/** The article cannot be read or holds nothing to read: missing, empty, binary, a directory, no article in the HTML, URL failures. */
export class InputError extends BriefcastError {
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, EXIT_CODES.input, options);
  }
}

/** A speech engine is missing, unknown, or failed on a segment. */
export class EngineError extends BriefcastError {
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, EXIT_CODES.engine, options);
  }
}

/**
 * No engine here (or not the one asked for, or not the voice asked for) speaks the article's language: refused
 * before any synthesis rather than read in another language. An engine problem, so the same exit code.
 */
export class LanguageError extends EngineError {}

/** ffmpeg is missing or failed, or the written file does not match the plan. */
export class AudioError extends BriefcastError {
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, EXIT_CODES.audio, options);
  }
}

/** The output path cannot be written. */
export class OutputError extends BriefcastError {
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, EXIT_CODES.output, options);
  }
}

/** A batch in which some articles failed while the others were briefed. */
export class PartialFailureError extends BriefcastError {
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, EXIT_CODES.partial, options);
  }
}

/** The output folder is being written by another briefcast run. */
export class FolderBusyError extends BriefcastError {
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, EXIT_CODES.busy, options);
  }
}

/** The Redis queue (--queue) cannot be reached, or answers as no Redis does. */
export class QueueUnavailableError extends BriefcastError {
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, EXIT_CODES.queue, options);
  }
}

export type StopSignal = 'SIGINT' | 'SIGTERM';

/** Ctrl-C (SIGINT) or SIGTERM stopped the run; `outcome` says what was kept (by default, nothing). */
export class InterruptedError extends BriefcastError {
  readonly signal: StopSignal;
  constructor(signal: StopSignal, outcome = 'nothing was written.') {
    super(`Interrupted by ${signal}: ${outcome}`, signal === 'SIGINT' ? EXIT_CODES.interrupted : EXIT_CODES.terminated);
    this.signal = signal;
  }
}

/**
 * What to tell the user about an error: a BriefcastError's own message and exit code, anything else as an
 * "unexpected error" (a bug, or a failure nobody named yet) without an exit code of its own.
 */
export function describeFailure(error: unknown): { message: string; exitCode?: number } {
  if (error instanceof BriefcastError) return { message: error.message, exitCode: error.exitCode };
  return { message: `unexpected error: ${error instanceof Error ? error.message : String(error)}` };
}
