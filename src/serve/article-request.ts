// Reads what a client sent to POST <base>/api/articles: JSON {"url"} or {"title","text"}, or the same fields
// from a form. Pure: content type and body text in, a request or the reason it is refused out. A URL the
// server would refuse to fetch (another scheme, a private address) is refused here already, with a 4xx.
import { checkUrl, describeRefusal, type AddressPolicy } from '../read/address-policy.js';
import type { ArticleRequest } from '../queue/job-store.js';

export type ParsedArticleRequest = { ok: true; request: ArticleRequest } | { ok: false; status: 400 | 415 | 422; error: string };

const USAGE = 'Send {"url": "https://..."} or {"title": "...", "text": "..."} as JSON, or a form with a url field.';

function bad(error: string, status: 400 | 415 | 422 = 400): ParsedArticleRequest {
  return { ok: false, status, error };
}

type Fields = { fields: Record<string, unknown> } | { refused: ParsedArticleRequest };

function readFields(contentType: string, body: string): Fields {
  const type = contentType.split(';')[0]!.trim().toLowerCase();
  if (type === 'application/json' || type.endsWith('+json')) {
    let value: unknown;
    try {
      value = JSON.parse(body);
    } catch {
      return { refused: bad(`The body is not valid JSON. ${USAGE}`) };
    }
    const isObject = typeof value === 'object' && value !== null && !Array.isArray(value);
    return isObject ? { fields: value as Record<string, unknown> } : { refused: bad(`The JSON body is not an object. ${USAGE}`) };
  }
  if (type === 'application/x-www-form-urlencoded') return { fields: Object.fromEntries(new URLSearchParams(body)) };
  return { refused: bad(`Unsupported content type ${type ? `"${type}"` : '(none)'}. ${USAGE}`, 415) };
}

function text(value: unknown): string | undefined {
  return typeof value === 'string' && value.trim() !== '' ? value.trim() : undefined;
}

/** Parses and checks an article request against the server's fetch policy. */
export function parseArticleRequest(contentType: string, body: string, policy: AddressPolicy): ParsedArticleRequest {
  const read = readFields(contentType, body);
  if ('refused' in read) return read.refused;
  const { fields } = read;
  const url = text(fields.url);
  const articleText = text(fields.text);
  const title = text(fields.title);
  if (url !== undefined && articleText !== undefined) return bad(`Send either a url or a text, not both. ${USAGE}`);
  if (url !== undefined) {
    let parsed: URL;
    try {
      parsed = new URL(url);
    } catch {
      return bad(`${url} is not a valid URL. Send the article's full address, starting with https://.`);
    }
    const refusal = checkUrl(parsed, policy);
    if (refusal) return bad(describeRefusal(parsed.href, refusal), refusal.kind === 'scheme' ? 400 : 422);
    // The fragment names a place in the page, not another article.
    parsed.hash = '';
    return { ok: true, request: { kind: 'url', url: parsed.href } };
  }
  if (articleText !== undefined)
    return { ok: true, request: title === undefined ? { kind: 'text', text: articleText } : { kind: 'text', title, text: articleText } };
  return bad(`No article in the request. ${USAGE}`);
}
