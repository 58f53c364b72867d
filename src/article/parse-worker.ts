// The worker thread in which parse-article.ts parses: a signal or a time limit can stop it mid-parse by
// terminating the thread, which no code in the main thread could do to a parser that never yields.
import { parentPort, workerData } from 'node:worker_threads';
import { InputError } from '../errors.js';
import type { Article, InputFormat } from '../types.js';
import { parseByFormat } from './parse-by-format.js';

export interface ParseRequest {
  content: string;
  format: InputFormat;
  source: string;
}

/** The article, or why there is none: an InputError's message, or a fault's message and stack. */
export type ParseReply = { article: Article } | { inputError: string } | { fault: { message: string; stack?: string } };

async function reply(request: ParseRequest): Promise<ParseReply> {
  try {
    return { article: await parseByFormat(request.content, request.format, request.source) };
  } catch (error) {
    if (error instanceof InputError) return { inputError: error.message };
    const fault = error instanceof Error ? error : new Error(String(error));
    return { fault: { message: fault.message, ...(fault.stack !== undefined && { stack: fault.stack }) } };
  }
}

parentPort?.postMessage(await reply(workerData as ParseRequest));
