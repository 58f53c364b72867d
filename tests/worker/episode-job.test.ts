// The job record and the --queue address, as pure units: what a worker refuses at once, and the id that makes a
// resubmission the same job.
import { describe, expect, it } from 'vitest';
import type { EpisodeJob } from '../../src/batch/remote-briefer.js';
import { UsageError } from '../../src/errors.js';
import { checkJobData, episodeJobId, toJobData } from '../../src/worker/episode-job.js';
import { parseQueueUrl } from '../../src/worker/queue-connection.js';

const JOB: EpisodeJob = {
  outDir: '/srv/briefings',
  slug: 'harbour',
  text: { content: '# Harbour\n\nThe harbour reopened.', format: 'markdown', source: '/srv/articles/harbour.md' },
  source: '/srv/articles/harbour.md',
  articleHash: 'a'.repeat(64),
  settingsHash: 'b'.repeat(64),
  speech: { engine: 'flite', narrator: 'slt', host: 'kal' },
  bitrateKbps: 64,
};

describe('episode job ids', () => {
  it('are the same for the same article, settings and episode, and differ otherwise', () => {
    const id = episodeJobId(JOB);
    expect(id).toMatch(/^episode-[0-9a-f]{40}$/);
    expect(episodeJobId({ ...JOB })).toBe(id);
    expect(episodeJobId({ ...JOB, outDir: '/srv/other' })).not.toBe(id);
    expect(episodeJobId({ ...JOB, articleHash: 'c'.repeat(64) })).not.toBe(id);
    expect(episodeJobId({ ...JOB, settingsHash: 'c'.repeat(64) })).not.toBe(id);
    expect(episodeJobId({ ...JOB, slug: 'harbour-2' })).not.toBe(id);
  });
});

describe('checkJobData', () => {
  it('accepts the record an enqueuer writes, once through JSON', () => {
    expect(checkJobData(JSON.parse(JSON.stringify(toJobData(JOB))))).toEqual(toJobData(JOB));
    // --engine auto, no voices, no --lang: the worker chooses for each article's language.
    const open = toJobData({ ...JOB, speech: {} });
    expect(checkJobData(JSON.parse(JSON.stringify(open)))).toEqual(open);
  });

  it('refuses, saying why, a record it cannot brief', () => {
    const data = toJobData(JOB);
    expect(checkJobData(null)).toBe('the job holds no episode record');
    expect(checkJobData({ ...data, version: 99 })).toMatch(/^the job's record is version 99, this worker reads version 1/);
    expect(checkJobData({ ...data, outDir: 'relative/out' })).toBe('the job names no absolute output folder');
    expect(checkJobData({ ...data, slug: '../escape' })).toMatch(/is not a plain file name$/);
    expect(checkJobData({ ...data, slug: '.hidden' })).toMatch(/is not a plain file name$/);
    expect(checkJobData({ ...data, text: { ...data.text, format: 'pdf' } })).toBe("the job's article is missing or has an unknown format");
    expect(checkJobData({ ...data, speech: { ...data.speech, engine: 'nope' } })).toBe("the job's engine, voices or language are not ones briefcast knows");
    expect(checkJobData({ ...data, speech: { language: 42 } })).toBe("the job's engine, voices or language are not ones briefcast knows");
  });
});

describe('parseQueueUrl', () => {
  it('keeps the URL and hides its password when shown', () => {
    expect(parseQueueUrl('redis://127.0.0.1:6379')).toEqual({ url: 'redis://127.0.0.1:6379', shown: 'redis://127.0.0.1:6379' });
    expect(parseQueueUrl('rediss://user:secret@queue.example:6380/2').shown).toBe('rediss://user:***@queue.example:6380/2');
  });

  it('refuses what is not a redis:// URL, in one line', () => {
    expect(() => parseQueueUrl('localhost:6379')).toThrow(UsageError);
    expect(() => parseQueueUrl('http://queue.example')).toThrow(
      '--queue http://queue.example is not a redis:// URL. Give the Redis server as redis://host:port, e.g. redis://127.0.0.1:6379.',
    );
    expect(() => parseQueueUrl('not a url')).toThrow('--queue not a url is not a URL.');
  });
});
