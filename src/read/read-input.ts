// The input edge: a file path, '-' for stdin, or an http(s) URL becomes decoded text and a format.
// Everything that can go wrong with reading becomes an InputError with one line that says what to do.
import { closeSync, constants, createReadStream, openSync } from 'node:fs';
import { readFile, stat } from 'node:fs/promises';
import { detectFormat } from '../article/detect-format.js';
import { InputError } from '../errors.js';
import { isUrl } from '../is-url.js';
import { readCapped } from './read-capped.js';
import type { InputFormat } from '../types.js';

export interface ReadInputOptions {
  /** The format, when the caller knows it better than the extension or the content. */
  from?: InputFormat;
  /** Whole-request limit for URLs, default 20 s. */
  timeoutMs?: number;
  /** Largest input read, default 20 MB. */
  maxBytes?: number;
  signal?: AbortSignal;
  /** Where '-' reads from; default process.stdin. */
  stdin?: NodeJS.ReadableStream;
}

export interface InputText {
  content: string;
  format: InputFormat;
  /** The path as given, '-', or the URL the content finally came from (after redirects). */
  source: string;
  warnings: string[];
  /** The language the server declared for a fetched page (Content-Language), below what the document says. */
  transportLanguage?: string;
}

export const DEFAULT_TIMEOUT_MS = 20_000;
export const DEFAULT_MAX_BYTES = 20 * 1024 * 1024;
const MAX_REDIRECTS = 5;
const USER_AGENT = 'briefcast/0.1 (article-to-podcast reader)';

function formatBytes(bytes: number): string {
  return bytes >= 1024 * 1024 ? `${Math.round((bytes / (1024 * 1024)) * 10) / 10} MB` : `${Math.ceil(bytes / 1024)} KB`;
}

function tooLarge(name: string, maxBytes: number): InputError {
  return new InputError(`${name} is larger than ${formatBytes(maxBytes)}, the most briefcast reads. Give a smaller article or raise the limit.`);
}

// File signatures of formats people mistake for articles (an exported PDF, a zipped page, a podcast itself).
// Signatures that are also plausible opening words ("ID3", "RIFF") are checked with their following bytes.
function startsWith(bytes: Uint8Array, magic: readonly number[], offset = 0): boolean {
  return bytes.length >= offset + magic.length && magic.every((byte, index) => bytes[offset + index] === byte);
}

const MAGIC_NUMBERS: ReadonlyArray<{ name: string; test: (bytes: Uint8Array) => boolean }> = [
  { name: 'a PDF', test: (b) => startsWith(b, [0x25, 0x50, 0x44, 0x46, 0x2d]) },
  { name: 'a PNG image', test: (b) => startsWith(b, [0x89, 0x50, 0x4e, 0x47]) },
  { name: 'a JPEG image', test: (b) => startsWith(b, [0xff, 0xd8, 0xff]) },
  { name: 'a GIF image', test: (b) => startsWith(b, [0x47, 0x49, 0x46, 0x38]) && (b[4] === 0x37 || b[4] === 0x39) },
  { name: 'a ZIP archive (or an Office document)', test: (b) => startsWith(b, [0x50, 0x4b, 0x03, 0x04]) },
  { name: 'a gzip archive', test: (b) => startsWith(b, [0x1f, 0x8b]) },
  // ID3v2 tag: "ID3", a major version 2 to 4, a zero revision byte.
  { name: 'an MP3 file', test: (b) => startsWith(b, [0x49, 0x44, 0x33]) && (b[3] ?? 0) >= 2 && (b[3] ?? 0) <= 4 && b[4] === 0 },
  // An MPEG audio frame header without a tag: 11 sync bits.
  { name: 'an MP3 file', test: (b) => b[0] === 0xff && ((b[1] ?? 0) & 0xe0) === 0xe0 && b[1] !== 0xfe && b[1] !== 0xff },
  {
    name: 'a WAV, AVI or WebP file',
    test: (b) => startsWith(b, [0x52, 0x49, 0x46, 0x46]) && /^(WAVE|AVI |WEBP)$/.test(String.fromCharCode(...b.subarray(8, 12))),
  },
  { name: 'an Ogg file', test: (b) => startsWith(b, [0x4f, 0x67, 0x67, 0x53, 0x00]) },
  { name: 'a FLAC file', test: (b) => startsWith(b, [0x66, 0x4c, 0x61, 0x43, 0x00]) },
  { name: 'an MP4 file', test: (b) => startsWith(b, [0x66, 0x74, 0x79, 0x70], 4) },
  { name: 'an executable', test: (b) => startsWith(b, [0x7f, 0x45, 0x4c, 0x46]) },
  { name: 'a 7-Zip archive', test: (b) => startsWith(b, [0x37, 0x7a, 0xbc, 0xaf, 0x27, 0x1c]) },
  { name: 'a RAR archive', test: (b) => startsWith(b, [0x52, 0x61, 0x72, 0x21, 0x1a, 0x07]) },
  { name: 'an SQLite database', test: (b) => startsWith(b, [0x53, 0x51, 0x4c, 0x69, 0x74, 0x65, 0x20, 0x66, 0x6f, 0x72, 0x6d, 0x61, 0x74, 0x20, 0x33, 0x00]) },
];

/** Names the binary format of the bytes, or undefined when they can be text. */
export function identifyBinary(bytes: Uint8Array): string | undefined {
  const known = MAGIC_NUMBERS.find(({ test }) => test(bytes));
  if (known) return known.name;
  const sample = bytes.subarray(0, 8192);
  let controls = 0;
  for (const byte of sample) {
    if (byte === 0) return 'a binary file';
    // Tab, newline, vertical tab, form feed, carriage return and escape occur in text; other C0 bytes do not.
    if (byte < 0x20 && (byte < 0x09 || byte > 0x0d) && byte !== 0x1b) controls += 1;
  }
  return sample.length > 0 && controls / sample.length > 0.05 ? 'a binary file' : undefined;
}

/**
 * A decoder for a legacy (not UTF) encoding label, or undefined for a label the Encoding standard does not know.
 * Node's own TextDecoder reads windows-1252 (which the web also uses for every ISO-8859-1, latin1 and ASCII
 * label) as ISO-8859-1 on Node 20, turning curly quotes, dashes and the euro sign into invisible C1 controls;
 * @exodus/bytes implements the standard on every Node. It is loaded only for the few inputs that need it.
 */
async function legacyDecoder(label: string): Promise<{ encoding: string; decode: (bytes: Uint8Array) => string } | undefined> {
  const { TextDecoder: StandardDecoder, normalizeEncoding } = await import('@exodus/bytes/encoding.js');
  const encoding = normalizeEncoding(label.trim());
  // "replacement" stands for encodings that must not be decoded at all (ISO-2022-KR and kin).
  if (encoding === null || encoding === 'replacement') return undefined;
  const decoder = new StandardDecoder(encoding);
  return { encoding, decode: (bytes) => decoder.decode(bytes) };
}

const UTF8_LABELS = new Set(['utf-8', 'utf8', 'unicode-1-1-utf-8', 'unicode11utf8', 'unicode20utf8', 'x-unicode20utf8']);

function isUtf8Label(label: string): boolean {
  return UTF8_LABELS.has(label.trim().toLowerCase());
}

/** A charset stated in an HTML page's own <meta>, for pages saved or served in a legacy encoding. */
function findMetaCharset(bytes: Uint8Array): string | undefined {
  const head = Buffer.from(bytes.subarray(0, 4096)).toString('latin1');
  return /<meta[^>]+charset\s*=\s*["']?([\w.:-]+)/i.exec(head)?.[1];
}

interface DecodedText {
  text: string;
  warnings: string[];
}

/** What briefcast asks a web server for when it fetches an article. */
export const ARTICLE_ACCEPT = 'text/html, application/xhtml+xml, text/markdown, text/plain;q=0.9, */*;q=0.1';

/** The charset a Content-Type header names ("text/html; charset=ISO-8859-1"), if any. */
export function charsetOf(contentType: string): string | undefined {
  return /charset\s*=\s*["']?([\w.:-]+)/i.exec(contentType)?.[1];
}

/** A fetched page's text: decoded by its BOM, else the charset its Content-Type names, else as UTF-8. */
export function decodeFetched(fetched: { bytes: Uint8Array; url: string; contentType: string }): Promise<DecodedText> {
  return decodeText(fetched.bytes, fetched.url, charsetOf(fetched.contentType));
}

/**
 * Decodes bytes as text: a BOM decides first (UTF-8, UTF-16), then a declared charset, then UTF-8.
 * Invalid UTF-8 is not fatal: an article with a few broken bytes is still worth reading, with a warning; one
 * with no UTF-8 character at all is read as Windows-1252, the encoding such files were saved in.
 */
export async function decodeText(bytes: Uint8Array, name: string, declaredCharset?: string): Promise<DecodedText> {
  if (bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf) return decodeUtf8(bytes.subarray(3), name);
  if (bytes[0] === 0xff && bytes[1] === 0xfe) return { text: new TextDecoder('utf-16le').decode(bytes.subarray(2)), warnings: [] };
  if (bytes[0] === 0xfe && bytes[1] === 0xff) return { text: new TextDecoder('utf-16be').decode(bytes.subarray(2)), warnings: [] };
  const declared = declaredCharset !== undefined && !isUtf8Label(declaredCharset) ? await legacyDecoder(declaredCharset) : undefined;
  // UTF-16 without a BOM has a zero byte in every other place: declared, it is text, not a binary file.
  if (declared?.encoding === 'utf-16le' || declared?.encoding === 'utf-16be') return { text: declared.decode(bytes), warnings: [] };
  const binary = identifyBinary(bytes);
  if (binary !== undefined) {
    throw new InputError(`${name} looks like ${binary}, not an article. Give a text, Markdown or HTML file.`);
  }
  if (declared) return { text: declared.decode(bytes), warnings: [] };
  return decodeUtf8(bytes, name);
}

async function decodeUtf8(bytes: Uint8Array, name: string): Promise<DecodedText> {
  try {
    return { text: new TextDecoder('utf-8', { fatal: true }).decode(bytes), warnings: [] };
  } catch {
    const metaCharset = findMetaCharset(bytes);
    const legacy = metaCharset !== undefined && !isUtf8Label(metaCharset) ? await legacyDecoder(metaCharset) : undefined;
    // A page cannot declare UTF-16 in its own 8-bit text: the HTML standard reads such a <meta> as UTF-8.
    if (legacy && legacy.encoding !== 'utf-16le' && legacy.encoding !== 'utf-16be') return { text: legacy.decode(bytes), warnings: [] };
    const replaced = new TextDecoder('utf-8', { fatal: false }).decode(bytes);
    // Not one character beyond ASCII decoded as UTF-8: the file was saved in the old Western encoding
    // (Windows-1252, a superset of Latin-1), where every byte is a character ("caf\xE9" is "café").
    const western = !/[^\u0000-\u007F\uFFFD]/.test(replaced) ? await legacyDecoder('windows-1252') : undefined;
    if (western) {
      return {
        text: western.decode(bytes),
        warnings: [`${name} is not valid UTF-8; it was read as Windows-1252 (Latin-1). If its accents look wrong, save it as UTF-8.`],
      };
    }
    return { text: replaced, warnings: [`${name} is not valid UTF-8; unreadable bytes were replaced.`] };
  }
}

function checkNotEmpty(text: string, name: string): void {
  if (text.replace(/^\uFEFF/, '').trim() === '') {
    throw new InputError(`${name} is empty: there is nothing to read. Give an article with some text.`);
  }
}

async function pathExists(path: string): Promise<boolean> {
  try {
    await stat(path);
    return true;
  } catch {
    return false;
  }
}

// Why a file cannot be read, in words; the system's code follows in brackets for searching.
const FILE_FAILURES: Readonly<Record<string, string>> = {
  ELOOP: 'its symbolic links lead round in a loop',
  ENAMETOOLONG: 'the name is too long for the file system',
  EIO: 'the disk reported an error while reading it',
  EMFILE: 'too many files are open',
  ENFILE: 'too many files are open on this system',
  ENXIO: 'nothing is connected to that device',
  ENODEV: 'there is no such device',
  EBUSY: 'it is in use',
  EINVAL: 'it cannot be read as a file',
  EAGAIN: 'it is not ready to be read',
  ETIMEDOUT: 'the file system did not answer in time',
  ESTALE: 'the network file system no longer has it',
};

/** Why a file cannot be read, in words ("no such file", "permission denied", "its symbolic links lead round in a loop (ELOOP)"). */
export function describeFileFailure(error: unknown): string {
  const code = (error as NodeJS.ErrnoException).code;
  if (code === 'ENOENT' || code === 'ENOTDIR') return 'no such file';
  if (code === 'EACCES' || code === 'EPERM') return 'permission denied';
  if (code === 'EISDIR') return 'it is a folder';
  if (code !== undefined && FILE_FAILURES[code]) return `${FILE_FAILURES[code]} (${code})`;
  return (error instanceof Error ? error.message : String(error)).split('\n')[0]!.trim();
}

/** The InputError for an article file that cannot be read: missing, forbidden, or another failure said in words. */
function fileError(path: string, error: unknown): InputError {
  const code = (error as NodeJS.ErrnoException).code;
  if (code === 'ENOENT' || code === 'ENOTDIR') return new InputError(`No such file: ${path}. Check the path.`, { cause: error });
  if (code === 'EACCES' || code === 'EPERM') return new InputError(`Cannot read ${path}: permission denied. Check the file's permissions.`, { cause: error });
  return new InputError(`Cannot read ${path}: ${describeFileFailure(error)}. Check the path.`, { cause: error });
}

async function readFromFile(path: string, maxBytes: number, signal: AbortSignal | undefined): Promise<Uint8Array> {
  let info;
  try {
    info = await stat(path);
  } catch (error) {
    throw fileError(path, error);
  }
  if (info.isDirectory()) throw new InputError(`${path} is a folder, not a file. Give the path of the article file inside it.`);
  if (info.isFile() && info.size > maxBytes) throw tooLarge(path, maxBytes);
  try {
    // A FIFO or a device (/dev/stdin, /dev/zero) has no size to check: it is read as a stream, up to the limit,
    // where reading it whole could take every byte of memory.
    if (info.isFile()) return await readFile(path, signal ? { signal } : {});
    return await readSpecialFile(path, info.isFIFO(), maxBytes, () => tooLarge(path, maxBytes), signal);
  } catch (error) {
    if (error instanceof InputError || signal?.aborted) throw error;
    throw fileError(path, error);
  }
}

/**
 * Reads a FIFO or a device (which has no size to check) as a stream, up to the limit: reading /dev/zero whole would
 * take every byte of memory.
 */
export async function readSpecialFile(path: string, isFifo: boolean, maxBytes: number, tooLarge: () => Error, signal?: AbortSignal): Promise<Uint8Array> {
  const release = isFifo ? releaseOpenOnAbort(path, signal) : () => {};
  try {
    return await readLimited(createReadStream(path), maxBytes, tooLarge, signal);
  } finally {
    release();
  }
}

/**
 * Opening a FIFO waits in a worker thread of libuv until something writes to it, and no signal can end that wait:
 * the process could not even exit after Ctrl-C, since exiting waits for that thread. On abort, the FIFO is opened
 * once for writing and closed at once, which ends the wait with an empty read.
 */
function releaseOpenOnAbort(path: string, signal: AbortSignal | undefined): () => void {
  const release = () => {
    try {
      closeSync(openSync(path, constants.O_WRONLY | constants.O_NONBLOCK));
    } catch {
      // No reader is waiting any more (ENXIO): there is nothing to release.
    }
  };
  signal?.addEventListener('abort', release, { once: true });
  return () => signal?.removeEventListener('abort', release);
}

/** Reads a stream until its end, stopping with `tooLarge()` as soon as it passes the byte limit. */
async function readLimited(stream: NodeJS.ReadableStream, maxBytes: number, tooLarge: () => Error, signal?: AbortSignal): Promise<Uint8Array> {
  const destroy = () => (stream as NodeJS.ReadableStream & { destroy?: () => void }).destroy?.();
  signal?.addEventListener('abort', destroy, { once: true });
  try {
    const chunks: Buffer[] = [];
    let total = 0;
    for await (const chunk of stream) {
      if (signal?.aborted) throw signal.reason;
      const buffer = typeof chunk === 'string' ? Buffer.from(chunk, 'utf8') : Buffer.from(chunk);
      total += buffer.length;
      if (total > maxBytes) {
        destroy();
        throw tooLarge();
      }
      chunks.push(buffer);
    }
    signal?.throwIfAborted();
    return Buffer.concat(chunks);
  } catch (error) {
    // Destroyed on abort, the stream ends early or with its own error: the abort is what happened.
    if (signal?.aborted) throw signal.reason;
    throw error;
  } finally {
    signal?.removeEventListener('abort', destroy);
  }
}

async function readFromStream(stream: NodeJS.ReadableStream, maxBytes: number, signal: AbortSignal | undefined): Promise<Uint8Array> {
  if ((stream as NodeJS.ReadStream).isTTY) {
    throw new InputError('No article on stdin: it is a terminal. Pipe an article in (cat article.txt | briefcast -) or give a file path.');
  }
  return readLimited(stream, maxBytes, () => tooLarge('stdin', maxBytes), signal);
}

interface Fetched {
  bytes: Uint8Array;
  contentType: string;
  contentLanguage?: string;
  url: string;
}

// Why a request failed, in words; operating-system error codes follow in brackets for searching, the HTTP
// client's own codes (UND_ERR_*, HPE_*) mean nothing to a reader and are left out.
const FETCH_FAILURES: Readonly<Record<string, (host: string) => string>> = {
  ENOTFOUND: (host) => `the name ${host} could not be found (DNS lookup failed, ENOTFOUND)`,
  EAI_AGAIN: (host) => `the name ${host} could not be looked up just now (DNS did not answer, EAI_AGAIN)`,
  EAI_FAIL: (host) => `the name ${host} could not be looked up (DNS failed, EAI_FAIL)`,
  ECONNREFUSED: (host) => `the connection was refused: nothing is listening at ${host} (ECONNREFUSED)`,
  ECONNRESET: () => 'the connection was reset by the server or the network (ECONNRESET)',
  EPIPE: () => 'the server closed the connection while the request was being sent (EPIPE)',
  ETIMEDOUT: (host) => `the connection to ${host} timed out (ETIMEDOUT)`,
  EHOSTUNREACH: (host) => `${host} cannot be reached from this network (EHOSTUNREACH)`,
  ENETUNREACH: () => 'there is no network route to the server; are you offline? (ENETUNREACH)',
  ENETDOWN: () => 'the network is down (ENETDOWN)',
  UND_ERR_SOCKET: () => 'the server closed the connection before the page was complete',
  UND_ERR_CLOSED: () => 'the connection closed before the page was complete',
  UND_ERR_CONNECT_TIMEOUT: (host) => `${host} did not accept a connection in time`,
  UND_ERR_HEADERS_TIMEOUT: () => 'the server did not start answering in time',
  UND_ERR_BODY_TIMEOUT: () => 'the server stopped sending the page part way',
  UND_ERR_RESPONSE_STATUS_CODE: () => 'the server answered with an error',
  UND_ERR_HEADERS_OVERFLOW: () => 'the server sent headers too large to read',
  CERT_HAS_EXPIRED: (host) => `the security certificate of ${host} has expired`,
  DEPTH_ZERO_SELF_SIGNED_CERT: (host) => `the security certificate of ${host} is self-signed, so it cannot be trusted`,
  SELF_SIGNED_CERT_IN_CHAIN: (host) => `the security certificate of ${host} is signed by an untrusted authority`,
  UNABLE_TO_GET_ISSUER_CERT_LOCALLY: (host) => `the security certificate of ${host} is signed by an authority this machine does not know`,
  UNABLE_TO_VERIFY_LEAF_SIGNATURE: (host) => `the security certificate of ${host} cannot be verified`,
  ERR_TLS_CERT_ALTNAME_INVALID: (host) => `the security certificate is not for ${host}`,
  EPROTO: () => 'the secure connection failed (does the server speak HTTPS on this port?)',
  ERR_SSL_WRONG_VERSION_NUMBER: () => 'the secure connection failed (does the server speak HTTPS on this port?)',
};

/** The cause of a failed fetch, in words. Exported for tests: some causes (DNS) cannot be produced on loopback. */
export function describeFetchFailure(error: unknown, url: string): string {
  const cause = (error as { cause?: { code?: unknown; message?: unknown; errors?: { code?: unknown }[] } }).cause;
  // Several addresses tried at once (IPv4 and IPv6) fail together as one AggregateError.
  const code = [cause?.code, cause?.errors?.[0]?.code].find((value): value is string => typeof value === 'string');
  let host = url;
  try {
    host = new URL(url).host;
  } catch {
    // The address as given.
  }
  const known = code === undefined ? undefined : FETCH_FAILURES[code];
  if (known) return known(host);
  if (code?.startsWith('HPE_')) return "the server's answer is not valid HTTP";
  if (code?.startsWith('CERT_') || code?.startsWith('ERR_TLS_') || code?.startsWith('ERR_SSL_'))
    return `the secure connection to ${host} failed: its certificate or encryption was refused (${code})`;
  const message = typeof cause?.message === 'string' && cause.message !== '' ? cause.message : (error as Error).message;
  // fetch refuses ports that browsers refuse (SMTP, SSH and the like) before connecting.
  if (message === 'bad port') return `browsers and briefcast do not fetch from port ${new URL(url).port}`;
  return code !== undefined && !code.startsWith('UND_ERR') && !message.includes(code) ? `${message} (${code})` : message.replace(/\s*\bUND_ERR_\w+/g, '');
}

async function fetchUrl(input: string, timeoutMs: number, maxBytes: number, userSignal: AbortSignal | undefined): Promise<Fetched> {
  const timeout = AbortSignal.timeout(timeoutMs);
  const signal = userSignal ? AbortSignal.any([timeout, userSignal]) : timeout;
  let url = input;
  try {
    // Redirects are followed by hand so that each hop is checked: http(s) only, at most five.
    for (let hop = 0; ; hop += 1) {
      const response = await fetch(url, {
        redirect: 'manual',
        signal,
        headers: { 'user-agent': USER_AGENT, accept: ARTICLE_ACCEPT },
      });
      if (response.status >= 300 && response.status < 400 && response.headers.has('location')) {
        await response.body?.cancel().catch(() => undefined);
        if (hop >= MAX_REDIRECTS) {
          throw new InputError(`Too many redirects fetching ${input} (more than ${MAX_REDIRECTS}). Check the address, or save the page and give its file.`);
        }
        const next = new URL(response.headers.get('location') ?? '', url);
        if (next.protocol !== 'http:' && next.protocol !== 'https:') {
          throw new InputError(`${input} redirects to a ${next.protocol} address, which briefcast does not follow. Save the page and give its file.`);
        }
        url = next.href;
        continue;
      }
      if (!response.ok) {
        await response.body?.cancel().catch(() => undefined);
        const status = `HTTP ${response.status}${response.statusText ? ` ${response.statusText}` : ''}`;
        throw new InputError(`Fetching ${url} failed: ${status}. Check the address, or save the page and give its file.`);
      }
      const bytes = await readCapped(response.body, response.headers.get('content-length'), maxBytes, () => tooLarge(url, maxBytes));
      const contentLanguage = response.headers.get('content-language') ?? undefined;
      return { bytes, contentType: response.headers.get('content-type') ?? '', ...(contentLanguage ? { contentLanguage } : {}), url };
    }
  } catch (error) {
    if (error instanceof InputError) throw error;
    if (userSignal?.aborted) throw userSignal.reason;
    if (timeout.aborted) {
      throw new InputError(`Timed out after ${Math.round(timeoutMs / 100) / 10} s fetching ${url}. Check the address, or try again later.`, { cause: error });
    }
    throw new InputError(`Could not fetch ${url}: ${describeFetchFailure(error, url)}. Check the address and the network connection.`, { cause: error });
  }
}

/** The format of a fetched page: Markdown and plain text when the server says so, else HTML. Pure. */
export function formatOfResponse(contentType: string, url: string, content: string): InputFormat {
  const type = contentType.split(';')[0]?.trim().toLowerCase() ?? '';
  if (type === 'text/markdown' || type === 'text/x-markdown') return 'markdown';
  // Raw file hosts serve .md files as text/plain: let the extension or the content decide.
  if (type === 'text/plain') {
    const detected = detectFormat(url, content);
    return detected === 'html' ? 'text' : detected;
  }
  return 'html';
}

export async function readInput(input: string, options: ReadInputOptions = {}): Promise<InputText> {
  const { from, signal } = options;
  const timeoutMs = options.timeoutMs ?? DEFAULT_TIMEOUT_MS;
  const maxBytes = options.maxBytes ?? DEFAULT_MAX_BYTES;
  if (signal?.aborted) throw signal.reason;

  if (input === '-') {
    const bytes = await readFromStream(options.stdin ?? process.stdin, maxBytes, signal);
    const { text, warnings } = await decodeText(bytes, 'stdin');
    checkNotEmpty(text, 'stdin');
    return { content: text, format: from ?? detectFormat('-', text), source: '-', warnings };
  }

  if (isUrl(input)) {
    let parsed: URL;
    try {
      parsed = new URL(input);
    } catch {
      throw new InputError(`${input} is not a valid URL. Check the address.`);
    }
    const fetched = await fetchUrl(parsed.href, timeoutMs, maxBytes, signal);
    const { text, warnings } = await decodeFetched(fetched);
    checkNotEmpty(text, fetched.url);
    return {
      content: text,
      format: from ?? formatOfResponse(fetched.contentType, fetched.url, text),
      source: fetched.url,
      warnings,
      ...(fetched.contentLanguage ? { transportLanguage: fetched.contentLanguage } : {}),
    };
  }

  // An existing file is a file, whatever its name looks like ("Re: budget.txt"). Otherwise a scheme glued to
  // what follows it (file:, ftp://, data:, javascript:) is an address briefcast does not read; one letter
  // before the colon is a Windows drive, and a colon followed by a space is part of a name.
  const scheme = /^([a-z][a-z0-9+.-]+):(?!\s)/i.exec(input)?.[1];
  if (scheme !== undefined && !(await pathExists(input))) {
    throw new InputError(`${input} uses the ${scheme.toLowerCase()}: scheme; briefcast reads only http and https URLs. Give a file path or an http(s) URL.`);
  }

  const bytes = await readFromFile(input, maxBytes, signal);
  const { text, warnings } = await decodeText(bytes, input);
  checkNotEmpty(text, input);
  return { content: text, format: from ?? detectFormat(input, text), source: input, warnings };
}
