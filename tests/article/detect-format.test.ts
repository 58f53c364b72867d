import { describe, expect, it } from 'vitest';
import { detectFormat } from '../../src/article/detect-format.js';
import { slugify } from '../../src/article/slug.js';

describe('detectFormat', () => {
  it.each([
    ['a/b/post.txt', 'text'],
    ['post.MD', 'markdown'],
    ['post.markdown', 'markdown'],
    ['page.html', 'html'],
    ['page.HTM', 'html'],
    ['https://example.com/blog/post.md?ref=x#top', 'markdown'],
    ['https://example.com/story.html', 'html'],
  ] as const)('%s -> %s by extension, whatever the content', (path, format) => {
    expect(detectFormat(path, '<html><body><p>Not what the extension says</p></body></html>')).toBe(format);
  });

  it.each([
    ['<!DOCTYPE html>\n<html><head></head><body></body></html>', 'html'],
    ['  <html lang="en"><p>x</p></html>', 'html'],
    ['<?xml version="1.0"?>\n<!doctype html><html></html>', 'html'],
    ['<article><h1>T</h1><p>Text</p></article>', 'html'],
    ['<p>One.</p>', 'html'],
    ['<body>\n<p>one</p>', 'html'],
    ['---\ntitle: x\n---\nText', 'markdown'],
    ['+++\ntitle = "x"\n+++\nText', 'markdown'],
    ['Intro line\n\n## A heading\n\nText', 'markdown'],
    ['See [the docs](https://example.com) for more.', 'markdown'],
    ['Title\n=====\n\nText', 'markdown'],
    ['```js\ncode\n```', 'markdown'],
    ['This is **important** text.', 'markdown'],
    ['Plain title\n\nA paragraph with 3 < 4 and a #hashtag.\n\n- a bullet is not enough', 'text'],
    ['Just text.', 'text'],
  ] as const)('sniffs %j as %s when the name says nothing', (content, format) => {
    expect(detectFormat('-', content)).toBe(format);
    expect(detectFormat('notes/article', content)).toBe(format);
  });
});

describe('slugify', () => {
  it.each([
    ['Xi and Putin Strengthen Strategic Ties in Beijing Meeting', 'xi-and-putin-strengthen-strategic-ties-in-beijing-meeting'],
    ["'What is the sea telling us?': Māori tribes fearful", 'what-is-the-sea-telling-us-maori-tribes-fearful'],
    ['Crème brûlée & Straße — Œuvre', 'creme-brulee-and-strasse-oeuvre'],
    ["Rust's 1.0 road", 'rusts-1-0-road'],
    ['', 'briefing'],
    ['!!! ???', 'briefing'],
    ['北京峰会', 'briefing'],
  ])('%j -> %j', (title, slug) => {
    expect(slugify(title)).toBe(slug);
  });

  it('caps the length at 80 characters, cutting at a word boundary, never ending in a dash', () => {
    const slug = slugify('word '.repeat(40));
    expect(slug.length).toBeLessThanOrEqual(80);
    expect(slug).toMatch(/^word(-word)+$/);
    const unbroken = slugify('a'.repeat(200));
    expect(unbroken).toBe('a'.repeat(80));
  });
});
