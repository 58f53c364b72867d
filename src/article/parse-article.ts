// The article stage's entry point: content already read (see src/read/) in, one Article out. The parsers run in a
// worker thread (parse-worker.ts), so that Ctrl-C, SIGTERM or a time limit stops a page that would keep them
// busy for minutes; a parser that never yields cannot be stopped in the main thread.
import { Worker } from 'node:worker_threads';
import { InputError } from '../errors.js';
import type { Article, InputFormat } from '../types.js';
import { parseByFormat } from './parse-by-format.js';
import type { ParseReply, ParseRequest } from './parse-worker.js';

export { CODE_NOTE, TABLE_NOTE, SKIPPED_NOTES } from './collect-sections.js';

export interface ParseOptions {
  /** Stops the parse; the promise rejects with the signal's reason. */
  signal?: AbortSignal;
  /** Longest a parse may take; default parseTimeLimitMs(content, format). */
  timeLimitMs?: number;
}

/**
 * How long parsing may take: for HTML 15 s and 45 s more per megabyte (jsdom and Readability take a second or
 * two for an ordinary page and under a minute for 1 MB on a slow, busy machine); for text and Markdown, which
 * parse in well under a second, 10 s and 5 s more per megabyte.
 */
export function parseTimeLimitMs(content: string, format: InputFormat): number {
  const megabytes = content.length / (1024 * 1024);
  return Math.round(format === 'html' ? 15_000 + megabytes * 45_000 : 10_000 + megabytes * 5_000);
}

// The worker runs the compiled parse-worker.js; run from the TypeScript sources (vitest) there is none, and the
// parse runs in this thread, without the time limit.
const WORKER = new URL('./parse-worker.js', import.meta.url);
const HAS_COMPILED_WORKER = import.meta.url.endsWith('.js');

export async function parseArticle(content: string, format: InputFormat, source: string, options: ParseOptions = {}): Promise<Article> {
  options.signal?.throwIfAborted();
  if (content.replace(/^\uFEFF/, '').trim() === '') {
    throw new InputError(`Nothing to read in ${source}: it is empty. Give an article with some text.`);
  }
  if (!HAS_COMPILED_WORKER) return parseByFormat(content, format, source);
  return parseInWorker({ content, format, source }, options.signal, options.timeLimitMs ?? parseTimeLimitMs(content, format));
}

function describeSeconds(ms: number): string {
  const seconds = Math.round(ms / 100) / 10;
  return `${seconds} second${seconds === 1 ? '' : 's'}`;
}

function parseInWorker(request: ParseRequest, signal: AbortSignal | undefined, timeLimitMs: number): Promise<Article> {
  return new Promise<Article>((resolve, reject) => {
    const worker = new Worker(WORKER, { workerData: request });
    let settled = false;
    const finish = (outcome: () => void) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      signal?.removeEventListener('abort', onAbort);
      // Terminating a finished worker is harmless; an unfinished one is stopped mid-parse.
      void worker.terminate();
      outcome();
    };
    const onAbort = () => finish(() => reject(signal!.reason));
    const timer = setTimeout(
      () =>
        finish(() =>
          reject(
            new InputError(
              `Reading ${request.source} took longer than ${describeSeconds(timeLimitMs)}, the most briefcast allows for ${request.format === 'html' ? 'a page' : 'an article'} of its size: it is built in a way that is too slow to read. Save the article's text as a .txt file.`,
            ),
          ),
        ),
      timeLimitMs,
    );
    signal?.addEventListener('abort', onAbort, { once: true });
    if (signal?.aborted) onAbort();
    worker.once('message', (reply: ParseReply) =>
      finish(() => {
        if ('article' in reply) resolve(reply.article);
        else if ('inputError' in reply) reject(new InputError(reply.inputError));
        else reject(Object.assign(new Error(reply.fault.message), { stack: reply.fault.stack }));
      }),
    );
    worker.once('error', (error: Error & { code?: string }) =>
      finish(() =>
        reject(
          error.code === 'ERR_WORKER_OUT_OF_MEMORY'
            ? new InputError(`Reading ${request.source} ran out of memory: it is too large or too complex to read. Save the article's text as a .txt file.`, {
                cause: error,
              })
            : error,
        ),
      ),
    );
    worker.once('exit', (code) => finish(() => reject(new Error(`the parser stopped unexpectedly (exit code ${code})`))));
  });
}
