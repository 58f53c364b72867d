// Article text is only ever spoken. With every installed engine, an article built to look like shell, festival
// Scheme and ffmpeg syntax is briefed through the real CLI and nothing in it runs; and file names with quotes,
// spaces, non-ASCII letters, "$(…)" and a leading dash work everywhere: the input, -o, the work folder (TMPDIR)
// and the cache. HTML runs no script and fetches nothing.
import { existsSync } from 'node:fs';
import { cp, mkdir, mkdtemp, readdir, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { EngineName } from '../../src/speech/engine.js';
import { probeFile } from '../helpers/media-tools.js';
import { describeWithBinaries } from '../helpers/require-binary.js';
import { createSandbox, expectNoTemporaries, runCli, type Sandbox } from '../cli/cli-harness.js';

// The sandbox's own name is hostile too: every temporary path briefcast makes lives under it.
const HOSTILE_DIR = `bc -x 'q' "d" ü $(touch pwned) \`id\` `;

let box: Sandbox;
let markers: string;
beforeAll(async () => {
  box = await createSandbox(HOSTILE_DIR);
  // Where anything that ran would leave a file; a plain name, so that the headings naming it stay headings.
  markers = await mkdtemp(path.join(os.tmpdir(), 'briefcast-markers-'));
  await mkdir(box.path('keep'));
});
afterAll(async () => {
  await box?.remove();
  if (markers) await rm(markers, { recursive: true, force: true });
});

/** A small article (festival takes ~1 s a run) whose every line tries to run something if read as code. */
function hostileArticle(m: string): string {
  return [
    `Costs $(touch ${m}/title) and \`touch ${m}/tick\``,
    `Shell: $(touch ${m}/dollar); \`touch ${m}/backtick\` && touch ${m}/and | tee ${m}/pipe; rm -rf ${box.path('keep')}.`,
    `Scheme (system "touch ${m}/heading") [0:a] \\ = ; #`,
    `Festival reads (system "touch ${m}/scheme") and (begin (system "touch ${m}/begin") 1) then "); (system \\"touch ${m}/quote\\") ;`,
    `FFmpeg sees [0:a]concat=n=2:v=0:a=1[out] -i concat:/etc/passwd|/etc/hosts -f lavfi -y ${m}/ffmpeg.mp3 it's 'quoted' \\ and \\\\ here.\n-o ${m}/dash --help -eval '(system "touch ${m}/eval")' ends the line.`,
  ].join('\n\n');
}

interface Summary {
  file: string;
  chapters: { title: string }[];
}

const PIPER_FIXTURES = path.resolve(import.meta.dirname, '../fixtures/piper');

/**
 * piper through its stand-in (tests/fixtures/piper: real piper and its models cannot be installed here), with its
 * voices in a folder whose name is hostile too: the model's path is on piper's command line.
 */
async function piperEnv(run: Sandbox): Promise<NodeJS.ProcessEnv> {
  const voices = run.path(`-voices 'q' ü $(touch pwned)`);
  await cp(path.join(PIPER_FIXTURES, 'voices'), voices, { recursive: true });
  return {
    PATH: [path.join(PIPER_FIXTURES, 'python'), process.env.PATH ?? ''].join(path.delimiter),
    BRIEFCAST_PIPER_VOICES: voices,
    XDG_DATA_HOME: run.path('data'),
  };
}

const ENGINES: readonly { engine: EngineName; binaries: string[]; env?: (run: Sandbox) => Promise<NodeJS.ProcessEnv> }[] = [
  { engine: 'piper', binaries: ['espeak-ng', 'ffmpeg', 'ffprobe'], env: piperEnv },
  { engine: 'flite', binaries: ['flite', 'ffmpeg', 'ffprobe'] },
  { engine: 'espeak-ng', binaries: ['espeak-ng', 'ffmpeg', 'ffprobe'] },
  { engine: 'festival', binaries: ['festival', 'text2wave', 'ffmpeg', 'ffprobe'] },
  { engine: 'flite-wasm', binaries: ['ffmpeg', 'ffprobe'] },
];

for (const { engine, binaries, env: engineEnv } of ENGINES) {
  describeWithBinaries(...binaries)(`${engine}: hostile text and hostile file names`, () => {
    it('speaks every line, runs none, and writes the file where -o says', async () => {
      const run = await box.child(`${engine} run`);
      const env = engineEnv ? await engineEnv(run) : {};
      const input = `./-dash 'quote' ü ${engine}.txt`;
      await writeFile(path.join(run.dir, input), hostileArticle(markers));
      const output = `./out dir/-x 'y' ü ${engine}.mp3`;
      const result = await runCli([input, '--engine', engine, '-o', output, '--json', '-q', '--cache-dir', run.path(`clips "${engine}" 'ü'`)], run, {
        timeoutMs: 170_000,
        env,
      });
      expect(result.stderr).toBe('');
      expect(result.exitCode).toBe(0);
      const summary = JSON.parse(result.stdout) as Summary;
      expect(summary.file).toBe(path.join(run.dir, output));
      expect(existsSync(summary.file)).toBe(true);

      // Nothing ran: no marker file, the folder "rm -rf" named is still there.
      expect(await readdir(markers)).toEqual([]);
      expect(existsSync(box.path('keep'))).toBe(true);
      expect(existsSync(path.join(run.dir, 'pwned'))).toBe(false);
      await expectNoTemporaries(run, path.dirname(summary.file));

      // It was spoken, not dropped: the script carries the text, and the chapters read back exactly (ID3).
      const planned = await runCli(['script', input, '--engine', engine, '--json'], run, { env });
      const script = JSON.parse(planned.stdout) as { chapters: { title: string; segments: { text: string }[] }[] };
      const spoken = script.chapters.flatMap((chapter) => chapter.segments.map((segment) => segment.text)).join(' ');
      for (const fragment of ['touch', 'system', 'concat', 'passwd', 'eval']) expect(spoken).toContain(fragment);
      expect(script.chapters.map((chapter) => chapter.title)).toEqual([
        `Costs $(touch ${markers}/title) and \`touch ${markers}/tick\``,
        `Scheme (system "touch ${markers}/heading") [0:a] \\ = ; #`,
      ]);
      const probe = await probeFile(summary.file);
      expect(probe.chapters.map((chapter) => chapter.tags?.title)).toEqual(script.chapters.map((chapter) => chapter.title));
      expect(summary.chapters.map((chapter) => chapter.title)).toEqual(script.chapters.map((chapter) => chapter.title));
    }, 180_000);
  });
}

describe('HTML input runs no script and fetches nothing', () => {
  let server: Server;
  let base: string;
  const hits: string[] = [];

  beforeAll(async () => {
    server = createServer((request, response) => {
      hits.push(request.url ?? '');
      if (request.url === '/page') {
        response.writeHead(200, { 'content-type': 'text/html; charset=utf-8' }).end(hostilePage(base, markers));
      } else {
        response.writeHead(200, { 'content-type': 'text/plain' }).end('fetched');
      }
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });

  afterAll(async () => {
    server.closeAllConnections();
    await new Promise((resolve) => server.close(resolve));
  });

  it('a saved page: its scripts, images, styles, frames and refreshes touch neither the network nor the disk', async () => {
    const run = await box.child('html file');
    await writeFile(run.path('page.html'), hostilePage(base, markers));
    const result = await runCli(['script', 'page.html', '--engine', 'flite-wasm', '--json'], run);
    expect(result.exitCode).toBe(0);
    const script = JSON.parse(result.stdout) as { title: string; chapters: { segments: { text: string }[] }[] };
    expect(script.title).toBe('The Quiet Harbour');
    const spoken = script.chapters.flatMap((chapter) => chapter.segments.map((segment) => segment.text)).join(' ');
    expect(spoken).toContain('The harbour was quiet on Tuesday morning');
    expect(spoken).not.toMatch(/pwned|fetch|document|alert/);
    // Give anything that might have been scheduled a moment to arrive.
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(hits).toEqual([]);
    expect(await readdir(markers)).toEqual([]);
  });

  it('a page from a URL: only the page itself is requested', async () => {
    const run = await box.child('html url');
    const result = await runCli(['script', `${base}/page`, '--engine', 'flite-wasm', '--json'], run);
    expect(result.exitCode).toBe(0);
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(hits).toEqual(['/page']);
    expect(await readdir(markers)).toEqual([]);
  });
});

/** An article page whose every active part would call back to `base` or write under `markerDir` if it ran. */
function hostilePage(base: string, markerDir: string): string {
  const paragraph = 'The harbour was quiet on Tuesday morning, and the boats stayed tied up along the old stone quay while the fog lifted slowly.';
  return `<!doctype html>
<html><head>
<meta charset="utf-8"><title>The Quiet Harbour</title>
<meta http-equiv="refresh" content="0; url=${base}/refresh">
<link rel="stylesheet" href="${base}/style.css"><link rel="preload" href="${base}/preload" as="fetch"><link rel="icon" href="${base}/favicon.ico">
<script src="${base}/external.js"></script>
<script>fetch('${base}/fetch'); new Image().src = '${base}/image-js'; document.title = 'pwned'; require('fs').writeFileSync('${markerDir}/script', 'x');</script>
<style>@import url("${base}/import.css"); body { background: url("${base}/background.png"); }</style>
</head><body onload="fetch('${base}/onload')">
<article>
<h1>The Quiet Harbour</h1>
<p>${paragraph} <img src="${base}/img.png" srcset="${base}/img-2x.png 2x" onerror="fetch('${base}/onerror')" alt=""></p>
<p>${paragraph} <iframe src="${base}/frame"></iframe><object data="${base}/object"></object><embed src="${base}/embed"></p>
<p>${paragraph} <video poster="${base}/poster.png" src="${base}/video.mp4"></video><audio src="${base}/audio.mp3"></audio><picture><source srcset="${base}/source.webp"></picture></p>
<p>${paragraph} <svg><image href="${base}/svg-image.png"/></svg><input type="image" src="${base}/input.png"><form action="${base}/form"></form></p>
<script>document.write('<img src="${base}/written.png">pwned');</script>
</article>
</body></html>`;
}
