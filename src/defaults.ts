// The product's defaults and limits, each written once: the commands, the pipeline, batch and the tests read them here.

/** MP3 bitrate (constant): 64 kbps mono is transparent for speech and what podcast apps expect. */
export const DEFAULT_BITRATE_KBPS = 64;

export interface Pauses {
  sentenceMs: number;
  paragraphMs: number;
  sectionMs: number;
}

/** Silence after a sentence, a paragraph and a section. */
export const DEFAULT_PAUSES: Pauses = Object.freeze({ sentenceMs: 250, paragraphMs: 600, sectionMs: 1000 });

/** ID3v2 CTOC frames hold at most 255 child entries, so a programme has at most 255 chapters. */
export const MAX_CHAPTERS = 255;

/** Loudness of the whole programme (Apple Podcasts' delivery specification). */
export const TARGET_LUFS = -16;
/** The limiter works on sample peaks; the MP3 encoder's reconstruction overshoots them, so it leaves headroom. */
export const LIMITER_CEILING_DB = -2;

/** --rate is on espeak-ng's `-s` scale; 175 is espeak-ng's own default speed, and every engine is mapped to it. */
export const ENGINE_DEFAULT_WPM = 175;
/** How fast the programme is heard when no --rate is given, pauses aside: for the length the opening announces. */
export const LISTENING_WPM = 165;
