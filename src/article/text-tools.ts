// Small pure string helpers shared by the three parsers, so that text, Markdown and HTML articles
// come out with the same conventions (whitespace, sentence ends, heading comparison).

/** Collapses every run of whitespace (including NBSP and zero-width spaces) to one space and trims. */
export function collapseWhitespace(text: string): string {
  return text
    .replace(/[\u200B-\u200D\u2060\uFEFF\u00AD]/g, '')
    .replace(/\s+/g, ' ')
    .trim();
}

/**
 * The text without the characters at its end that pass `test`. A backward scan: a pattern such as /[.…]+$/ tries
 * again from every such character inside the text, which took time quadratic in a long run of them.
 */
function trimEndWhere(text: string, test: (char: string) => boolean): string {
  let end = text.length;
  while (end > 0 && test(text[end - 1]!)) end--;
  return text.slice(0, end);
}

// Closing quotes and brackets may follow the sentence mark: `He said "no."` or `(see above.)`.
const CLOSERS = '\'"”’»)]';

function endsWithMark(text: string, marks: string): boolean {
  const core = trimEndWhere(text, (char) => CLOSERS.includes(char));
  return core !== '' && marks.includes(core[core.length - 1]!);
}

/** True when a line ends the way a sentence or a lead-in ends, which a heading does not. */
export function hasClosingPunctuation(line: string): boolean {
  return endsWithMark(line.trim(), '.!?:;…');
}

/**
 * Makes a list item or a folded heading end like a sentence, so that a speech engine pauses after it
 * instead of running it into the next one.
 */
export function ensureSentenceEnd(text: string): string {
  const trimmed = text.trim();
  if (trimmed === '' || endsWithMark(trimmed, '.!?…')) return trimmed;
  const soft = trimEndWhere(trimmed, (char) => ',:;–—-'.includes(char));
  const withoutSoftEnd = soft.length === trimmed.length ? trimmed : soft.trimEnd();
  return withoutSoftEnd === '' ? trimmed : `${withoutSoftEnd}.`;
}

/** A comparison key: case, accents, whitespace and trailing punctuation do not make two headings differ. */
export function toComparisonKey(text: string): string {
  const key = collapseWhitespace(text.normalize('NFKD').replace(/\p{M}/gu, '')).toLowerCase().replace(/[‘’]/g, "'").replace(/[“”]/g, '"');
  return trimEndWhere(key, (char) => /[\s.!?:;,…'"»)\]]/.test(char));
}

// Sections of reference matter: read aloud they are lists of citations and URLs, not part of the story.
const REFERENCE_HEADINGS = new Set([
  'references',
  'reference',
  'sources',
  'source',
  'notes',
  'footnotes',
  'endnotes',
  'citations',
  'bibliography',
  'see also',
  'external links',
  'further reading',
  'notes and references',
  'references and notes',
  'sources and notes',
]);

/** True for headings such as "References", "Sources", "See also", "External links". */
export function isReferenceHeading(heading: string): boolean {
  return REFERENCE_HEADINGS.has(toComparisonKey(heading));
}

const SMALL_WORDS = new Set(['a', 'an', 'and', 'as', 'at', 'but', 'by', 'for', 'in', 'nor', 'of', 'on', 'or', 'the', 'to', 'vs', 'via', 'with']);

/**
 * Rewrites an all-capitals heading ("THE ROAD AHEAD") in title case: speech engines spell out
 * capitalised words they take for abbreviations. A single capitalised word stays as it is, since it is
 * more likely an acronym ("NATO") than a shouted heading.
 */
export function softenShouting(text: string): string {
  const words = text.match(/\p{L}{2,}/gu) ?? [];
  if (words.length < 2 || /\p{Ll}/u.test(text)) return text;
  let first = true;
  return text.replace(/\p{L}[\p{L}'’]*/gu, (word) => {
    const lower = word.toLowerCase();
    const keepLower = !first && SMALL_WORDS.has(lower);
    first = false;
    return keepLower ? lower : lower.charAt(0).toUpperCase() + lower.slice(1);
  });
}

/** "By Jane Doe" and "Written by Jane Doe" name the author as "Jane Doe". */
export function cleanByline(byline: string): string {
  // A web address or an email beside the name ("Jane Doe (http://example.org/jane)") is not read aloud.
  const withoutAddresses = byline
    .replace(/[(<[]?\s*(?:https?:\/\/|www\.|mailto:)[^\s)>\]]*\s*[)>\]]?/gi, ' ')
    .replace(/[(<[]?\s*[\w.+-]+@[\w-]+\.[\w.-]+\s*[)>\]]?/g, ' ');
  const name = collapseWhitespace(withoutAddresses)
    .replace(/^(written\s+by|words\s+by|posted\s+by|by)\s*:?\s+/i, '')
    .replace(/^(author|authors)\s*:\s*/i, '');
  // "Written by Rob Ewaschuk Edited by Betsy Beyer" (two lines run together) -> "Rob Ewaschuk, edited by Betsy Beyer".
  const credited = name.replace(
    /\s*[,;|]?\s+(edited|photographs|photos|illustrations|additional reporting|reporting)\s+by\s+/gi,
    (_, role: string) => `, ${role.toLowerCase()} by `,
  );
  return trimEndWhere(withoutTrailingDate(credited), (char) => /[\s,;|–—-]/.test(char));
}

/** "Nathan Willis March 25, 2015" -> "Nathan Willis": some pages put the date in the byline element. */
function withoutTrailingDate(name: string): string {
  const words = name.split(' ');
  for (let start = 1; start < words.length; start++) {
    if (parseDateLine(words.slice(start).join(' ')) !== undefined)
      return words
        .slice(0, start)
        .join(' ')
        .replace(/[\s,|–—-]+$/, '');
  }
  return name;
}

/** Joins names the way they are spoken: "A", "A and B", "A, B and C". */
export function joinNames(names: readonly string[]): string {
  const clean = names.map((name) => collapseWhitespace(name)).filter((name) => name !== '');
  if (clean.length <= 1) return clean[0] ?? '';
  return `${clean.slice(0, -1).join(', ')} and ${clean[clean.length - 1] ?? ''}`;
}

/**
 * A title for an article that states none: the file name ("road-to-rust.md" -> "Road to rust"),
 * else the opening words of its first paragraph.
 */
export function deriveTitle(source: string, firstParagraph: string | undefined): string {
  const isFile = source !== '-' && source !== '' && !/^[a-z][a-z0-9+.-]*:\/\//i.test(source);
  if (isFile) {
    const base = source.split(/[\\/]/).pop() ?? '';
    const stem = collapseWhitespace(base.replace(/\.[^.]+$/, '').replace(/[-_]+/g, ' '));
    if (/\p{L}/u.test(stem)) return stem.charAt(0).toUpperCase() + stem.slice(1);
  }
  if (firstParagraph) {
    const sentence = collapseWhitespace(firstParagraph).split(/(?<=[.!?…])\s/)[0] ?? '';
    const words = sentence.split(' ');
    const short = words
      .slice(0, 12)
      .join(' ')
      .replace(/[.!?…,:;]+$/, '');
    if (short !== '') return words.length > 12 ? `${short}…` : short;
  }
  return 'Untitled article';
}

const MONTHS = ['january', 'february', 'march', 'april', 'may', 'june', 'july', 'august', 'september', 'october', 'november', 'december'];

function findMonth(word: string): number | undefined {
  const lower = word.toLowerCase().replace(/\.$/, '');
  if (lower.length < 3) return undefined;
  const index = MONTHS.findIndex((month) => month.startsWith(lower));
  return index === -1 ? undefined : index + 1;
}

function formatIsoDate(year: number, month: number, day: number): string | undefined {
  if (month < 1 || month > 12 || day < 1 || day > 31 || year < 1000 || year > 9999) return undefined;
  const date = new Date(Date.UTC(year, month - 1, day));
  if (date.getUTCDate() !== day) return undefined;
  return `${String(year).padStart(4, '0')}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
}

/**
 * Reads a line that is only a date ("2025-09-02", "September 2, 2025", "Tue 2 Sep 2025",
 * "Published: 2 September 2025") as an ISO 8601 date; undefined when the line is anything else.
 */
export function parseDateLine(line: string): string | undefined {
  const stated = collapseWhitespace(line)
    .replace(/^(published|updated|posted|date|dated|first published|last updated)\s*(on)?\s*:?\s*/i, '')
    .replace(/^(mon|tue|tues|wed|thu|thur|thurs|fri|sat|sun)[a-z]*\.?,?\s+/i, '');
  const text = trimEndWhere(stated, (char) => /[.\s]/.test(char));
  const iso = /^(\d{4})-(\d{2})-(\d{2})(T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:?\d{2})?)?$/.exec(text);
  if (iso) {
    const date = formatIsoDate(Number(iso[1]), Number(iso[2]), Number(iso[3]));
    return date === undefined ? undefined : iso[4] ? text : date;
  }
  const monthFirst = /^([A-Za-z]+\.?)\s+(\d{1,2})(st|nd|rd|th)?,?\s+(\d{4})$/.exec(text);
  if (monthFirst) {
    const month = findMonth(monthFirst[1] ?? '');
    return month === undefined ? undefined : formatIsoDate(Number(monthFirst[4]), month, Number(monthFirst[2]));
  }
  const dayFirst = /^(\d{1,2})(st|nd|rd|th)?\s+(of\s+)?([A-Za-z]+\.?),?\s+(\d{4})$/.exec(text);
  if (dayFirst) {
    const month = findMonth(dayFirst[4] ?? '');
    return month === undefined ? undefined : formatIsoDate(Number(dayFirst[5]), month, Number(dayFirst[1]));
  }
  return undefined;
}

/** Normalises a stated date (front matter, HTML metadata) to ISO 8601 when it can be read; undefined otherwise. */
export function normalizeDate(value: unknown): string | undefined {
  if (value instanceof Date) {
    if (Number.isNaN(value.getTime())) return undefined;
    // smol-toml's TomlDate keeps a date-only value as a date (its toISOString gives "2015-04-10").
    const iso = value.toISOString();
    return /^\d{4}-\d{2}-\d{2}$/.test(iso) ? iso : iso.replace('.000Z', 'Z');
  }
  if (typeof value !== 'string') return undefined;
  const text = value.trim();
  if (text === '') return undefined;
  const fromLine = parseDateLine(text);
  if (fromLine !== undefined) return fromLine;
  // Front matter often writes "2015-04-10 10:00:00 +0000" (Jekyll); keep the date part.
  const leadingDate = /^(\d{4})-(\d{2})-(\d{2})[\sT]/.exec(text);
  if (leadingDate) return formatIsoDate(Number(leadingDate[1]), Number(leadingDate[2]), Number(leadingDate[3]));
  return undefined;
}

const WEEKDAYS = ['monday', 'tuesday', 'wednesday', 'thursday', 'friday', 'saturday', 'sunday'];
// Words that attribution lines are made of, in the languages briefcast reads: "Posted on … at … by …", "Publié le … par".
const ATTRIBUTION_WORDS = new Set(
  [
    'by',
    'posted',
    'published',
    'updated',
    'last',
    'modified',
    'written',
    'on',
    'at',
    'the',
    'and',
    'of',
    'am',
    'pm',
    'utc',
    'gmt',
    'publié',
    'mis',
    'à',
    'jour',
    'le',
    'par',
    'veröffentlicht',
    'aktualisiert',
    'um',
    'von',
    'publicado',
    'actualizado',
    'el',
    'por',
    'de',
  ].map((word) => word.normalize('NFC')),
);

// Month names of the other languages briefcast reads, for attribution lines ("12 mars 2019", "3. März 2020").
const OTHER_MONTHS = new Set(
  (
    'janvier février mars avril mai juin juillet août septembre octobre novembre décembre ' +
    'januar februar märz april mai juni juli august september oktober november dezember ' +
    'enero febrero marzo abril mayo junio julio agosto septiembre octubre noviembre diciembre ' +
    'gennaio febbraio marzo aprile maggio giugno luglio agosto settembre ottobre novembre dicembre ' +
    'janeiro fevereiro março abril maio junho julho agosto setembro outubro novembro dezembro ' +
    'januari februari maart april mei juni juli augustus september oktober november december'
  ).split(' '),
);

function isDateWord(word: string): boolean {
  const lower = word.toLowerCase().replace(/\.$/, '');
  if (/^\d/.test(lower) || OTHER_MONTHS.has(lower)) return true;
  if (lower.length >= 3 && WEEKDAYS.some((day) => day.startsWith(lower))) return true;
  return findMonth(lower) !== undefined;
}

// A news agency's name on a line of its own: the credit under a byline in copied wire copy ("Associated Press").
const AGENCY_LINE =
  /^(?:the\s+)?(?:associated\s+press|reuters|agence\s+france-presse|afp|bloomberg(?:\s+news)?|dpa|efe|ansa|xinhua|pa\s+media|press\s+association|kyodo\s+news|united\s+press\s+international)$/i;

/**
 * True for a line that only says when and by whom the article was posted ("Tuesday 15 October 2019 by Jane Doe",
 * "Posted on 2 May 2019 at 09:11"): the intro already says it, read again in the body it is page furniture.
 * It must state a year or a time of day, and hold no word that is neither a date, the byline, nor an attribution word.
 */
export function isAttributionLine(line: string, byline: string): boolean {
  if (AGENCY_LINE.test(line.trim())) return true;
  if (line.length > 200 || !/\b(?:1[89]|20)\d\d\b|\b\d{1,2}:\d\d\b/.test(line)) return false;
  // "By Jonathan Corbet. March 25, 2015": in a digest each piece names its own author.
  let rest = line.replace(/(?:^|\s)(?:[Bb]y|[Pp]ar|[Vv]on|[Pp]or|[Dd]i|[Dd]oor)\s+(?:\p{Lu}[\p{L}'’.-]*(?:[\s,]+|$)){1,4}/gu, ' ').toLowerCase();
  for (const name of byline.toLowerCase().split(/\s*(?:,|\band\b|&)\s*/)) if (name.trim() !== '') rest = rest.split(name.trim()).join(' ');
  const words = rest.match(/[\p{L}\p{N}][\p{L}\p{N}.:'’-]*/gu) ?? [];
  return words.every((word) => isDateWord(word) || ATTRIBUTION_WORDS.has(word.replace(/[.:]$/, '')));
}

// "Read more: Why the vote matters", "Lire aussi : …", "12 comments": a pointer to a page the listener cannot open.
const POINTER_LINE =
  /^(?:(?:also\s+)?read\s+(?:more|also|next)|see\s+also|related(?:\s+(?:articles?|stories))?|more\s+on\s+this(?:\s+story)?|(?:à\s+)?lire(?:\s+aussi)?|voir\s+aussi|(?:lesen\s+sie|lies)\s+auch|mehr\s+zum\s+thema|siehe\s+auch|lee\s+(?:también|más)|leer\s+más|ver\s+también|leia\s+também|veja\s+também|leggi\s+anche|vedi\s+anche|lees\s+ook|zie\s+ook)\s*:\s*\S/i;
const COMMENTS_LINE =
  /^(?:\d+\s+)?(?:comments?|commentaires?|kommentare?|comentarios?|commenti|reacties|replies|responses)(?:\s*\(\s*\d+[^)]*\))?$|^(?:leave|post|add|write)\s+a\s+(?:comment|reply)$/i;

// The label of an advertisement that pages, and text copied from them, keep between paragraphs.
const ADVERT_LINE =
  /^(?:advertisement|advertising|sponsored(?:\s+content)?|(?:story|article)\s+continues\s+below(?:\s+(?:this\s+)?advertisement)?|continue\s+reading\s+(?:the\s+main\s+story|below)|anzeige|werbung|publicité|publicidad|pubblicità|publicidade|advertentie)$/i;

/**
 * True for a short line that only points elsewhere or marks an advertisement: "Read more: …", "See also: …",
 * "Comments (5 posted)", "ADVERTISEMENT".
 */
export function isPointerLine(line: string): boolean {
  if (COMMENTS_LINE.test(line.trim()) || ADVERT_LINE.test(line.trim())) return true;
  return line.length <= 160 && POINTER_LINE.test(line.trim()) && !/[.!?…]\s+\p{Lu}/u.test(line);
}
