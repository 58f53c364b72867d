// Makes article text safe and pleasant for a speech engine: tidy whitespace, plain quotes, dashes that
// read as pauses, no invisible or control characters. Pure; the full reading of numbers and abbreviations
// is a separate stage. tidyWritten is the lighter tidying of the written form that transcripts show.

// Private-use characters too: they have no reading, and normalization uses them internally as placeholders.
const INVISIBLE = /[\u00AD\u200B-\u200F\u2028\u2029\u202A-\u202E\u2060-\u2064\uFEFF\uE000-\uF8FF]/g;
// C0/C1 controls except tab and newlines, which become spaces below.
const CONTROL = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F-\u009F]/g;
// Pictographs and their modifiers: engines read them as their Unicode names or as garbage.
const EMOJI = /[\p{Extended_Pictographic}\u{1F3FB}-\u{1F3FF}\u{1F1E6}-\u{1F1FF}\uFE0E\uFE0F\u20E3]/gu;

/**
 * The written form a transcript shows: the article's own characters, quotes, dashes and symbols, with only what no
 * reader sees taken out (invisible and control characters) and every run of white space made one space.
 */
export function tidyWritten(raw: string): string {
  return raw.normalize('NFC').replace(INVISIBLE, '').replace(CONTROL, ' ').replace(/\s+/g, ' ').trim();
}

export function makeSpeakable(raw: string): string {
  return (
    raw
      .normalize('NFC')
      .replace(INVISIBLE, '')
      .replace(CONTROL, ' ')
      .replace(EMOJI, ' ')
      // What a decoder put for bytes it could not read: nothing to say (the written form keeps it).
      .replace(/\uFFFD/g, '')
      // Runs of spaces (left by a row of emoji) go before the patterns that start with \s*, which would try every
      // space of a run again.
      .replace(/\s+/g, ' ')
      .replace(/[\u2018\u2019\u201A\u201B\u2032\u02BC]/g, "'")
      .replace(/[\u201C\u201D\u201E\u201F\u2033\u00AB\u00BB]/g, '"')
      .replace(/\u2026/g, '...')
      // An em or en dash between words, or a spaced hyphen, is a break in the sentence: say it as a comma.
      .replace(/\s*[\u2014\u2015]\s*|\s+[\u2013-]{1,2}\s+/g, ', ')
      // An unspaced en dash joins a range ("2024–25", "pages 3–4"): a plain hyphen reads the same.
      .replace(/\u2013/g, '-')
      .replace(/[\u00A0\u2000-\u200A\u202F\u205F\u3000\s]+/g, ' ')
      .replace(/\s+([,.;:!?])/g, '$1')
      .replace(/,\s*,+/g, ',')
      .replace(/^[\s,;:]+/, '')
      .trim()
  );
}
