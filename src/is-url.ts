// A source is an http(s) URL when it starts with the scheme, in any case: the one test every stage uses to tell
// a URL from a file path or '-' for stdin.
const HTTP_URL = /^https?:\/\//i;

export function isUrl(source: string): boolean {
  return HTTP_URL.test(source);
}
