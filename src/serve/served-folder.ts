// The podcast folder as `briefcast serve` keeps it: its state (the same .briefcast/state.json a batch keeps,
// written through the batch's FolderState, one write at a time), feed.xml and index.html republished after
// every change, one publish at a time, and episodes removed (the API's delete, --keep) state first, feed next,
// files last, so that the feed never names a file that is gone.
import { randomBytes } from 'node:crypto';
import { rm, stat } from 'node:fs/promises';
import path from 'node:path';
import { slugify } from '../article/slug.js';
import { FolderState } from '../batch/apply-batch-plan.js';
import type { BatchState } from '../batch/batch-state.js';
import { publishFolder, type PublishOptions } from '../batch/publish-folder.js';
import { sidecarPaths } from '../publish/sidecars.js';

/** Characters of an episode's title kept in its file name, before the suffix that makes the name new. */
const SLUG_TITLE_CHARS = 60;

export interface ServedFolderOptions {
  outDir: string;
  state: BatchState;
  /** Written into the feed: `briefcast <version>`. */
  generator: string;
  /** Only the newest this many episodes are kept (--keep). */
  keep?: number;
  /** Told the episodes removed, after they are gone (their jobs are forgotten). */
  onRemoved?: (slugs: string[]) => Promise<void>;
}

export class ServedFolder {
  readonly outDir: string;
  readonly folder: FolderState;
  private publishOptions: PublishOptions = { served: true };
  private publishing: Promise<unknown> = Promise.resolve();

  constructor(private readonly options: ServedFolderOptions) {
    this.outDir = options.outDir;
    this.folder = new FolderState(options.outDir, options.state);
  }

  get state(): BatchState {
    return this.folder.current;
  }

  /** Where and how the feed is published; set once the server knows its address. */
  configure(options: Omit<PublishOptions, 'served'>): void {
    this.publishOptions = { ...options, served: true };
  }

  setFeedImage(image: string): Promise<void> {
    return this.folder.setFeed({ ...this.state.feed, image });
  }

  hasEpisode(slug: string): boolean {
    return this.state.items.some((item) => item.slug === slug);
  }

  /**
   * A file name for a new episode: its title's slug and a random suffix, never one the folder has or had in its
   * state, so that a re-brief of the same article gets a new URL and a published MP3 is never rewritten.
   */
  async chooseSlug(title: string): Promise<string> {
    const base = slugify(title).slice(0, SLUG_TITLE_CHARS).replace(/-+$/, '') || 'briefing';
    for (;;) {
      const slug = `${base}-${randomBytes(4).readUInt32BE(0).toString(36).padStart(6, '0').slice(-6)}`;
      if (this.hasEpisode(slug)) continue;
      if (await stat(path.join(this.outDir, `${slug}.mp3`)).catch(() => undefined)) continue;
      return slug;
    }
  }

  /** Rewrites feed.xml and index.html from the state as it is when this publish runs (after any before it). */
  publish(): Promise<void> {
    const run = this.publishing
      .catch(() => {})
      .then(async () => {
        await this.folder.settled();
        await publishFolder(this.outDir, this.state, this.options.generator, this.publishOptions);
      });
    this.publishing = run;
    return run;
  }

  /** After an episode lands: the oldest beyond --keep leave, then the feed is published. */
  async afterEpisode(): Promise<void> {
    const keep = this.options.keep;
    if (keep === undefined || this.state.items.length <= keep) {
      await this.publish();
      return;
    }
    const newestFirst = [...this.state.items].sort((a, b) => b.firstBriefedAt.localeCompare(a.firstBriefedAt) || a.slug.localeCompare(b.slug));
    await this.removeEpisodes(newestFirst.slice(keep).map((item) => item.slug));
  }

  /** The API's delete: false when there is no such episode. */
  async deleteEpisode(slug: string): Promise<boolean> {
    if (!this.hasEpisode(slug)) return false;
    await this.removeEpisodes([slug]);
    return true;
  }

  private async removeEpisodes(slugs: string[]): Promise<void> {
    await this.folder.removeItems(slugs);
    await this.publish();
    for (const slug of slugs) {
      const mp3 = path.join(this.outDir, `${slug}.mp3`);
      const { chaptersJson, vtt } = sidecarPaths(mp3);
      await Promise.all([mp3, chaptersJson, vtt].map((file) => rm(file, { force: true })));
    }
    await this.options.onRemoved?.(slugs);
  }
}
