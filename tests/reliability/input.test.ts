// What a careless user can feed briefcast, through the real CLI: odd file names, legacy encodings, pages that
// nest without end, connections that fail. Each ends in a correct result or one line with exit 3, promptly, with
// nothing left behind. The fake flite (tests/fixtures/path-engines) keeps the runs that reach synthesis fast.
import { execFileSync, spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { writeFile } from 'node:fs/promises';
import { createServer as createTcpServer, type AddressInfo } from 'node:net';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { EXIT_CODES } from '../../src/errors.js';
import { describeWithBinaries } from '../helpers/require-binary.js';
import { ROOT, createSandbox, expectNothingLeft, expectOneLineError, pathWithFakeEngines, runCli, startCli, type Sandbox } from '../cli/cli-harness.js';

let box: Sandbox;
beforeAll(async () => {
  box = await createSandbox();
});
afterAll(async () => {
  await box?.remove();
});

const fakeFlite = { env: { PATH: pathWithFakeEngines() } };

/** `briefcast script <input>`: what would be spoken, without synthesis. */
const script = (input: string, ...args: string[]) => runCli(['script', input, '--engine', 'flite', ...args], box, fakeFlite);

describeWithBinaries('ffmpeg')('a file name that looks like an address', () => {
  it('briefs an existing "Re: budget.txt" as the file it is', async () => {
    const run = await box.child('colon');
    await writeFile(run.path('Re: budget.txt'), 'Budget Vote\n\nThe council passed the budget on Tuesday.\n');
    const target = run.path('out', 'budget.mp3');
    const result = await runCli(['Re: budget.txt', '--engine', 'flite', '-o', target, '-q'], run, fakeFlite);
    expect({ exitCode: result.exitCode, stderr: result.stderr }).toEqual({ exitCode: 0, stderr: '' });
    expect(existsSync(target)).toBe(true);
  });

  it('names a missing "Re: minutes.txt" as a missing file, not as a URL scheme', async () => {
    const run = await box.child('colon-missing');
    const target = run.path('out', 'minutes.mp3');
    const result = await runCli(['Re: minutes.txt', '--engine', 'flite', '-o', target, '-q'], run, fakeFlite);
    expectOneLineError(result, EXIT_CODES.input, 'No such file: Re: minutes.txt. Check the path.');
    await expectNothingLeft(run, target);
  });
});

describe('an article that is a pipe or a device', () => {
  it('reads a FIFO only up to the 20 MB limit, not until memory runs out', async () => {
    // A bounded 24 MB stands for a device that never ends (/dev/zero), so that a regression cannot take the machine down.
    const run = await box.child('fifo');
    execFileSync('mkfifo', [run.path('endless.txt')]);
    const feeder = spawn('sh', ['-c', `head -c 25165824 /dev/zero | tr '\\0' a > '${run.path('endless.txt')}'`]);
    const fed = new Promise((resolve) => feeder.on('close', resolve));
    const target = run.path('out', 'endless.mp3');
    const result = await runCli(['endless.txt', '--engine', 'flite', '-o', target, '-q'], run, fakeFlite);
    expectOneLineError(result, EXIT_CODES.input, 'endless.txt is larger than 20 MB, the most briefcast reads. Give a smaller article or raise the limit.');
    await fed;
    await expectNothingLeft(run, target);
  });
});

const SIGNALS = [
  ['SIGINT', EXIT_CODES.interrupted],
  ['SIGTERM', EXIT_CODES.terminated],
] as const;

/** Briefs `input` in `run`, sends `signal` after `afterMs`, and expects a prompt, clean exit with its code. */
async function expectSignalStops(run: Sandbox, input: string, signal: NodeJS.Signals, exitCode: number, afterMs: number): Promise<void> {
  const target = run.path('out', 'stopped.mp3');
  const { child, finished } = startCli([input, '--engine', 'flite', '-o', target, '-q'], run, { ...fakeFlite, timeoutMs: 60_000 });
  await new Promise((resolve) => setTimeout(resolve, afterMs));
  const signalledAt = Date.now();
  child.kill(signal);
  const result = await finished;
  expect(result.signal, 'the CLI had to be killed').toBeNull();
  expect(Date.now() - signalledAt, 'exit promptly after the signal').toBeLessThan(5_000);
  expectOneLineError(result, exitCode, `Interrupted by ${signal}: nothing was written.`);
  await expectNothingLeft(run, target);
}

describe('an article that is a FIFO nobody writes to', () => {
  it.each(SIGNALS)('%s ends the wait at once', async (signal, exitCode) => {
    const run = await box.child(`fifo-${signal}`);
    execFileSync('mkfifo', [run.path('silent.txt')]);
    await expectSignalStops(run, 'silent.txt', signal, exitCode, 3_000);
  });
});

describe('legacy encodings', () => {
  it('reads a windows-1252 page (declared as ISO-8859-1) with its apostrophes, dashes and euros', async () => {
    // "It’s €5 – a deal" with the quote, the euro sign and the dash as the bytes 0x92, 0x80 and 0x96.
    const page = Buffer.concat([
      Buffer.from('<html><head><meta charset="iso-8859-1"><title>Prices</title></head><body><article><h1>Prices</h1><p>'),
      Buffer.from([0x49, 0x74, 0x92, 0x73, 0x20, 0x80, 0x35, 0x20, 0x96, 0x20, 0x61, 0x20, 0x64, 0x65, 0x61, 0x6c, 0x2e]),
      Buffer.from(' The shop opens at nine and closes at five, every day of the week, all year round.</p></article></body></html>'),
    ]);
    await writeFile(box.path('prices.html'), page);
    const result = await script('prices.html');
    expect(result.exitCode, result.stderr).toBe(0);
    expect(result.stdout).toContain("It's five euros, a deal.");
    expect(result.stdout).not.toMatch(/[\u0080-\u009f]|It s /);
  });
});

describe('a connection that fails part way', () => {
  let server: ReturnType<typeof createTcpServer>;
  let base: string;
  beforeAll(async () => {
    server = createTcpServer((socket) => {
      socket.on('error', () => {});
      socket.once('data', () => {
        socket.write('HTTP/1.1 200 OK\r\nContent-Type: text/html\r\nContent-Length: 5000\r\n\r\n<p>The start of a page');
        setTimeout(() => socket.destroy(), 50);
      });
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  afterAll(async () => {
    await new Promise<void>((resolve) => server.close(() => resolve()));
  });

  it('says that the server closed the connection early, in words', async () => {
    const result = await script(`${base}/article`);
    expectOneLineError(
      result,
      EXIT_CODES.input,
      `Could not fetch ${base}/article: the server closed the connection before the page was complete. Check the address and the network connection.`,
    );
  });
});

// 5,000 nested <div>s overflowed the stack in jsdom; 550 KB of them kept jsdom and Readability busy for minutes.
const nestedDivs = (depth: number) =>
  `<html><head><title>Deep</title></head><body>${'<div>'.repeat(depth)}<p>The only paragraph, deep inside.</p>${'</div>'.repeat(depth)}</body></html>`;
// marked reads runs of emphasis markers in quadratic time: 200 KB of them take it minutes.
const SLOW_MARKDOWN = `# Slow\n\n${'_a'.repeat(100_000)}\n`;

describe('pages that nest without end', () => {
  it('refuses 5,000 nested elements with one line and exit 3, at once', async () => {
    await writeFile(box.path('deep.html'), nestedDivs(5_000));
    const target = box.path('out', 'deep.mp3');
    const result = await runCli(['deep.html', '--engine', 'flite', '-o', target, '-q'], box, fakeFlite);
    expectOneLineError(
      result,
      EXIT_CODES.input,
      "deep.html nests its elements 5,003 deep, more than the 512 that briefcast (like web browsers) reads. Save the article's text as a .txt file.",
    );
    expect(result.ms).toBeLessThan(30_000);
    await expectNothingLeft(box, target);
  });

  it('refuses a 550 KB page of nested elements in seconds, not minutes', async () => {
    const html = nestedDivs(110_000);
    expect(html.length).toBeGreaterThan(550_000);
    await writeFile(box.path('deeper.html'), html);
    const result = await script('deeper.html');
    expectOneLineError(result, EXIT_CODES.input, /^briefcast: deeper\.html nests its elements 110,003 deep, more than the 512 /);
    expect(result.ms).toBeLessThan(30_000);
  });

  it('refuses quotes nested 50,000 deep in Markdown', async () => {
    await writeFile(box.path('quotes.md'), `# Quotes\n\n${'>'.repeat(50_000)} deep\n`);
    const result = await script('quotes.md');
    expectOneLineError(result, EXIT_CODES.input, /^briefcast: quotes\.md nests its lists or quotes 50,000 deep, more than the 100 /);
  });
});

describe('Ctrl-C and SIGTERM while an article is parsed', () => {
  it.each(SIGNALS)('%s stops the parser at once', async (signal, exitCode) => {
    const run = await box.child(`parse-${signal}`);
    await writeFile(run.path('slow.md'), SLOW_MARKDOWN);
    // By then the CLI has long read the file and is parsing it (the parse alone takes well over the time limit).
    await expectSignalStops(run, 'slow.md', signal, exitCode, 4_000);
  });
});

describe('the parser thread (the built parse-article.js, which runs it)', () => {
  type ParseModule = typeof import('../../src/article/parse-article.js');
  let built: ParseModule;
  beforeAll(async () => {
    built = (await import(pathToFileURL(path.join(ROOT, 'dist/article/parse-article.js')).href)) as ParseModule;
  });
  const rejection = (promise: Promise<unknown>) =>
    promise.then(
      () => undefined,
      (error: unknown) => error as Error & { exitCode?: number },
    );

  it('parses in a worker and passes its InputErrors through', async () => {
    const article = await built.parseArticle('# Fine\n\nA paragraph to read.\n', 'markdown', 'fine.md');
    expect(article.sections).toEqual([{ heading: '', paragraphs: ['A paragraph to read.'] }]);
    const error = await rejection(built.parseArticle('<html><body><nav><a href="/">Home</a></nav></body></html>', 'html', 'nav.html'));
    expect({ name: error?.name, exitCode: error?.exitCode }).toEqual({ name: 'InputError', exitCode: EXIT_CODES.input });
    expect(error?.message).toMatch(/^No article found in nav\.html: /);
  });

  it('gives up at its time limit with an InputError that says so', async () => {
    const started = Date.now();
    const error = await rejection(built.parseArticle(SLOW_MARKDOWN, 'markdown', 'slow.md', { timeLimitMs: 500 }));
    expect(Date.now() - started).toBeLessThan(5_000);
    expect({ name: error?.name, exitCode: error?.exitCode }).toEqual({ name: 'InputError', exitCode: EXIT_CODES.input });
    expect(error?.message).toBe(
      "Reading slow.md took longer than 0.5 seconds, the most briefcast allows for an article of its size: it is built in a way that is too slow to read. Save the article's text as a .txt file.",
    );
  });

  it("stops when its signal is aborted, with the signal's reason", async () => {
    const controller = new AbortController();
    const reason = new Error('stop');
    setTimeout(() => controller.abort(reason), 300);
    const started = Date.now();
    expect(await rejection(built.parseArticle(SLOW_MARKDOWN, 'markdown', 'slow.md', { signal: controller.signal }))).toBe(reason);
    expect(Date.now() - started).toBeLessThan(5_000);
  });

  it('allows a large page more time than a small one', () => {
    expect(built.parseTimeLimitMs('x'.repeat(1024 * 1024), 'html')).toBe(60_000);
    expect(built.parseTimeLimitMs('x', 'markdown')).toBe(10_000);
  });
});

describe('articles with nothing to say, or too much to list', () => {
  it('refuses an article of symbols and emoji with one line and exit 3', async () => {
    await writeFile(box.path('symbols.txt'), '!!! ???\n\n* * *\n\n🙂🙂🙂 — — —\n');
    const target = box.path('out', 'symbols.mp3');
    const result = await runCli(['symbols.txt', '--engine', 'flite', '-o', target, '-q'], box, fakeFlite);
    expectOneLineError(
      result,
      EXIT_CODES.input,
      'Nothing to read in symbols.txt: its text has no words to speak, only symbols, emoji or punctuation. Give an article with some text.',
    );
    await expectNothingLeft(box, target);
    const piped = await runCli(['script', '-', '--engine', 'flite'], box, {
      ...fakeFlite,
      input: '<html><body><article><p>🎉 ... 🎉</p></article></body></html>',
    });
    expectOneLineError(piped, EXIT_CODES.input, /^briefcast: Nothing to read in stdin: /);
  });

  it('keeps the opening rundown short for an article of 400 sections', async () => {
    const sections = Array.from({ length: 400 }, (_, i) => `## Section number ${i + 1}\n\nThe text of section ${i + 1} is short.`).join('\n\n');
    await writeFile(box.path('many.md'), `# Many Sections\n\n${sections}\n`);
    const result = await script('many.md', '--json');
    expect(result.exitCode, result.stderr).toBe(0);
    const planned = JSON.parse(result.stdout) as { chapters: { segments: { role: string; spoken: string }[] }[] };
    const intro = planned.chapters[0]!.segments.filter((segment) => segment.role === 'intro')
      .map((segment) => segment.spoken)
      .join(' ');
    expect(intro).toMatch(/It covers four hundred sections, starting with Section number one; .*; and Section number five\.$/);
    expect(intro.split(' ').length).toBeLessThan(60);
  });
});

describe('lexicon rules that would backtrack for ever', () => {
  it('reads a line with a catastrophic rule in linear time', async () => {
    await writeFile(box.path('evil.yaml'), 'rules:\n  - pattern: "(a+)+$"\n    replacement: many\n  - pattern: "(x+x+)+y"\n    replacement: why\n');
    const line = `${'a'.repeat(30_000)} ${'x'.repeat(30_000)}!`;
    const result = await runCli(['normalize', '--lexicon', 'evil.yaml'], box, { input: `${line}\nThe end.\n` });
    expect(result.exitCode, result.stderr).toBe(0);
    expect(result.stdout.split('\n')[1]).toBe('The end.');
    expect(result.ms).toBeLessThan(60_000);
  });

  it('refuses a rule that needs backtracking, naming it', async () => {
    await writeFile(box.path('lookahead.yaml'), 'rules:\n  - pattern: "Kh(?=an)"\n    replacement: K\n');
    await writeFile(box.path('khan.txt'), 'Khan\n\nKhan spoke at length today.\n');
    const result = await script('khan.txt', '--lexicon', 'lookahead.yaml');
    expectOneLineError(
      result,
      EXIT_CODES.input,
      'Lexicon lookahead.yaml: rules[0] has an unsupported regular expression /Kh(?=an)/: a lookahead ((?= or (?!) needs backtracking, which can take exponential time; match the text itself instead. Fix the pattern or remove the rule.',
    );
  });
});

describe('article text that once took a step hours', () => {
  it('sniffs stdin that opens with a row of empty comments at once', async () => {
    const result = await runCli(['script', '-', '--engine', 'flite'], box, { ...fakeFlite, input: `${'<!---->'.repeat(40)}\nThe council met on Tuesday.\n` });
    expect(result.exitCode, result.stderr).toBe(0);
    expect(result.stdout).toContain('The council met on Tuesday.');
    expect(result.ms).toBeLessThan(30_000);
  });

  it('plans a 200 KB paragraph of "1,1,1," in seconds', async () => {
    await writeFile(box.path('ones.txt'), `Ones\n\n${'1,'.repeat(100_000)}\n`);
    const result = await script('ones.txt');
    expect(result.exitCode, result.stderr).toBe(0);
    expect(result.ms).toBeLessThan(60_000);
  });
});
