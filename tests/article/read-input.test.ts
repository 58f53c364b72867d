import { execFileSync, spawn } from 'node:child_process';
import { mkdir, mkdtemp, rm, symlink, writeFile } from 'node:fs/promises';
import { createServer, type Server, type ServerResponse } from 'node:http';
import { createServer as createTcpServer, type AddressInfo, type Socket } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { Readable } from 'node:stream';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { InputError } from '../../src/errors.js';
import { decodeText, describeFetchFailure, identifyBinary, readInput } from '../../src/read/read-input.js';

const PNG = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 0x0d]);
// "It’s €5 – a “deal”…" in windows-1252: every punctuation mark here is a byte from 0x80 to 0x9F.
const WINDOWS_1252 = Buffer.from([0x49, 0x74, 0x92, 0x73, 0x20, 0x80, 0x35, 0x20, 0x96, 0x20, 0x61, 0x20, 0x93, 0x64, 0x65, 0x61, 0x6c, 0x94, 0x85]);
const WINDOWS_1252_TEXT = 'It’s €5 – a “deal”…';
const HTML = '<!doctype html><html><head><title>T</title></head><body><p>Hello</p></body></html>';

let dir: string;
let server: Server;
let base: string;
const sockets = new Set<Socket>();
let hugeBytesSent = 0;
let hugeClosed = false;

function send(response: ServerResponse, status: number, type: string, body: string | Buffer, headers: Record<string, string> = {}): void {
  response.writeHead(status, { 'content-type': type, ...headers });
  response.end(body);
}

beforeAll(async () => {
  dir = await mkdtemp(path.join(os.tmpdir(), 'briefcast-read-'));
  server = createServer((request, response) => {
    switch (request.url) {
      case '/article.html':
        return send(response, 200, 'text/html; charset=utf-8', HTML);
      case '/post':
        return send(response, 200, 'text/markdown; charset=utf-8', '# Title\n\nText.');
      case '/raw/post.md':
        return send(response, 200, 'text/plain; charset=utf-8', 'Title\n\nText without markdown signs.');
      case '/raw/notes':
        return send(response, 200, 'text/plain', 'Title\n\nText.');
      case '/unknown-type':
        return send(response, 200, 'application/octet-stream', HTML);
      case '/latin1':
        return send(response, 200, 'text/plain; charset=iso-8859-1', Buffer.from([0x63, 0x61, 0x66, 0xe9, 0x2e]));
      case '/windows-1252':
        return send(response, 200, 'text/plain; charset=windows-1252', WINDOWS_1252);
      case '/ascii-label':
        return send(response, 200, 'text/plain; charset=us-ascii', WINDOWS_1252);
      case '/utf-16':
        return send(response, 200, 'text/html; charset=utf-16le', Buffer.from('<p>Wide text, “quoted”.</p>', 'utf16le'));
      case '/png':
        return send(response, 200, 'image/png', PNG);
      case '/empty':
        return send(response, 200, 'text/html', '  \n');
      case '/missing':
        return send(response, 404, 'text/html', '<p>Not here</p>');
      case '/error':
        return send(response, 503, 'text/plain', 'down');
      case '/hop':
        return send(response, 301, 'text/plain', '', { location: '/article.html' });
      case '/loop':
        return send(response, 302, 'text/plain', '', { location: '/loop' });
      case '/to-file':
        return send(response, 302, 'text/plain', '', { location: 'file:///etc/passwd' });
      case '/declared-huge':
        response.writeHead(200, { 'content-type': 'text/html', 'content-length': String(200 * 1024 * 1024) });
        response.write('<p>');
        return;
      case '/huge': {
        response.writeHead(200, { 'content-type': 'text/html' });
        const chunk = Buffer.alloc(64 * 1024, 0x61);
        const pump = (): void => {
          if (response.destroyed || hugeBytesSent > 64 * 1024 * 1024) return;
          hugeBytesSent += chunk.length;
          if (response.write(chunk)) setImmediate(pump);
          else response.once('drain', pump);
        };
        response.on('close', () => {
          hugeClosed = true;
        });
        pump();
        return;
      }
      case '/slow-body':
        response.writeHead(200, { 'content-type': 'text/html' });
        response.write('<p>The start');
        return;
      default:
        // /slow: never answers.
        return;
    }
  });
  server.on('connection', (socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});

afterAll(async () => {
  for (const socket of sockets) socket.destroy();
  await new Promise<void>((resolve) => server.close(() => resolve()));
  await rm(dir, { recursive: true, force: true });
});

async function writeTemp(name: string, content: string | Uint8Array): Promise<string> {
  const file = path.join(dir, name);
  await writeFile(file, content);
  return file;
}

async function expectInputError(promise: Promise<unknown>, message: RegExp): Promise<InputError> {
  const error = await promise.then(
    () => undefined,
    (caught: unknown) => caught,
  );
  expect(error).toBeInstanceOf(InputError);
  expect((error as Error).message).toMatch(message);
  expect((error as Error).message).not.toContain('\n');
  return error as InputError;
}

describe('readInput: files', () => {
  it('reads a text file and picks the format from the extension', async () => {
    const file = await writeTemp('a.md', 'Plain words only.');
    expect(await readInput(file)).toEqual({ content: 'Plain words only.', format: 'markdown', source: file, warnings: [] });
  });

  it('sniffs the format of a file without a known extension, and honours "from"', async () => {
    const file = await writeTemp('page', HTML);
    expect((await readInput(file)).format).toBe('html');
    expect((await readInput(file, { from: 'text' })).format).toBe('text');
  });

  it('strips a UTF-8 BOM and decodes UTF-16 with a BOM', async () => {
    const utf8 = await writeTemp('bom.txt', Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from('Títle\n\nText.')]));
    expect((await readInput(utf8)).content).toBe('Títle\n\nText.');
    const utf16 = await writeTemp('u16.txt', Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from('Héllo there.', 'utf16le')]));
    expect(await readInput(utf16)).toMatchObject({ content: 'Héllo there.', warnings: [] });
  });

  it('replaces invalid UTF-8 in UTF-8 text and warns, naming the file', async () => {
    const file = await writeTemp('bad.txt', Buffer.concat([Buffer.from('Café: A '), Buffer.from([0xff, 0xfe, 0x42, 0x2e])]));
    const input = await readInput(file);
    expect(input.content).toBe('Café: A \uFFFD\uFFFDB.');
    expect(input.warnings).toEqual([`${file} is not valid UTF-8; unreadable bytes were replaced.`]);
  });

  it('reads text with no UTF-8 character at all as Windows-1252, and warns', async () => {
    // "Café “Noir” – 5€" as Windows-1252 bytes: é, curly quotes, an en dash and the euro sign.
    const file = await writeTemp('latin1.txt', Buffer.from([0x43, 0x61, 0x66, 0xe9, 0x20, 0x93, 0x4e, 0x6f, 0x69, 0x72, 0x94, 0x20, 0x96, 0x20, 0x35, 0x80]));
    const input = await readInput(file);
    expect(input.content).toBe('Café \u201cNoir\u201d \u2013 5\u20ac');
    expect(input.warnings).toEqual([`${file} is not valid UTF-8; it was read as Windows-1252 (Latin-1). If its accents look wrong, save it as UTF-8.`]);
  });

  it('decodes a legacy HTML page by its own <meta charset>', async () => {
    const bytes = Buffer.concat([
      Buffer.from('<html><head><meta charset="windows-1252"></head><body><p>caf'),
      Buffer.from([0xe9]),
      Buffer.from('</p></body></html>'),
    ]);
    const file = await writeTemp('legacy.html', bytes);
    expect(await readInput(file)).toMatchObject({ warnings: [], content: expect.stringContaining('<p>café</p>') });
  });

  it('decodes a windows-1252 page by its <meta>, punctuation included', async () => {
    const bytes = Buffer.concat([Buffer.from('<html><head><meta charset="iso-8859-1"></head><body><p>'), WINDOWS_1252, Buffer.from('</p></body></html>')]);
    const input = await readInput(await writeTemp('cp1252.html', bytes));
    expect(input.content).toContain(`<p>${WINDOWS_1252_TEXT}</p>`);
    expect(input.warnings).toEqual([]);
  });

  it('reads an existing file whose name looks like a URL scheme, and names a missing one as a missing file', async () => {
    const file = await writeTemp('Re: budget.txt', 'Budget\n\nThe budget passed.');
    const cwd = process.cwd();
    process.chdir(dir);
    try {
      expect(await readInput('Re: budget.txt')).toMatchObject({ content: 'Budget\n\nThe budget passed.', source: 'Re: budget.txt' });
      expect((await readInput(file)).content).toBe('Budget\n\nThe budget passed.');
      await expectInputError(readInput('Re: missing.txt'), /^No such file: Re: missing\.txt\. Check the path\.$/);
      await writeTemp('notes:today.md', '# Notes\n\nText.');
      expect((await readInput('notes:today.md')).format).toBe('markdown');
    } finally {
      process.chdir(cwd);
    }
  });

  it('reads a device or a FIFO as a stream, only up to the limit', async () => {
    // Read whole, a device that never ends (/dev/zero) would take every byte of memory; the test feeds a FIFO a
    // bounded 1 MB instead, so that a regression cannot take the machine down.
    const big = path.join(dir, 'big-pipe.txt');
    execFileSync('mkfifo', [big]);
    const feeder = spawn('sh', ['-c', `head -c 1048576 /dev/zero | tr '\\0' a > '${big}'`]);
    const fed = new Promise((resolve) => feeder.on('close', resolve));
    await expectInputError(readInput(big, { maxBytes: 64 * 1024 }), /^\/.*big-pipe\.txt is larger than 64 KB, the most briefcast reads\./);
    await fed;
    const fifo = path.join(dir, 'pipe.txt');
    execFileSync('mkfifo', [fifo]);
    const writer = spawn('sh', ['-c', `printf 'Piped Title\\n\\nText through a pipe.\\n' > '${fifo}'`]);
    const written = new Promise((resolve) => writer.on('close', resolve));
    expect((await readInput(fifo)).content).toBe('Piped Title\n\nText through a pipe.\n');
    expect(await written).toBe(0);
  }, 20_000);

  it('says in words why a file cannot be read', async () => {
    const loop = path.join(dir, 'loop.txt');
    await symlink(loop, loop);
    await expectInputError(readInput(loop), /^Cannot read .*loop\.txt: its symbolic links lead round in a loop \(ELOOP\)\. Check the path\.$/);
  });

  it('names a missing file', async () => {
    const missing = path.join(dir, 'nope.txt');
    await expectInputError(readInput(missing), new RegExp(`^No such file: ${missing.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}\\. Check the path\\.$`));
  });

  it('refuses a directory', async () => {
    const folder = path.join(dir, 'folder.md');
    await mkdir(folder);
    await expectInputError(readInput(folder), /folder\.md is a folder, not a file/);
  });

  it('refuses empty and whitespace-only files', async () => {
    await expectInputError(readInput(await writeTemp('empty.txt', '')), /empty\.txt is empty/);
    await expectInputError(readInput(await writeTemp('blank.txt', ' \n\t \r\n')), /blank\.txt is empty/);
    await expectInputError(readInput(await writeTemp('bom-only.txt', Buffer.from([0xef, 0xbb, 0xbf, 0x0a]))), /is empty/);
  });

  it.each([
    ['png', PNG, /a PNG image/],
    ['pdf', Buffer.from('%PDF-1.7\n%âãÏÓ\n1 0 obj'), /a PDF/],
    ['zip', Buffer.from([0x50, 0x4b, 0x03, 0x04, 0x14, 0x00]), /a ZIP archive/],
    ['mp3', Buffer.from([0x49, 0x44, 0x33, 0x03, 0x00, 0x00, 0x00, 0x00, 0x0f, 0x76]), /an MP3 file/],
    ['gz', Buffer.from([0x1f, 0x8b, 0x08, 0x00]), /a gzip archive/],
    ['nul', Buffer.from('text\u0000with a NUL byte'), /a binary file/],
    ['ctl', Buffer.from(Array.from({ length: 200 }, (_, i) => (i % 3 === 0 ? 0x01 : 0x61))), /a binary file/],
  ])('refuses binary content (%s)', async (name, bytes, message) => {
    const file = await writeTemp(`file.${name}.txt`, bytes);
    await expectInputError(readInput(file), message);
  });

  it('does not take text that starts like a signature for binary', () => {
    expect(identifyBinary(Buffer.from('ID3 tags explained\n\nText.'))).toBeUndefined();
    expect(identifyBinary(Buffer.from('RIFF raff and other words'))).toBeUndefined();
    expect(identifyBinary(Buffer.from('Tabs\tand\r\nform feeds\f and escapes \u001b[0m are text'))).toBeUndefined();
  });

  it('refuses a file larger than maxBytes', async () => {
    const file = await writeTemp('big.txt', 'x'.repeat(5000));
    await expectInputError(readInput(file, { maxBytes: 1000 }), /big\.txt is larger than 1 KB/);
  });

  it.each(['file:///etc/passwd', 'ftp://example.com/a.txt', 'javascript:alert(1)', 'data:text/html,<p>x</p>'])('refuses the URL %s', async (url) => {
    await expectInputError(readInput(url), /scheme; briefcast reads only http and https URLs/);
  });
});

describe('readInput: stdin', () => {
  it('reads stdin and sniffs its format', async () => {
    const stdin = Readable.from([Buffer.from('# Title\n\n'), Buffer.from('Some *text*.')]);
    expect(await readInput('-', { stdin })).toEqual({ content: '# Title\n\nSome *text*.', format: 'markdown', source: '-', warnings: [] });
  });

  it('uses "from" for stdin', async () => {
    expect((await readInput('-', { stdin: Readable.from(['<p>x</p>']), from: 'text' })).format).toBe('text');
  });

  it('refuses empty, oversized and terminal stdin', async () => {
    await expectInputError(readInput('-', { stdin: Readable.from([]) }), /^stdin is empty/);
    await expectInputError(readInput('-', { stdin: Readable.from(['x'.repeat(3000)]), maxBytes: 2048 }), /stdin is larger than 2 KB/);
    const tty = Object.assign(Readable.from(['x']), { isTTY: true });
    await expectInputError(readInput('-', { stdin: tty }), /No article on stdin/);
  });
});

describe('readInput: URLs', () => {
  it('fetches a page as HTML', async () => {
    expect(await readInput(`${base}/article.html`)).toEqual({ content: HTML, format: 'html', source: `${base}/article.html`, warnings: [] });
  });

  it('takes the format from the content type', async () => {
    expect((await readInput(`${base}/post`)).format).toBe('markdown');
    expect((await readInput(`${base}/raw/post.md`)).format).toBe('markdown');
    expect((await readInput(`${base}/raw/notes`)).format).toBe('text');
    expect((await readInput(`${base}/unknown-type`)).format).toBe('html');
    expect((await readInput(`${base}/raw/notes`, { from: 'html' })).format).toBe('html');
  });

  it('decodes a declared charset', async () => {
    expect((await readInput(`${base}/latin1`)).content).toBe('café.');
  });

  it('decodes windows-1252 punctuation and currency under every label the web gives it', async () => {
    expect(await readInput(`${base}/windows-1252`)).toMatchObject({ content: WINDOWS_1252_TEXT, warnings: [] });
    expect((await readInput(`${base}/ascii-label`)).content).toBe(WINDOWS_1252_TEXT);
    for (const label of ['iso-8859-1', 'ISO-8859-1', 'latin1', 'cp1252', 'ascii', 'l1']) {
      expect(await decodeText(WINDOWS_1252, 'x', label)).toEqual({ text: WINDOWS_1252_TEXT, warnings: [] });
    }
  });

  it('reads UTF-16 without a BOM when the server declares it, instead of taking it for binary', async () => {
    const input = await readInput(`${base}/utf-16`);
    expect(input).toMatchObject({ content: '<p>Wide text, “quoted”.</p>', format: 'html', warnings: [] });
  });

  it('follows a redirect and reports the final URL as the source', async () => {
    expect(await readInput(`${base}/hop`)).toMatchObject({ source: `${base}/article.html`, content: HTML });
  });

  it('stops a redirect loop after five hops', async () => {
    await expectInputError(readInput(`${base}/loop`), /Too many redirects .*\/loop \(more than 5\)/);
  });

  it('does not follow a redirect to a non-http scheme', async () => {
    await expectInputError(readInput(`${base}/to-file`), /redirects to a file: address/);
  });

  it('names the HTTP status of a failed request', async () => {
    await expectInputError(readInput(`${base}/missing`), /failed: HTTP 404 Not Found\./);
    await expectInputError(readInput(`${base}/error`), /HTTP 503/);
  });

  it('times out a server that does not answer, or stalls mid-body', async () => {
    const started = Date.now();
    await expectInputError(readInput(`${base}/slow`, { timeoutMs: 300 }), /^Timed out after 0\.3 s fetching/);
    expect(Date.now() - started).toBeLessThan(5000);
    await expectInputError(readInput(`${base}/slow-body`, { timeoutMs: 300 }), /^Timed out/);
  });

  it('stops reading a body past maxBytes, and refuses a declared size past it', async () => {
    await expectInputError(readInput(`${base}/huge`, { maxBytes: 1024 * 1024 }), /huge is larger than 1 MB/);
    await expect.poll(() => hugeClosed).toBe(true);
    expect(hugeBytesSent).toBeLessThan(32 * 1024 * 1024);
    await expectInputError(readInput(`${base}/declared-huge`, { maxBytes: 1024 * 1024 }), /larger than 1 MB/);
  });

  it('refuses binary and empty responses', async () => {
    await expectInputError(readInput(`${base}/png`), /looks like a PNG image/);
    await expectInputError(readInput(`${base}/empty`), /is empty/);
  });

  it('reports a refused connection as an InputError', async () => {
    const closed = createServer();
    await new Promise<void>((resolve) => closed.listen(0, '127.0.0.1', resolve));
    const port = (closed.address() as AddressInfo).port;
    await new Promise<void>((resolve) => closed.close(() => resolve()));
    await expectInputError(readInput(`http://127.0.0.1:${port}/x`), /^Could not fetch .*ECONNREFUSED/);
  });

  it('passes a caller abort through as the abort reason, not as an InputError', async () => {
    const controller = new AbortController();
    const reason = new Error('stop');
    setTimeout(() => controller.abort(reason), 50);
    await expect(readInput(`${base}/slow`, { signal: controller.signal, timeoutMs: 10_000 })).rejects.toBe(reason);
  });
});

describe('readInput: a connection that fails, said in words', () => {
  // A raw TCP server, to fail the way real servers and networks do: reset, closed early, not HTTP at all.
  let raw: ReturnType<typeof createTcpServer>;
  let rawBase: string;
  beforeAll(async () => {
    raw = createTcpServer((socket) => {
      socket.on('error', () => {});
      socket.once('data', (data) => {
        const route = data.toString('latin1').split(' ')[1];
        if (route === '/reset') socket.resetAndDestroy();
        else if (route === '/closed') socket.destroy();
        else if (route === '/not-http') socket.end('NOT HTTP AT ALL\r\n\r\n');
        else {
          socket.write('HTTP/1.1 200 OK\r\nContent-Type: text/html\r\nContent-Length: 5000\r\n\r\n<p>The start of a page');
          setTimeout(() => (route === '/reset-mid-body' ? socket.resetAndDestroy() : socket.destroy()), 50);
        }
      });
    });
    await new Promise<void>((resolve) => raw.listen(0, '127.0.0.1', resolve));
    rawBase = `http://127.0.0.1:${(raw.address() as AddressInfo).port}`;
  });
  afterAll(async () => {
    await new Promise<void>((resolve) => raw.close(() => resolve()));
  });

  it.each([
    ['/reset', /: the connection was reset by the server or the network \(ECONNRESET\)\. Check the address/],
    ['/reset-mid-body', /: the connection was reset by the server or the network \(ECONNRESET\)\./],
    ['/closed', /: the server closed the connection before the page was complete\. Check the address/],
    ['/closed-mid-body', /: the server closed the connection before the page was complete\./],
    ['/not-http', /: the server's answer is not valid HTTP\./],
  ])('%s', async (route, message) => {
    const error = await expectInputError(readInput(`${rawBase}${route}`, { timeoutMs: 10_000 }), message);
    expect(error.message).toMatch(/^Could not fetch http:\/\/127\.0\.0\.1:\d+\//);
    expect(error.message).not.toMatch(/UND_ERR|HPE_|fetch failed|terminated/);
  });

  it('names a refused connection and a refused port in words', async () => {
    const closed = createServer();
    await new Promise<void>((resolve) => closed.listen(0, '127.0.0.1', resolve));
    const port = (closed.address() as AddressInfo).port;
    await new Promise<void>((resolve) => closed.close(() => resolve()));
    await expectInputError(
      readInput(`http://127.0.0.1:${port}/x`),
      new RegExp(`: the connection was refused: nothing is listening at 127\\.0\\.0\\.1:${port} \\(ECONNREFUSED\\)\\.`),
    );
    await expectInputError(readInput('http://127.0.0.1:25/x'), /: browsers and briefcast do not fetch from port 25\./);
  });

  it('says what a DNS failure, an unreachable network and a bad certificate are', () => {
    const failure = (cause: object) => Object.assign(new TypeError('fetch failed'), { cause });
    const url = 'https://news.example/a';
    expect(describeFetchFailure(failure({ code: 'ENOTFOUND', message: 'getaddrinfo ENOTFOUND news.example' }), url)).toBe(
      'the name news.example could not be found (DNS lookup failed, ENOTFOUND)',
    );
    expect(describeFetchFailure(failure({ code: 'EAI_AGAIN' }), url)).toBe(
      'the name news.example could not be looked up just now (DNS did not answer, EAI_AGAIN)',
    );
    expect(describeFetchFailure(failure({ code: 'UND_ERR_CONNECT_TIMEOUT' }), url)).toBe('news.example did not accept a connection in time');
    expect(describeFetchFailure(failure(new AggregateError([Object.assign(new Error('x'), { code: 'ENETUNREACH' })])), url)).toMatch(/no network route/);
    expect(describeFetchFailure(failure({ code: 'CERT_HAS_EXPIRED' }), url)).toBe('the security certificate of news.example has expired');
    expect(describeFetchFailure(failure({ code: 'UND_ERR_SOMETHING_NEW', message: 'odd failure' }), url)).toBe('odd failure');
  });
});

describe('decodeText', () => {
  it('prefers a BOM over a declared charset and decodes UTF-16BE', async () => {
    expect(await decodeText(Buffer.from([0xfe, 0xff, 0x00, 0x48, 0x00, 0x69]), 'x', 'iso-8859-1')).toEqual({ text: 'Hi', warnings: [] });
  });
});
