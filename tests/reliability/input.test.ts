// What a careless user can feed briefcast, through the real CLI: odd file names, legacy encodings, pages that
// nest without end, connections that fail. Each ends in a correct result or one line with exit 3, promptly, with
// nothing left behind. The fake flite (tests/fixtures/path-engines) keeps the runs that reach synthesis fast.
import { existsSync } from 'node:fs';
import { writeFile } from 'node:fs/promises';
import { createServer as createTcpServer, type AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { EXIT_CODES } from '../../src/errors.js';
import { describeWithBinaries } from '../helpers/require-binary.js';
import { createSandbox, expectNothingLeft, expectOneLineError, pathWithFakeEngines, runCli, type Sandbox } from '../cli/cli-harness.js';

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
    expectOneLineError(result, EXIT_CODES.input,
      `Could not fetch ${base}/article: the server closed the connection before the page was complete. Check the address and the network connection.`);
  });
});
