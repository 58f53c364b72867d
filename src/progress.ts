// Progress is a port: stages report events; the CLI decides how (and whether) to draw them.

export const STAGES = ['read', 'parse', 'plan', 'synthesize', 'join', 'loudness', 'encode', 'tag'] as const;
export type Stage = (typeof STAGES)[number];

export interface ProgressReporter {
  stage(stage: Stage): void;
  segments(done: number, total: number): void;
  warn(message: string): void;
}

export const SILENT_REPORTER: ProgressReporter = Object.freeze({
  stage() {},
  segments() {},
  warn() {},
});
