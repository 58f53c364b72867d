// Reads a request body into memory up to a limit, so that a client cannot make the server hold an unbounded
// upload. Past the limit nothing more is kept; the caller answers 413 and closes the connection.
import type { IncomingMessage } from 'node:http';

/** The API's default body limit: a long pasted article fits, a stray upload does not. */
export const MAX_API_BODY_BYTES = 1024 * 1024;

/** The body as UTF-8 text, or 'too-large' as soon as it passes the limit (declared or streamed). */
export function readRequestBody(request: IncomingMessage, maxBytes: number): Promise<string | 'too-large'> {
  const declared = Number(request.headers['content-length']);
  if (Number.isFinite(declared) && declared > maxBytes) return Promise.resolve('too-large');
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let total = 0;
    let settled = false;
    // The stream is not destroyed when the limit is passed, which would take the socket and the 413 with it;
    // the rest is discarded until the response closes the connection.
    request.on('data', (chunk: Buffer) => {
      if (settled) return;
      total += chunk.length;
      if (total > maxBytes) {
        settled = true;
        chunks.length = 0;
        resolve('too-large');
        return;
      }
      chunks.push(chunk);
    });
    request.on('end', () => {
      if (settled) return;
      settled = true;
      resolve(Buffer.concat(chunks).toString('utf8'));
    });
    request.on('error', (error) => {
      if (!settled) reject(error);
    });
  });
}
