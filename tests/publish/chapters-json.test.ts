import { describe, expect, it } from 'vitest';
import { buildJsonChapters, formatJsonChapters } from '../../src/publish/chapters-json.js';

const CHAPTERS = [
  { title: 'Opening "quoted"', startMs: 0, endMs: 12_389 },
  { title: 'Part \\ two', startMs: 12_389, endMs: 61_001 },
];

describe('Podcasting 2.0 JSON chapters', () => {
  it('gives startTime as milliseconds / 1000 exactly, and the titles', () => {
    expect(buildJsonChapters(CHAPTERS, 'Title')).toEqual({
      version: '1.2.0',
      title: 'Title',
      chapters: [
        { startTime: 0, endTime: 12.389, title: 'Opening "quoted"' },
        { startTime: 12.389, endTime: 61.001, title: 'Part \\ two' },
      ],
    });
  });

  it('writes exact, parseable JSON with a final newline', () => {
    const text = formatJsonChapters(CHAPTERS);
    expect(text).toBe(`{
  "version": "1.2.0",
  "chapters": [
    {
      "startTime": 0,
      "endTime": 12.389,
      "title": "Opening \\"quoted\\""
    },
    {
      "startTime": 12.389,
      "endTime": 61.001,
      "title": "Part \\\\ two"
    }
  ]
}
`);
    expect((JSON.parse(text) as { chapters: { title: string }[] }).chapters[1]!.title).toBe('Part \\ two');
  });
});
