import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { findArticles, isCandidateName } from '../../src/batch/find-articles.js';
import { globToRegExp, hasGlobMagic, isDeepGlob, splitGlob } from '../../src/batch/glob-pattern.js';

describe('glob patterns', () => {
  it('knows a glob from a path', () => {
    expect(hasGlobMagic('articles/*.md')).toBe(true);
    expect(hasGlobMagic('articles/notes.md')).toBe(false);
  });

  it('splits the literal folders from the pattern', () => {
    expect(splitGlob('articles/2025/*.md')).toEqual({ base: 'articles/2025', rest: '*.md' });
    expect(splitGlob('*.md')).toEqual({ base: '.', rest: '*.md' });
    expect(splitGlob('/tmp/a/**/*.{md,txt}')).toEqual({ base: '/tmp/a', rest: '**/*.{md,txt}' });
    expect(isDeepGlob('**/*.md')).toBe(true);
    expect(isDeepGlob('*.md')).toBe(false);
  });

  it('matches as shells do', () => {
    const md = globToRegExp('*.md');
    expect(md.test('a.md')).toBe(true);
    expect(md.test('sub/a.md')).toBe(false);
    expect(md.test('.hidden.md')).toBe(false);
    const deep = globToRegExp('**/*.{md,html}');
    expect(['a.md', 'x/a.html', 'x/y/z.md'].every((p) => deep.test(p))).toBe(true);
    expect(deep.test('x/a.txt')).toBe(false);
    expect(globToRegExp('day-?.txt').test('day-1.txt')).toBe(true);
    expect(globToRegExp('[ab]*.txt').test('b1.txt')).toBe(true);
    expect(globToRegExp('[!ab]*.txt').test('b1.txt')).toBe(false);
    expect(globToRegExp('a+b (1).md').test('a+b (1).md')).toBe(true);
  });

  it('reads classes, braces and escapes as shells do', () => {
    expect(globToRegExp('[]]*.md').test('].md')).toBe(true);
    expect(globToRegExp('[]]*.md').test('a.md')).toBe(false);
    expect(globToRegExp('[a-c]?.txt').test('b1.txt')).toBe(true);
    expect(globToRegExp('\\[draft\\].md').test('[draft].md')).toBe(true);
    expect(globToRegExp('\\[draft\\].md').test('d.md')).toBe(false);
    expect(globToRegExp('{notes,posts}/*.md').test('posts/a.md')).toBe(true);
    expect(globToRegExp('{notes,posts}/*.md').test('drafts/a.md')).toBe(false);
    expect(globToRegExp('**/*.md').test('x/.hidden/a.md')).toBe(false);
    expect(splitGlob('in\\[2025\\]/*.md')).toEqual({ base: 'in[2025]', rest: '*.md' });
    expect(splitGlob('/*.md')).toEqual({ base: '/', rest: '*.md' });
    expect(hasGlobMagic('notes{1}.md')).toBe(false);
    expect(hasGlobMagic('report (1).md')).toBe(false);
    expect(splitGlob('in (old)/*.md')).toEqual({ base: 'in (old)', rest: '*.md' });
    // Parentheses, a bar and a leading ! are parts of names in a shell, not groups, alternatives or negation.
    expect(globToRegExp('*(1).md').test('report (1).md')).toBe(true);
    expect(globToRegExp('*(1).md').test('report 1.md')).toBe(false);
    expect(globToRegExp('[(]*.md').test('(draft).md')).toBe(true);
    expect(globToRegExp('a|b.md').test('a')).toBe(false);
    expect(globToRegExp('!a.md').test('b.md')).toBe(false);
  });
});

describe('findArticles', () => {
  let dir: string;
  beforeAll(async () => {
    dir = await mkdtemp(path.join(os.tmpdir(), 'briefcast-find-'));
    await mkdir(path.join(dir, 'in', 'deeper'), { recursive: true });
    await mkdir(path.join(dir, 'out'));
    for (const name of ['a.md', 'b.txt', 'c.html', 'notes', '.hidden.md', 'draft.md~', 'page.crdownload', 'deeper/d.md']) {
      await writeFile(path.join(dir, 'in', name), 'text');
    }
    for (const name of ['a.mp3', 'a.vtt', 'a.chapters.json', 'feed.xml', 'index.html', 'new.md']) await writeFile(path.join(dir, 'out', name), 'x');
  });
  afterAll(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  it('reads a folder one level deep, leaving out hidden, temporary and unfinished files', async () => {
    const found = await findArticles(['in'], { cwd: dir });
    expect(found.files.map((file) => path.relative(dir, file))).toEqual(['in/a.md', 'in/b.txt', 'in/c.html', 'in/notes']);
    expect(found.missing).toEqual([]);
  });

  it('goes deeper with a ** glob, and reports a glob or path that matches nothing', async () => {
    const found = await findArticles(['in/**/*.md', 'in/*.pdf', 'nope.txt', 'in/a.md'], { cwd: dir });
    expect(found.files.map((file) => path.relative(dir, file))).toEqual(['in/a.md', 'in/deeper/d.md']);
    expect(found.missing.map((m) => m.input)).toEqual(['in/*.pdf', 'nope.txt']);
  });

  it('finds "].md" with the class []], and a bracketed name through escapes', async () => {
    await writeFile(path.join(dir, 'in', '[draft].md'), 'text');
    await writeFile(path.join(dir, 'in', 'deeper', '].md'), 'text');
    try {
      const found = await findArticles(['in/**/[]]*.md', 'in/\\[draft\\].md'], { cwd: dir });
      expect(found.files.map((file) => path.relative(dir, file))).toEqual(['in/[draft].md', 'in/deeper/].md']);
      expect(found.missing).toEqual([]);
    } finally {
      await rm(path.join(dir, 'in', '[draft].md'));
      await rm(path.join(dir, 'in', 'deeper', '].md'));
    }
  });

  it('never takes its own outputs in the output folder for articles', async () => {
    const found = await findArticles(['out'], { cwd: dir, outDir: path.join(dir, 'out') });
    expect(found.files.map((file) => path.basename(file))).toEqual(['new.md']);
    expect(isCandidateName(path.join(dir, 'in', 'index.html'), path.join(dir, 'out'))).toBe(true);
  });
});
