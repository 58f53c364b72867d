// Punctuation as pauses: quotes and brackets become commas where a reader would pause and vanish where they
// only mark a term; dashes and ellipses inside a sentence are commas; the sentence keeps its final mark so
// that engines end it with the right intonation. Pure.

/** After these a quotation starts a clause, and a reader pauses before it. */
const SPEECH_VERBS = new Set([
  'said',
  'says',
  'say',
  'saying',
  'told',
  'tells',
  'asked',
  'asks',
  'added',
  'adds',
  'wrote',
  'writes',
  'declared',
  'declares',
  'stated',
  'states',
  'warned',
  'warns',
  'insisted',
  'insists',
  'replied',
  'replies',
  'announced',
  'announces',
  'tweeted',
  'posted',
  'noted',
  'notes',
  'explained',
  'explains',
  'argued',
  'argues',
  'claimed',
  'claims',
  'shouted',
  'read',
  'reads',
  'reading',
  'urged',
  'urges',
  'called',
  'calls',
  'promised',
  'vowed',
  'concluded',
  'continued',
  'according to',
]);

/** Whether the text before a quotation ends with a speech verb ("she said", "according to"). */
function endsWithSpeechVerb(before: string): boolean {
  const words = before.trimEnd().toLowerCase().split(/\s+/);
  return SPEECH_VERBS.has(words[words.length - 1] ?? '') || SPEECH_VERBS.has(words.slice(-2).join(' '));
}

function isWordChar(char: string | undefined): boolean {
  return char !== undefined && /[\p{L}\p{N}\uE000-\uF8FF]/u.test(char);
}

/** Replaces each paired double quote with a comma or nothing, from what surrounds it. */
function readQuotes(text: string): string {
  const chars = Array.from(text);
  const positions = chars.flatMap((char, index) => (char === '"' ? [index] : []));
  // Single quotes count as quotation marks only when they clearly open ("'word") and close ("word'") a span.
  const singles: number[] = [];
  let open: number | undefined;
  chars.forEach((char, index) => {
    if (char !== "'") return;
    const before = chars[index - 1];
    const after = chars[index + 1];
    const opens = (!before || /[\s(]/.test(before)) && isWordChar(after) && !/\d/.test(after ?? '');
    const closes = isWordChar(before) || /[.,!?]/.test(before ?? '') ? !isWordChar(after) : false;
    if (open === undefined && opens) open = index;
    else if (open !== undefined && closes) {
      // "rock 'n' roll" is a word, not a quotation.
      if (!/^(n|N)$/.test(chars.slice(open + 1, index).join(''))) singles.push(open, index);
      open = undefined;
    }
  });
  const pairs: [number, number][] = [];
  for (let i = 0; i + 1 < positions.length; i += 2) pairs.push([positions[i]!, positions[i + 1]!]);
  for (let i = 0; i + 1 < singles.length; i += 2) pairs.push([singles[i]!, singles[i + 1]!]);
  // An odd double quote out is dropped.
  if (positions.length % 2) chars[positions[positions.length - 1]!] = ' ';
  for (const [open, close] of pairs) {
    // A few words either side decide: reading the whole sentence for every pair made quotes quadratic.
    const before = chars.slice(Math.max(0, open - 64), open).join('');
    const after = chars.slice(close + 1, close + 65).join('');
    const inside = chars.slice(open + 1, close).join('');
    const words = inside.split(/\s+/).filter(Boolean).length;
    // A pause before a quotation that is a clause of its own ("said, ..."); none before a quoted term.
    chars[open] = endsWithSpeechVerb(before) && words >= 3 ? ', ' : ' ';
    const attribution = /^\s*(he|she|they|we|i|it|said|says|asked|added|told|according)\b/i.test(after);
    chars[close] = attribution && !/[,.!?;:]\s*$/.test(inside) ? ', ' : ' ';
  }
  return chars.join('');
}

function readBrackets(text: string): string {
  return (
    text
      // An editor's note is not read.
      .replace(/\s*\[(?:sic|\.\.\.|…)\]/gi, '')
      .replace(/\s*[([{]\s*/g, ', ')
      .replace(/\s*[)\]}]\s*/g, ', ')
  );
}

export function readPunctuation(text: string): string {
  // Quotes become spaces: a row of them is collapsed before the patterns below, which start with \s*.
  return (
    readBrackets(readQuotes(text).replace(/\s{2,}/g, ' '))
      // An ellipsis inside a sentence is a pause.
      .replace(/\s*(?:\.\.\.|…)\s*(?=\S)/g, ', ')
      .replace(/\s+[-–—]+\s+|--+/g, ', ')
      // A hyphen left at a word's edge ("pre- and post-war") is silent.
      .replace(/(?<=\p{L})-(?=\s|$)|(?<=\s|^)-(?=\p{L})/gu, ' ')
  );
}

/** Tidies spaces and commas, and makes the sentence end with the mark it was written with. */
export function tidySentence(text: string, terminator: string): string {
  let result = text
    .replace(/\s+/g, ' ')
    .replace(/\s+([,.;:!?])/g, '$1')
    .replace(/([,;:])(?:\s*[,;:])+/g, (_match, first: string) => first)
    .replace(/,(?=[.!?])/g, '')
    .replace(/([.!?])\s*,/g, '$1')
    .replace(/^[\s,;:.]+/, '')
    .replace(/[\s,;:]+$/, '')
    .trim();
  if (terminator && result && !/[.!?]$/.test(result)) result += terminator;
  return result;
}

/** The mark a written sentence ends with, outside any closing quotes or brackets: ".", "?", "!", or "". */
export function findTerminator(sentence: string): string {
  const match = /([.!?])[.!?]*["'”’)\]}]*\s*$/.exec(sentence);
  if (!match) return '';
  return match[1] === '.' ? '.' : match[1]!;
}
