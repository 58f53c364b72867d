import { describe, expect, it } from 'vitest';
import { parseArticleRequest } from '../../src/serve/article-request.js';
import { createHostPolicy, hostOfHeader } from '../../src/serve/host-check.js';
import { routeRequest } from '../../src/serve/route-request.js';
import { describeBaseUrl } from '../../src/serve/server.js';
import { staticHeaders } from '../../src/serve/static-files.js';
import { createToken, isTokenShaped, matchesToken } from '../../src/serve/token.js';

describe('token', () => {
  it('is random and URL-safe, 32 base64url characters (192 bits)', () => {
    const tokens = new Set(Array.from({ length: 200 }, () => createToken()));
    expect(tokens.size).toBe(200);
    for (const token of tokens) {
      expect(token).toMatch(/^[A-Za-z0-9_-]{32}$/);
      expect(isTokenShaped(token)).toBe(true);
      expect(encodeURIComponent(token)).toBe(token);
    }
  });

  it('matches only the exact token', () => {
    const token = createToken();
    expect(matchesToken(token, token)).toBe(true);
    expect(matchesToken(token.slice(0, -1), token)).toBe(false);
    expect(matchesToken(`${token}x`, token)).toBe(false);
    expect(matchesToken('', token)).toBe(false);
    expect(isTokenShaped('short')).toBe(false);
    expect(isTokenShaped('has/slash-and-more-characters-here')).toBe(false);
  });
});

describe('routeRequest', () => {
  const token = 'T0k3n_abcdefghijklmnopqrstuvwxyz';

  it('serves everything under /<token>/ and nothing elsewhere', () => {
    expect(routeRequest('GET', `/${token}/feed.xml`, token)).toEqual({ kind: 'static', path: '/feed.xml' });
    expect(routeRequest('HEAD', `/${token}/ep%20one.mp3?x=1`, token)).toEqual({ kind: 'static', path: '/ep%20one.mp3' });
    expect(routeRequest('GET', `/${token}/`, token)).toEqual({ kind: 'static', path: '/index.html' });
    expect(routeRequest('GET', `/${token}`, token)).toEqual({ kind: 'redirect', location: `${token}/` });
    expect(routeRequest('GET', '/feed.xml', token)).toEqual({ kind: 'not-found' });
    expect(routeRequest('GET', '/', token)).toEqual({ kind: 'not-found' });
    expect(routeRequest('GET', `/${token.slice(1)}/feed.xml`, token)).toEqual({ kind: 'not-found' });
    expect(routeRequest('GET', `//${token}/feed.xml`, token)).toEqual({ kind: 'not-found' });
    expect(routeRequest('GET', `http://proxy.example/${token}/feed.xml`, token)).toEqual({ kind: 'static', path: '/feed.xml' });
    expect(routeRequest('GET', '*', token)).toEqual({ kind: 'not-found' });
  });

  it('routes the article API and refuses other methods with the allowed ones', () => {
    expect(routeRequest('POST', `/${token}/api/articles`, token)).toEqual({ kind: 'submit-article' });
    expect(routeRequest('GET', `/${token}/api/articles`, token)).toEqual({ kind: 'list-articles' });
    expect(routeRequest('PUT', `/${token}/api/articles`, token)).toEqual({ kind: 'method-not-allowed', allow: 'GET, HEAD, POST' });
    expect(routeRequest('DELETE', `/${token}/api/episodes/harbour-reopens-k3f9q2`, token)).toEqual({ kind: 'delete-episode', slug: 'harbour-reopens-k3f9q2' });
    expect(routeRequest('GET', `/${token}/api/episodes/harbour`, token)).toEqual({ kind: 'method-not-allowed', allow: 'DELETE' });
    expect(routeRequest('DELETE', `/${token}/api/episodes/..%2Ffeed`, token)).toEqual({ kind: 'not-found' });
    expect(routeRequest('DELETE', `/${token}/api/episodes/.briefcast`, token)).toEqual({ kind: 'not-found' });
    expect(routeRequest('GET', `/${token}/api/articles/abc_123-X`, token)).toEqual({ kind: 'get-article', id: 'abc_123-X' });
    expect(routeRequest('DELETE', `/${token}/api/articles/abc`, token)).toEqual({ kind: 'method-not-allowed', allow: 'GET, HEAD' });
    expect(routeRequest('GET', `/${token}/api/articles/a%2Fb`, token)).toEqual({ kind: 'not-found' });
    expect(routeRequest('GET', `/${token}/api/other`, token)).toEqual({ kind: 'not-found' });
    expect(routeRequest('PUT', `/${token}/feed.xml`, token)).toEqual({ kind: 'method-not-allowed', allow: 'GET, HEAD' });
  });

  it('serves at / when public', () => {
    expect(routeRequest('GET', '/feed.xml', undefined)).toEqual({ kind: 'static', path: '/feed.xml' });
    expect(routeRequest('GET', '/', undefined)).toEqual({ kind: 'static', path: '/index.html' });
    expect(routeRequest('POST', '/api/articles', undefined)).toEqual({ kind: 'submit-article' });
  });
});

describe('host policy', () => {
  it('reads the host of a Host header', () => {
    expect(hostOfHeader('Example.COM:8080')).toBe('example.com');
    expect(hostOfHeader('[::1]:80')).toBe('::1');
    expect(hostOfHeader('127.0.0.1')).toBe('127.0.0.1');
    expect(hostOfHeader('evil.example/path')).toBeUndefined();
    expect(hostOfHeader('a:b:c')).toBeUndefined();
  });

  it('answers IP literals, localhost, the bound name, the public URL host and extra names; nothing else', () => {
    const policy = createHostPolicy({ bindHost: '0.0.0.0', publicUrl: 'https://pods.example.org/briefs/', extraHosts: ['mybox.local'] });
    for (const host of [
      '127.0.0.1:8080',
      '192.168.1.20:8080',
      '[::1]:8080',
      'localhost:8080',
      'LOCALHOST',
      'app.localhost',
      'pods.example.org',
      'mybox.local:8080',
    ]) {
      expect(policy.allowsHost(host), host).toBe(true);
    }
    for (const host of [undefined, '', 'evil.example', 'evil.example:8080', 'pods.example.org.evil.example', 'localhost.evil.example']) {
      expect(policy.allowsHost(host), String(host)).toBe(false);
    }
    expect(createHostPolicy({ bindHost: 'studio' }).allowsHost('studio:8080')).toBe(true);
  });

  it('accepts a POST with no Origin or its own, and refuses another site and "null"', () => {
    const policy = createHostPolicy({ bindHost: '127.0.0.1', publicUrl: 'https://pods.example.org/' });
    expect(policy.allowsOrigin(undefined, '127.0.0.1:8080')).toBe(true);
    expect(policy.allowsOrigin('http://127.0.0.1:8080', '127.0.0.1:8080')).toBe(true);
    expect(policy.allowsOrigin('https://pods.example.org', '127.0.0.1:8080')).toBe(true);
    expect(policy.allowsOrigin('https://news.example.com', '127.0.0.1:8080')).toBe(false);
    expect(policy.allowsOrigin('http://localhost:3000', '127.0.0.1:8080')).toBe(false);
    expect(policy.allowsOrigin('null', '127.0.0.1:8080')).toBe(false);
    expect(policy.allowsOrigin('http://evil.example:8080', 'evil.example:8080')).toBe(false);
  });
});

describe('parseArticleRequest', () => {
  const json = 'application/json';

  it('reads a URL from JSON or a form, dropping the fragment', () => {
    expect(parseArticleRequest(json, '{"url": " https://news.example.com/a#top "}', {})).toEqual({
      ok: true,
      request: { kind: 'url', url: 'https://news.example.com/a' },
    });
    expect(parseArticleRequest('application/x-www-form-urlencoded; charset=utf-8', 'url=https%3A%2F%2Fnews.example.com%2Fb', {})).toEqual({
      ok: true,
      request: { kind: 'url', url: 'https://news.example.com/b' },
    });
  });

  it('reads pasted text with or without a title', () => {
    expect(parseArticleRequest(json, '{"title": "Notes", "text": "Some words."}', {})).toEqual({
      ok: true,
      request: { kind: 'text', title: 'Notes', text: 'Some words.' },
    });
    expect(parseArticleRequest(json, '{"text": "Some words."}', {})).toEqual({ ok: true, request: { kind: 'text', text: 'Some words.' } });
  });

  it('refuses what it cannot use, with a status and one line', () => {
    const usage = 'Send {"url": "https://..."} or {"title": "...", "text": "..."} as JSON, or a form with a url field.';
    expect(parseArticleRequest(json, '{not json', {})).toEqual({ ok: false, status: 400, error: `The body is not valid JSON. ${usage}` });
    expect(parseArticleRequest(json, '["https://a.example/"]', {})).toEqual({ ok: false, status: 400, error: `The JSON body is not an object. ${usage}` });
    expect(parseArticleRequest(json, '{"ok": true}', {})).toEqual({ ok: false, status: 400, error: `No article in the request. ${usage}` });
    expect(parseArticleRequest(json, '{"url": "https://a.example/", "text": "t"}', {})).toEqual({
      ok: false,
      status: 400,
      error: `Send either a url or a text, not both. ${usage}`,
    });
    expect(parseArticleRequest('text/plain', 'https://a.example/', {})).toEqual({
      ok: false,
      status: 415,
      error: `Unsupported content type "text/plain". ${usage}`,
    });
    expect(parseArticleRequest('', '', {})).toEqual({ ok: false, status: 415, error: `Unsupported content type (none). ${usage}` });
    expect(parseArticleRequest(json, '{"url": "not a url"}', {})).toEqual({
      ok: false,
      status: 400,
      error: "not a url is not a valid URL. Send the article's full address, starting with https://.",
    });
  });

  it('refuses URLs the server would refuse to fetch, before queueing them', () => {
    expect(parseArticleRequest(json, '{"url": "file:///etc/passwd"}', {})).toEqual({
      ok: false,
      status: 400,
      error: 'Refused to fetch file:///etc/passwd: it uses the file: scheme, and briefcast fetches only http and https URLs.',
    });
    expect(parseArticleRequest(json, '{"url": "http://10.0.0.1/admin"}', {})).toEqual({
      ok: false,
      status: 422,
      error:
        'Refused to fetch http://10.0.0.1/admin: 10.0.0.1 is a private-network address, and briefcast fetches only public addresses (--allow-private permits local ones).',
    });
    expect(parseArticleRequest(json, '{"url": "http://169.254.169.254/latest/meta-data/"}', {})).toMatchObject({ ok: false, status: 422 });
    expect(parseArticleRequest(json, '{"url": "http://localhost:8080/"}', {})).toMatchObject({ ok: false, status: 422 });
    expect(parseArticleRequest(json, '{"url": "http://localhost:8080/"}', { allowPrivate: true })).toEqual({
      ok: true,
      request: { kind: 'url', url: 'http://localhost:8080/' },
    });
  });
});

describe('staticHeaders', () => {
  it('keeps a private feed and page out of every cache, and types the feed and transcripts', () => {
    expect(staticHeaders('feed.xml', true)).toEqual({ 'content-type': 'application/rss+xml; charset=utf-8', 'cache-control': 'private, no-store' });
    expect(staticHeaders('index.html', true)).toEqual({ 'cache-control': 'private, no-store' });
    expect(staticHeaders('episode.mp3', true)).toEqual({ 'cache-control': 'private, no-cache' });
    expect(staticHeaders('episode.vtt', false)).toEqual({
      'content-type': 'text/vtt; charset=utf-8',
      'cache-control': 'no-cache',
      'access-control-allow-origin': '*',
    });
    expect(staticHeaders('episode.chapters.json', false)).toEqual({ 'cache-control': 'no-cache', 'access-control-allow-origin': '*' });
    expect(staticHeaders('feed.xml', false)).toEqual({ 'content-type': 'application/rss+xml; charset=utf-8', 'cache-control': 'no-cache' });
  });
});

describe('describeBaseUrl', () => {
  it('puts the token after the public URL or the bound address', () => {
    expect(describeBaseUrl({ host: '127.0.0.1', port: 8080, token: 'abc' })).toBe('http://127.0.0.1:8080/abc/');
    expect(describeBaseUrl({ host: '::1', port: 8080, token: 'abc' })).toBe('http://[::1]:8080/abc/');
    expect(describeBaseUrl({ host: '0.0.0.0', port: 8080, token: 'abc', lanAddress: '192.168.1.20' })).toBe('http://192.168.1.20:8080/abc/');
    expect(describeBaseUrl({ host: '0.0.0.0', port: 8080 })).toBe('http://127.0.0.1:8080/');
    expect(describeBaseUrl({ host: '127.0.0.1', port: 8080, publicUrl: 'https://pods.example.org/briefs', token: 'abc' })).toBe(
      'https://pods.example.org/briefs/abc/',
    );
    expect(describeBaseUrl({ host: '127.0.0.1', port: 8080, publicUrl: 'https://pods.example.org/' })).toBe('https://pods.example.org/');
  });
});
