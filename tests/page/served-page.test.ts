// The page `briefcast serve` serves, in Debian's headless Chromium (driven by playwright-core, never a downloaded
// browser; a fresh profile in the test's own folder): an article added through its form, by address and as
// pasted text, becomes an episode on the page; a failure is listed with its reason; the bookmarklet's ?add= fills
// the form; an episode is deleted with its button. The server is the real CLI, over loopback.
import { chromium, type BrowserContext, type Page } from 'playwright-core';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { createSandbox, type Sandbox } from '../cli/cli-harness.js';
import { CHROMIUM, CHROMIUM_ARGS } from '../helpers/chromium.js';
import { describeWithBinaries } from '../helpers/require-binary.js';
import { articlePage, startLoopbackSite, startServe, type LoopbackSite, type ServeProcess } from '../serve/serve-process.js';

describeWithBinaries(
  'chromium',
  'flite',
  'ffmpeg',
)('the served page in headless Chromium', () => {
  let sandbox: Sandbox;
  let site: LoopbackSite;
  let server: ServeProcess;
  let browser: BrowserContext;
  let page: Page;
  const problems: string[] = [];

  beforeAll(async () => {
    sandbox = await createSandbox('briefcast-served-page-');
    site = await startLoopbackSite();
    site.pages.set('/articles/lighthouse', {
      type: 'text/html; charset=utf-8',
      body: articlePage('Lighthouse relit', ['The old lighthouse shone again on Sunday night.', 'Its lamp was restored by volunteers.']),
    });
    server = await startServe([sandbox.path('podcast'), '--allow-private', '--engine', 'flite', '--cache-dir', sandbox.path('cache'), '--port', '0'], sandbox);
    browser = await chromium.launchPersistentContext(sandbox.path('chromium-profile'), { executablePath: CHROMIUM, args: CHROMIUM_ARGS });
    page = browser.pages()[0] ?? (await browser.newPage());
    page.on('pageerror', (error) => problems.push(error.message));
    page.on('dialog', (dialog) => void dialog.accept());
  }, 120_000);

  afterAll(async () => {
    await browser?.close();
    await server?.stop('SIGTERM');
    await site?.close();
    await sandbox?.remove();
  });

  it('adds an article by its address through the form, lists it while it waits, and shows its episode when done', async () => {
    await page.goto(server.pageUrl);
    expect(await page.locator('main').textContent()).toContain('No briefings yet.');
    await page.fill('input[name="url"]', `${site.origin}/articles/lighthouse`);
    await page.click('#add-form button[type="submit"]');
    await page.locator('#add-status', { hasText: 'Added' }).waitFor();
    // The list is refreshed at once; the first briefing (voice calibration included) takes seconds.
    await page.locator('#jobs li', { hasText: `${site.origin}/articles/lighthouse` }).waitFor();
    await page.locator('.briefing h2', { hasText: 'Lighthouse relit' }).waitFor({ timeout: 90_000 });
    const audio = page.locator('.briefing audio');
    expect(await audio.getAttribute('src')).toMatch(/^lighthouse-relit-[a-z0-9]{6}\.mp3$/);
    // The player can load it from the server.
    await page.waitForFunction(() => (document.querySelector('.briefing audio') as HTMLAudioElement).readyState >= 1, undefined, { timeout: 30_000 });
    expect(await page.locator('#jobs li').count()).toBe(0);
    expect(problems).toEqual([]);
  }, 120_000);

  it('adds pasted text with a title', async () => {
    await page.locator('#add-form summary').click();
    await page.fill('input[name="title"]', 'Tide tables');
    await page.fill('textarea[name="text"]', 'High tide is at six in the morning.\n\nLow tide follows at noon.');
    await page.click('#add-form button[type="submit"]');
    await page.locator('.briefing h2', { hasText: 'Tide tables' }).waitFor({ timeout: 90_000 });
    expect(await page.locator('.briefing h2').allTextContents()).toEqual(expect.arrayContaining(['Lighthouse relit', 'Tide tables']));
    expect(problems).toEqual([]);
  }, 120_000);

  it('lists an article that failed, with its reason', async () => {
    await page.fill('input[name="url"]', `${site.origin}/articles/missing`);
    await page.click('#add-form button[type="submit"]');
    const failed = page.locator('#jobs li.failed');
    await failed.waitFor({ timeout: 60_000 });
    expect(await failed.locator('.label').textContent()).toBe(`${site.origin}/articles/missing`);
    expect(await failed.locator('.error').textContent()).toBe(
      `Fetching ${site.origin}/articles/missing failed: HTTP 404 Not Found. Check the address, or try again later.`,
    );
  }, 90_000);

  it("fills the form from the bookmarklet's ?add=, and offers a bookmarklet for this server", async () => {
    const article = 'https://news.example.com/a story?x=1&y=2';
    await page.goto(`${server.pageUrl}?add=${encodeURIComponent(article)}`);
    expect(await page.inputValue('input[name="url"]')).toBe(article);
    expect(await page.locator('#add-status').textContent()).toBe('Press Add to brief this article.');
    expect(page.url()).toBe(server.pageUrl);
    expect(await page.getAttribute('#bookmarklet', 'href')).toBe(`javascript:void(window.open('${server.pageUrl}?add='+encodeURIComponent(location.href)))`);
  });

  it('deletes an episode with its button', async () => {
    await page.goto(server.pageUrl);
    const episode = page.locator('.briefing', { hasText: 'Tide tables' });
    await episode.locator('button.delete').click();
    await page.locator('.briefing', { hasText: 'Tide tables' }).waitFor({ state: 'detached', timeout: 30_000 });
    expect(await page.locator('.briefing h2').allTextContents()).toEqual(['Lighthouse relit']);
    const feed = await (await fetch(server.feedUrl)).text();
    expect(feed).not.toContain('Tide tables');
    expect(problems).toEqual([]);
  });
});
