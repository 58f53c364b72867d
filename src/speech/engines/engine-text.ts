// Turns segment text into the bytes an engine reads from its text file. Text always reaches an engine
// through a file in the request's workDir, never through argv, so nothing in it can become an option.
import { randomBytes } from 'node:crypto';
import { rm, writeFile } from 'node:fs/promises';
import path from 'node:path';

// flite and festival read bytes with English-only lexicons: a UTF-8 "é" becomes two unknown letters
// that they either skip or spell out, so we spell such characters the way an English reader would.
const ASCII_REPLACEMENTS: ReadonlyArray<readonly [RegExp, string]> = [
  [/[\u2018\u2019\u201A\u201B\u2032\u02BC\u00B4`]/g, "'"],
  [/[\u201C\u201D\u201E\u201F\u2033\u00AB\u00BB]/g, '"'],
  [/[\u2039\u203A]/g, "'"],
  [/[\u2010\u2011\u2012\u2013\u2212]/g, '-'],
  // A dash between words is a pause when read aloud; flite reads a bare "-" there as nothing at all.
  [/\s*[\u2014\u2015]\s*/g, ', '],
  [/\u2026/g, '...'],
  [/[\u2022\u00B7\u2027]/g, ', '],
  [/\u00D7/g, ' times '],
  [/\u00F7/g, ' divided by '],
  [/\u00B0\s?C\b/g, ' degrees Celsius'],
  [/\u00B0\s?F\b/g, ' degrees Fahrenheit'],
  [/\u00B0/g, ' degrees'],
  [/\u00B1/g, ' plus or minus '],
  [/\u00A7/g, ' section '],
  [/\u00A9/g, ' copyright '],
  [/\u00AE|\u2122/g, ''],
  [/\u00DF/g, 'ss'],
  [/\u00C6/g, 'AE'],
  [/\u00E6/g, 'ae'],
  [/\u0152/g, 'OE'],
  [/\u0153/g, 'oe'],
  [/[\u00D8]/g, 'O'],
  [/[\u00F8]/g, 'o'],
  [/\u0141/g, 'L'],
  [/\u0142/g, 'l'],
  [/[\u0110\u00D0]/g, 'D'],
  [/[\u0111\u00F0]/g, 'd'],
  [/\u00DE/g, 'Th'],
  [/\u00FE/g, 'th'],
  [/\u0131/g, 'i'],
];

// Currency symbols before an amount are read after it ("€5" is "5 euros"), as a listener expects.
const CURRENCIES: Readonly<Record<string, string>> = { '€': 'euros', '£': 'pounds', '¥': 'yen', '₹': 'rupees', '₽': 'roubles' };

/** Text for engines that read ASCII only (flite, flite-wasm, festival): transliterated, with what cannot be read dropped. */
export function toAsciiSpeech(text: string): string {
  let result = text.replace(
    /([€£¥₹₽])\s?(\d+(?:[.,]\d+)*(?:\s?(?:million|billion|trillion|bn|m)\b)?)/g,
    (_match, symbol: string, amount: string) => `${amount} ${CURRENCIES[symbol] ?? ''}`,
  );
  result = result.replace(/[€£¥₹₽]/g, (symbol) => ` ${CURRENCIES[symbol] ?? ''} `);
  result = removeInvisibles(result);
  for (const [pattern, replacement] of ASCII_REPLACEMENTS) result = result.replace(pattern, replacement);
  result = result
    .normalize('NFKD')
    // Combining marks left by NFKD ("e" + acute accent) carry nothing an English voice can say.
    .replace(/\p{M}/gu, '')
    // The fraction slash comes from NFKD of "½".
    .replace(/\u2044/g, '/')
    .replace(/[^\x20-\x7E\n]/g, ' ');
  return tidyWhitespace(result);
}

/** Text for engines that read UTF-8 (espeak-ng, say, SAPI): unchanged apart from control characters and embedded commands. */
export function toUnicodeSpeech(text: string): string {
  // espeak-ng and macOS say both read "[[...]]" in plain text as phoneme input or embedded commands
  // ("[[rate 400]]", "[[inpt PHON]]"); a space between the brackets keeps article text just text.
  return tidyWhitespace(removeInvisibles(text.normalize('NFC')).replace(/\[\[/g, '[ [').replace(/\]\]/g, '] ]'));
}

function removeInvisibles(text: string): string {
  return (
    text
      .replace(/\r\n?/g, '\n')
      .replace(/[\u200B\u2028\u2029]/g, ' ')
      // Soft hyphens and joiners sit inside words: removing them keeps the word whole.
      .replace(/[\p{Cf}\p{Co}\p{Cs}]/gu, '')
      .replace(/[^\P{Cc}\n]/gu, ' ')
  );
}

function tidyWhitespace(text: string): string {
  return text
    .replace(/[ \t]+/g, ' ')
    .replace(/ *\n */g, '\n')
    .trim();
}

/** Whether a text holds anything an engine can say (a letter or a digit). */
export function hasSpeakableText(text: string): boolean {
  return /[\p{L}\p{N}]/u.test(text);
}

/** The first few words of a text, for error messages that say which input failed. */
export function quoteFirstWords(text: string, count = 5): string {
  const words = text.split(/\s+/).filter(Boolean);
  return `"${words.slice(0, count).join(' ')}${words.length > count ? '…' : ''}"`;
}

export interface TextFile {
  /** Absolute, so that no file name can look like an option to the engine. */
  path: string;
  remove(): Promise<void>;
}

/** Writes text to a fresh UTF-8 file "<stem>-<random>.txt" in workDir (engines that run in parallel may share a workDir), or "<stem>.txt" in a folder of its own. */
export function writeTextFile(workDir: string, stem: string, text: string, { unique = true }: { unique?: boolean } = {}): Promise<TextFile> {
  // A final newline: flite and festival otherwise may drop the last token's sentence-final intonation.
  return writeScratchFile(workDir, `${stem}.txt`, `${text}\n`, { unique });
}

/**
 * Writes a new file that an engine reads. `unique` puts random characters into its name ("speak.ps1" becomes
 * "speak-1a2b3c4d5e6f.ps1") for a folder that runs at the same time may share.
 */
export async function writeScratchFile(dir: string, name: string, content: string, { unique }: { unique: boolean }): Promise<TextFile> {
  const extension = path.extname(name);
  const fileName = unique ? `${name.slice(0, name.length - extension.length)}-${randomBytes(6).toString('hex')}${extension}` : name;
  const file = path.resolve(dir, fileName);
  await writeFile(file, content, { encoding: 'utf8', flag: 'wx' });
  return { path: file, remove: () => rm(file, { force: true }) };
}
