// What decides whether a briefing must be made again: the article's content and every setting that changes
// the audio. Pure (hashing is not I/O).
import { createHash } from 'node:crypto';
import type { Pauses } from '../script/plan-script.js';
import type { InputFormat } from '../types.js';

export interface AudioSettings {
  briefcastVersion: string;
  engine: string;
  /** Version and path, as the clip cache keys them: another flite build may sound different. */
  engineVersion: string;
  /**
   * The narrator and host of each language read (an article's one, or a digest's several), as the clip cache
   * keys them (voiceKey: a piper voice with its files' stamp).
   */
  casts: Readonly<Record<string, { narrator: string; host: string }>>;
  /** --lang: which language every article is read in, instead of each one's own. */
  language?: string;
  rateWpm?: number;
  pauses: Pauses;
  bitrateKbps: number;
  from?: InputFormat;
  /** Fingerprint of the user's lexicon, if one is used. */
  lexicon?: string;
}

export function hashText(...parts: readonly string[]): string {
  const hash = createHash('sha256');
  // A separator that cannot occur in the parts keeps ("ab","c") and ("a","bc") apart.
  for (const part of parts) hash.update(part).update('\u0000');
  return hash.digest('hex');
}

/** Key order is fixed here, not left to the object's construction, so equal settings always hash equally. */
export function fingerprintSettings(settings: AudioSettings): string {
  return hashText(
    JSON.stringify([
      settings.briefcastVersion,
      settings.engine,
      settings.engineVersion,
      Object.keys(settings.casts)
        .sort()
        .map((language) => [language, settings.casts[language]!.narrator, settings.casts[language]!.host]),
      settings.language ?? null,
      settings.rateWpm ?? null,
      [settings.pauses.sentenceMs, settings.pauses.paragraphMs, settings.pauses.sectionMs],
      settings.bitrateKbps,
      settings.from ?? null,
      settings.lexicon ?? null,
    ]),
  );
}

/** The article as the reader decoded it, with the format it will be parsed as. */
export function fingerprintArticle(content: string, format: InputFormat): string {
  return hashText(format, content);
}
