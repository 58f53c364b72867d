#!/usr/bin/env node
// npm run bench: briefcast against the plain one-shot pipeline and against the machine-bound limit, on long
// articles generated from the sample article. Prints medians over --runs repetitions, ratios and peak memory.
// Not a test: timings on shared machines are noisy, so nothing here passes or fails.
import { execFileSync, spawn } from 'node:child_process';
import { mkdtemp, readFile, rm, writeFile, mkdir } from 'node:fs/promises';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const CLI = path.join(ROOT, 'dist', 'cli.js');
const args = process.argv.slice(2);
const option = (name, fallback) => {
  const index = args.indexOf(name);
  return index === -1 ? fallback : args[index + 1];
};
const RUNS = Number(option('--runs', '3'));
/** Articles in the one-worker-against-two batch (0 leaves that comparison out). */
const WORKER_ARTICLES = Number(option('--worker-articles', '6'));
const ENGINES = option('--engines', 'flite,espeak-ng').split(',').filter(Boolean);
const CORES = os.availableParallelism();

/** The sample's sections repeated `copies` times, each copy's headings numbered so chapters stay distinct. */
async function makeArticle(copies, file) {
  const sample = await readFile(path.join(ROOT, 'examples', 'xi-putin-beijing-summit.txt'), 'utf8');
  const blocks = sample
    .split(/\n\s*\n/)
    .map((block) => block.trim())
    .filter(Boolean);
  const firstHeading = blocks.findIndex((block) => block === 'A Show of Power and Symbolism');
  const opening = blocks.slice(0, firstHeading);
  const body = blocks.slice(firstHeading).filter((block) => block !== 'Sources');
  const headings = new Set(['A Show of Power and Symbolism', 'Strategic and Economic Cooperation', 'Geopolitical Implications and Western Response']);
  const copiesText = Array.from({ length: copies }, (_, n) => body.map((block) => (headings.has(block) ? `${block}, Part ${n + 1}` : block)));
  await writeFile(file, [...opening, ...copiesText.flat()].join('\n\n') + '\n');
  return file;
}

/** Runs a command; resolves to wall seconds, children's CPU seconds and peak RSS in MB (via GNU time when present). */
function measure(command, commandArgs, env = {}) {
  const hasGnuTime = (() => {
    try {
      execFileSync('/usr/bin/time', ['-f', '%M', 'true'], { stdio: 'ignore' });
      return true;
    } catch {
      return false;
    }
  })();
  const file = hasGnuTime ? '/usr/bin/time' : command;
  const argv = hasGnuTime ? ['-f', 'BENCH %e %U %S %M', command, ...commandArgs] : commandArgs;
  return new Promise((resolve, reject) => {
    const started = process.hrtime.bigint();
    const child = spawn(file, argv, { stdio: ['ignore', 'ignore', 'pipe'], env: { ...process.env, ...env } });
    let stderr = '';
    child.stderr.on('data', (chunk) => {
      stderr += chunk;
    });
    child.on('error', reject);
    child.on('close', (code) => {
      const wall = Number(process.hrtime.bigint() - started) / 1e9;
      if (code !== 0) return reject(new Error(`${command} ${commandArgs.join(' ')} exited ${code}: ${stderr.slice(-500)}`));
      const line = /BENCH ([\d.]+) ([\d.]+) ([\d.]+) (\d+)/.exec(stderr);
      resolve({ wall, cpu: line ? Number(line[2]) + Number(line[3]) : NaN, peakMb: line ? Number(line[4]) / 1024 : NaN });
    });
  });
}

const median = (values) => {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
};

function summarize(label, results) {
  const summary = {
    label,
    wall: median(results.map((r) => r.wall)),
    cpu: median(results.map((r) => r.cpu)),
    peakMb: Math.max(...results.map((r) => r.peakMb)),
  };
  process.stderr.write(`  ${label}: ${summary.wall.toFixed(1)} s wall (median of ${results.length})\n`);
  return summary;
}

/**
 * Runs each contender once per round, round after round, so that a shared machine's drifting load falls on all of
 * them alike; resolves to each one's summary.
 */
async function interleave(contenders) {
  const results = contenders.map(() => []);
  for (let round = 0; round < RUNS; round++) {
    for (const [i, contender] of contenders.entries()) results[i].push(await contender.run());
  }
  return contenders.map((contender, i) => summarize(contender.label, results[i]));
}

/** Engine CPU summed over every segment of the script, one process per segment as briefcast runs them. */
async function engineCpuPerSegment(engine, article, work) {
  const script = JSON.parse(execFileSync(process.execPath, [CLI, 'script', article, '--engine', engine, '--json'], { maxBuffer: 1 << 28 }).toString());
  const segments = script.chapters.flatMap((chapter) => chapter.segments);
  const dir = path.join(work, `segments-${engine}`);
  await mkdir(dir, { recursive: true });
  await Promise.all(segments.map((segment, i) => writeFile(path.join(dir, `${i}.txt`), segment.text)));
  const listFile = path.join(dir, 'voices.txt');
  await writeFile(listFile, segments.map((segment, i) => `${i} ${segment.voice}`).join('\n') + '\n');
  const synth = engine === 'flite' ? 'flite -voice "$v" -f "$d/$i.txt" -o "$d/$i.wav"' : 'espeak-ng -v "$v" -f "$d/$i.txt" -w "$d/$i.wav"';
  // bash's `times` reports the CPU its children used: the engines' own cost, without briefcast's.
  const out = execFileSync('bash', ['-c', `d="$1"; while read -r i v; do ${synth}; done < "$d/voices.txt"; times`, 'bench', dir]).toString();
  return { cpu: childCpu(out), segments: segments.length, dir };
}

function childCpu(timesOutput) {
  const lines = timesOutput.trim().split('\n');
  const children = lines[lines.length - 1];
  return [...children.matchAll(/(\d+)m([\d.]+)s/g)].reduce((sum, m) => sum + Number(m[1]) * 60 + Number(m[2]), 0);
}

/**
 * CPU of one encode of the programme, with briefcast's own encoder settings (limiter, LAME quality, low-pass):
 * the cold briefing is decoded to the float samples the encoder reads (not timed), then encoded once (timed).
 */
async function encodeCpu(mp3, rate, work) {
  const { encoderArgs } = await import(path.join(ROOT, 'dist', 'audio', 'ffmpeg.js'));
  const raw = path.join(work, 'programme.f32');
  execFileSync('ffmpeg', ['-hide_banner', '-loglevel', 'error', '-y', '-i', mp3, '-f', 'f32le', '-ac', '1', '-ar', String(rate), raw]);
  const args = encoderArgs(raw, path.join(work, 'encode.mp3'), { inputRate: rate, bitrateKbps: 64, limiterCeilingDb: -2 });
  const out = execFileSync('bash', ['-c', 'ffmpeg "$@" && times', 'bench', ...args]).toString();
  return childCpu(out);
}

async function benchEngine(engine, work) {
  const voice = engine === 'flite' ? 'slt' : 'en-us';
  const ten = await makeArticle(10, path.join(work, `ten-${engine}.txt`));
  process.stderr.write(`${engine}: ten copies of the sample's sections (${(await readFile(ten, 'utf8')).split(/\s+/).length} words)\n`);
  const oneShotWav = path.join(work, `one-shot-${engine}.wav`);
  const cacheDir = path.join(work, `cache-${engine}`);
  // Fills the cache for the warm runs.
  await measure(process.execPath, [CLI, ten, '--engine', engine, '--voice', voice, '--cache-dir', cacheDir, '-q', '-o', path.join(work, `warm-${engine}.mp3`)]);
  // The four-times article (espeak-ng) runs in the same rounds as the cold briefing it is compared with.
  const forty = engine === 'espeak-ng' ? await makeArticle(40, path.join(work, 'forty.txt')) : undefined;
  const coldRun = (article, output) => () => measure(process.execPath, [CLI, article, '--engine', engine, '--voice', voice, '--no-cache', '-q', '-o', output]);
  const [oneShot, cold, warm, fourTimes] = await interleave([
    {
      label: 'plain one-shot pipeline',
      run: async () => {
        const synth =
          engine === 'flite' ? ['flite', ['-voice', voice, '-f', ten, '-o', oneShotWav]] : ['espeak-ng', ['-v', voice, '-f', ten, '-w', oneShotWav]];
        const a = await measure(...synth);
        const b = await measure('ffmpeg', [
          '-hide_banner',
          '-loglevel',
          'error',
          '-y',
          '-i',
          oneShotWav,
          '-c:a',
          'libmp3lame',
          '-b:a',
          '64k',
          path.join(work, 'one-shot.mp3'),
        ]);
        return { wall: a.wall + b.wall, cpu: a.cpu + b.cpu, peakMb: Math.max(a.peakMb, b.peakMb) };
      },
    },
    { label: 'briefcast cold (--no-cache)', run: coldRun(ten, path.join(work, `cold-${engine}.mp3`)) },
    {
      label: 'briefcast warm cache',
      run: () =>
        measure(process.execPath, [CLI, ten, '--engine', engine, '--voice', voice, '--cache-dir', cacheDir, '-q', '-o', path.join(work, `warm-${engine}.mp3`)]),
    },
    ...(forty ? [{ label: 'briefcast cold, four times the article', run: coldRun(forty, path.join(work, 'forty.mp3')) }] : []),
  ]);
  const engineCpu = await engineCpuPerSegment(engine, ten, work);
  const encode = await encodeCpu(path.join(work, `cold-${engine}.mp3`), engine === 'flite' ? 16000 : 22050, work);
  const limit = (engineCpu.cpu + encode) / CORES;
  process.stderr.write(
    `  machine-bound limit: (${engineCpu.cpu.toFixed(1)} s engine CPU over ${engineCpu.segments} segments + ${encode.toFixed(1)} s encode CPU) / ${CORES} cores = ${limit.toFixed(1)} s\n`,
  );
  return { engine, oneShot, cold, warm, limit, fourTimes };
}

function hasProgram(name) {
  try {
    execFileSync('sh', ['-c', `command -v ${name}`], { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
}

/** A TCP port nobody listens on right now. */
function freePort() {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.on('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address();
      server.close(() => resolve(port));
    });
  });
}

/** Starts a process and resolves once `ready` appears on its stderr. */
function startUntil(command, commandArgs, ready, options = {}) {
  return new Promise((resolve, reject) => {
    const child = spawn(command, commandArgs, { stdio: ['ignore', 'ignore', 'pipe'], ...options });
    let stderr = '';
    child.stderr.on('data', (chunk) => {
      stderr += chunk;
      if (stderr.includes(ready)) resolve(child);
    });
    child.on('error', reject);
    child.on('exit', (code) => reject(new Error(`${command} exited ${code} before it was ready: ${stderr.slice(-500)}`)));
  });
}

const stopped = (child) => new Promise((resolve) => (child.exitCode !== null ? resolve() : (child.once('exit', resolve), child.kill('SIGINT'))));

/**
 * `batch --queue` on WORKER_ARTICLES copies of the sample article (each its own title, so no clip is shared), with
 * flite and no clip cache, briefed by one `briefcast worker` and then by two on this machine. The workers start
 * before the clock does; the time is the batch's, from enqueuing to the feed published.
 */
async function benchWorkers(work) {
  if (WORKER_ARTICLES <= 0) return undefined;
  if (!hasProgram('redis-server') || !hasProgram('flite')) {
    process.stderr.write('workers: skipped (needs redis-server and flite)\n');
    return undefined;
  }
  const sample = await readFile(path.join(ROOT, 'examples', 'xi-putin-beijing-summit.txt'), 'utf8');
  const port = await freePort();
  const redisDir = path.join(work, 'redis');
  await mkdir(redisDir, { recursive: true });
  const redis = spawn('redis-server', ['--port', String(port), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no', '--dir', redisDir], {
    stdio: 'ignore',
  });
  const url = `redis://127.0.0.1:${port}`;
  let round = 0;
  try {
    await new Promise((resolve) => setTimeout(resolve, 500));
    const run = (workers) => async () => {
      // Fresh articles and folder each run: every article is briefed, none comes from a cache.
      const dir = path.join(work, `workers-${workers}-${round++}`);
      await mkdir(path.join(dir, 'in'), { recursive: true });
      for (let i = 0; i < WORKER_ARTICLES; i++) await writeFile(path.join(dir, 'in', `article-${i}.txt`), `Bench ${dir} ${i}: ${sample}`);
      const started = [];
      try {
        for (let i = 0; i < workers; i++) started.push(await startUntil(process.execPath, [CLI, 'worker', '--queue', url, '--no-cache'], 'waiting for jobs'));
        return await measure(process.execPath, [CLI, 'batch', path.join(dir, 'in'), '-o', path.join(dir, 'out'), '--engine', 'flite', '--queue', url, '-q']);
      } finally {
        await Promise.all(started.map(stopped));
      }
    };
    const sampleWords = sample.split(/\s+/).length;
    process.stderr.write(`workers: a batch of ${WORKER_ARTICLES} articles of ${sampleWords} words through Redis, flite, no clip cache\n`);
    const [one, two] = await interleave([
      { label: 'one worker', run: run(1) },
      { label: 'two workers', run: run(2) },
    ]);
    return { one, two, articles: WORKER_ARTICLES, words: sampleWords };
  } finally {
    await stopped(redis);
  }
}

const work = await mkdtemp(path.join(os.tmpdir(), 'briefcast-bench-'));
try {
  const results = [];
  for (const engine of ENGINES) results.push(await benchEngine(engine, work));
  const workers = await benchWorkers(work);
  console.log(`\nbriefcast bench: ${CORES} cores, ${RUNS} run(s) per figure, medians\n`);
  console.log('| engine | one-shot | cold | warm | machine-bound limit | cold / one-shot | cold / limit | warm / cold | cold peak memory |');
  console.log('|---|---|---|---|---|---|---|---|---|');
  for (const r of results) {
    console.log(
      `| ${r.engine} | ${r.oneShot.wall.toFixed(1)} s | ${r.cold.wall.toFixed(1)} s | ${r.warm.wall.toFixed(1)} s | ${r.limit.toFixed(1)} s | ${(r.cold.wall / r.oneShot.wall).toFixed(2)} | ${(r.cold.wall / r.limit).toFixed(2)} | ${(r.warm.wall / r.cold.wall).toFixed(2)} | ${r.cold.peakMb.toFixed(0)} MB |`,
    );
    if (r.fourTimes) {
      console.log(
        `| ${r.engine}, 4x article | | ${r.fourTimes.wall.toFixed(1)} s | | | | | | ${r.fourTimes.peakMb.toFixed(0)} MB (time ${(r.fourTimes.wall / r.cold.wall).toFixed(2)}x, memory ${(r.fourTimes.peakMb / r.cold.peakMb).toFixed(2)}x) |`,
      );
    }
  }
  if (workers) {
    console.log(`\nbatch --queue, ${workers.articles} articles of ${workers.words} words, flite, no clip cache, workers on this machine\n`);
    console.log('| workers | batch wall | articles per hour | two / one |');
    console.log('|---|---|---|---|');
    for (const [label, r] of [
      ['one', workers.one],
      ['two', workers.two],
    ]) {
      console.log(
        `| ${label} | ${r.wall.toFixed(1)} s | ${((workers.articles * 3600) / r.wall).toFixed(0)} | ${label === 'two' ? (workers.two.wall / workers.one.wall).toFixed(2) : ''} |`,
      );
    }
  }
} finally {
  await rm(work, { recursive: true, force: true });
}
