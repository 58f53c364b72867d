// Which handler answers a request: the folder's files, the article API, or nothing. Pure: method, request
// target and token in, a decision out. A private server answers only under /<token>/, so the feed, the page and
// the API are found by nobody who was not given the address.
import { matchesToken } from './token.js';

export type Route =
  | { kind: 'static'; path: string }
  | { kind: 'redirect'; location: string }
  | { kind: 'submit-article' }
  | { kind: 'get-article'; id: string }
  | { kind: 'list-articles' }
  | { kind: 'delete-episode'; slug: string }
  | { kind: 'not-found' }
  | { kind: 'method-not-allowed'; allow: string };

const JOB_ID = /^[A-Za-z0-9_-]{1,64}$/;
// An episode's file name without .mp3: what slugs are made of, and nothing that could leave the folder.
const EPISODE_SLUG = /^[a-z0-9][a-z0-9-]{0,199}$/;

/** The path of a request target: origin-form ("/a/b?q") as is, absolute-form (a proxy's) parsed. */
function pathOf(target: string): string | undefined {
  if (target.startsWith('/')) return target.replace(/[?#].*$/s, '');
  try {
    return new URL(target).pathname;
  } catch {
    return undefined;
  }
}

function only(method: string, allowed: readonly string[], route: Route): Route {
  return allowed.includes(method) ? route : { kind: 'method-not-allowed', allow: allowed.join(', ') };
}

/**
 * Routes a request. With a token, everything lives under /<token>/ and anything else is not found; without
 * (--public), under /. Static paths stay percent-encoded: the file server decodes and confines them.
 */
export function routeRequest(method: string, target: string, token: string | undefined): Route {
  const path = pathOf(target);
  if (path === undefined) return { kind: 'not-found' };
  let rest = path;
  if (token !== undefined) {
    const match = /^\/([^/]*)(\/.*)?$/s.exec(path);
    if (!match || !matchesToken(match[1]!, token)) return { kind: 'not-found' };
    // A relative Location keeps working behind a reverse proxy that serves the podcast under a path prefix.
    if (match[2] === undefined) return only(method, ['GET', 'HEAD'], { kind: 'redirect', location: `${token}/` });
    rest = match[2];
  }
  if (rest === '/api/articles') return method === 'POST' ? { kind: 'submit-article' } : only(method, ['GET', 'HEAD', 'POST'], { kind: 'list-articles' });
  if (rest.startsWith('/api/')) {
    const id = /^\/api\/articles\/([^/]+)$/.exec(rest)?.[1];
    if (id !== undefined) return JOB_ID.test(id) ? only(method, ['GET', 'HEAD'], { kind: 'get-article', id }) : { kind: 'not-found' };
    const slug = /^\/api\/episodes\/([^/]+)$/.exec(rest)?.[1];
    if (slug !== undefined) return EPISODE_SLUG.test(slug) ? only(method, ['DELETE'], { kind: 'delete-episode', slug }) : { kind: 'not-found' };
    return { kind: 'not-found' };
  }
  return only(method, ['GET', 'HEAD'], { kind: 'static', path: rest === '/' ? '/index.html' : rest });
}
