// Reads a request body into memory up to a limit, so that a client cannot make the server hold an unbounded
// upload. A body over the limit is not read further.
import type { IncomingMessage } from 'node:http';

/** The API's default body limit: a long pasted article fits, a stray upload does not. */
export const MAX_API_BODY_BYTES = 1024 * 1024;

/** The body as UTF-8 text, or 'too-large' as soon as it passes the limit (declared or streamed). */
export async function readRequestBody(request: IncomingMessage, maxBytes: number): Promise<string | 'too-large'> {
  const declared = Number(request.headers['content-length']);
  if (Number.isFinite(declared) && declared > maxBytes) return 'too-large';
  const chunks: Buffer[] = [];
  let total = 0;
  for await (const chunk of request) {
    total += (chunk as Buffer).length;
    if (total > maxBytes) return 'too-large';
    chunks.push(chunk as Buffer);
  }
  return Buffer.concat(chunks).toString('utf8');
}
