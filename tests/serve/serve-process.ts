// `briefcast serve` as a child process, as a user runs it: started from dist/cli.js, ready once it has printed its
// Feed: and Page: lines, stopped with a signal. And the loopback web site the tests' articles and feeds come from.
import { spawn, type ChildProcess } from 'node:child_process';
import { createServer, request as httpRequest, type IncomingHttpHeaders, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { CLI, type Sandbox } from '../cli/cli-harness.js';

export interface ServeProcess {
  child: ChildProcess;
  feedUrl: string;
  pageUrl: string;
  /** Everything written so far. */
  stdout(): string;
  stderr(): string;
  /** Resolves when the process has exited. */
  exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
  /** Sends the signal and waits for the exit. */
  stop(signal?: NodeJS.Signals): Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
}

/** Starts `briefcast serve <args>`; resolves once it prints both addresses, rejects if it exits first. */
export function startServe(args: readonly string[], sandbox: Sandbox, env: NodeJS.ProcessEnv = {}): Promise<ServeProcess> {
  const child = spawn(process.execPath, [CLI, 'serve', ...args], { cwd: sandbox.dir, env: { ...sandbox.env, ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
  let stdout = '';
  let stderr = '';
  child.stdout!.setEncoding('utf8');
  child.stderr!.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk));
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) =>
    child.on('exit', (code, signal) => resolve({ code, signal })),
  );
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new Error(`briefcast serve did not print its addresses in 30 s:\n${stdout}\n${stderr}`));
    }, 30_000);
    child.stdout!.on('data', (chunk: string) => {
      stdout += chunk;
      const feedUrl = /^Feed: (\S+)$/m.exec(stdout)?.[1];
      const pageUrl = /^Page: (\S+)$/m.exec(stdout)?.[1];
      if (feedUrl === undefined || pageUrl === undefined) return;
      clearTimeout(timer);
      resolve({
        child,
        feedUrl,
        pageUrl,
        stdout: () => stdout,
        stderr: () => stderr,
        exited,
        stop: (signal = 'SIGTERM') => {
          child.kill(signal);
          return exited;
        },
      });
    });
    void exited.then(({ code, signal }) => {
      clearTimeout(timer);
      reject(new Error(`briefcast serve exited (${code ?? signal}) before printing its addresses:\n${stdout}\n${stderr}`));
    });
  });
}

export interface JobState {
  id: string;
  status: string;
  label?: string;
  error?: string;
  episode?: { title: string; url: string };
}

/** Polls the API until the job is done or failed. */
export async function waitForJob(pageUrl: string, id: string, timeoutMs = 60_000): Promise<JobState> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const job = (await (await fetch(`${pageUrl}api/articles/${id}`)).json()) as JobState;
    if (job.status === 'done' || job.status === 'failed') return job;
    if (Date.now() > deadline) throw new Error(`job ${id} still ${job.status} after ${timeoutMs} ms`);
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
}

/** Waits until `check` holds, polling. */
export async function waitUntil<T>(check: () => Promise<T | undefined | false>, what: string, timeoutMs = 60_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await check();
    if (value) return value;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
}

export function postArticle(pageUrl: string, body: object): Promise<Response> {
  return fetch(`${pageUrl}api/articles`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
}

/** A short article page: a title and a few sentences, quick to speak. */
export function articlePage(title: string, paragraphs: readonly string[]): string {
  return `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>${title}</title></head><body><article><h1>${title}</h1>${paragraphs.map((p) => `<p>${p}</p>`).join('')}</article></body></html>`;
}

export interface LoopbackSite {
  server: Server;
  origin: string;
  /** Pages by path ("/articles/harbour"); anything else is a 404. */
  pages: Map<string, { type: string; body: string }>;
  close(): Promise<void>;
}

/** A web site on 127.0.0.1 serving whatever `pages` holds at the moment of the request. */
export async function startLoopbackSite(): Promise<LoopbackSite> {
  const pages = new Map<string, { type: string; body: string }>();
  const server = createServer((request, response) => {
    const page = pages.get((request.url ?? '/').split('?')[0]!);
    if (!page) {
      response.writeHead(404, { 'content-type': 'text/plain' }).end('not here');
      return;
    }
    response.writeHead(200, { 'content-type': page.type, 'content-length': Buffer.byteLength(page.body) }).end(page.body);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return {
    server,
    origin,
    pages,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

/**
 * A GET through node:http, which sends exactly the headers given: fetch adds "Cache-Control: no-cache" to a
 * request with validators, and a server then rightly never answers 304.
 */
export function rawGet(url: string, headers: Record<string, string> = {}): Promise<{ status: number; headers: IncomingHttpHeaders; body: Buffer }> {
  return new Promise((resolve, reject) => {
    const request = httpRequest(url, { headers }, (response) => {
      const chunks: Buffer[] = [];
      response.on('data', (chunk: Buffer) => chunks.push(chunk));
      response.on('end', () => resolve({ status: response.statusCode ?? 0, headers: response.headers, body: Buffer.concat(chunks) }));
    });
    request.on('error', reject);
    request.end();
  });
}
