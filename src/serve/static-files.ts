// Serves the podcast folder's files with `send`, which answers what podcast apps rely on: GET and HEAD, byte
// ranges (206, and 416 for a range past the end), ETag and Last-Modified with 304, Content-Length and
// Accept-Ranges. Dotfiles are never served: the folder's state (.briefcast/, which holds the token) and
// half-written temporaries stay private.
import type { IncomingMessage, ServerResponse } from 'node:http';
import send from 'send';

/** The headers briefcast adds to a file's response. Pure, so the policy is tested on its own. */
export function staticHeaders(fileName: string, isPrivate: boolean): Record<string, string> {
  const name = fileName.toLowerCase();
  const headers: Record<string, string> = {};
  if (name === 'feed.xml') headers['content-type'] = 'application/rss+xml; charset=utf-8';
  if (name.endsWith('.vtt')) headers['content-type'] = 'text/vtt; charset=utf-8';
  // The feed and the page change; a private one must not be kept by anything in between.
  const changes = name === 'feed.xml' || name.endsWith('.html');
  headers['cache-control'] = isPrivate ? (changes ? 'private, no-store' : 'private, no-cache') : 'no-cache';
  // Web players fetch transcripts and chapters from another origin.
  if (name.endsWith('.vtt') || name.endsWith('.json')) headers['access-control-allow-origin'] = '*';
  return headers;
}

/** Streams one file of `root`; `urlPath` is the percent-encoded path below the podcast's base. */
export function serveStatic(request: IncomingMessage, response: ServerResponse, root: string, urlPath: string, isPrivate: boolean): void {
  send(request, urlPath, { root, dotfiles: 'ignore', index: false, cacheControl: false, etag: true, lastModified: true, acceptRanges: true })
    .on('headers', (res: ServerResponse, filePath: string) => {
      for (const [name, value] of Object.entries(staticHeaders(filePath.split(/[\\/]/).pop() ?? '', isPrivate))) res.setHeader(name, value);
    })
    // A folder is not a page: no listings, no redirects that would drop the token from the path.
    .on('directory', (res: ServerResponse) => {
      res.statusCode = 404;
      res.setHeader('content-type', 'text/plain; charset=utf-8');
      res.end('Not found\n');
    })
    .pipe(response);
}
