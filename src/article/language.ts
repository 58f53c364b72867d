// The language an article is read in: --lang first, then what the source declares (the page's lang, og:locale,
// Content-Language, Markdown front matter), then what the text itself is written in (franc, restricted to the
// languages an engine here can speak), then English with a warning. Pure: text in, a language code out.
import { franc, francAll } from 'franc';
// The 4 KB table alone: the package's index also loads every language's name (about 14 MB in memory).
import { iso6393To1 } from 'iso-639-3/iso6393-to-1.js';
import type { Article } from '../types.js';

/** The language briefcast falls back to, and speaks its own words in, when nothing better is known. */
export const FALLBACK_LANGUAGE = 'en';

const ISO_639_1_TO_3: ReadonlyMap<string, string> = new Map(Object.entries(iso6393To1).map(([three, one]) => [one, three]));

// Codes that name the same spoken language the engines and detectors spell differently: Mandarin as a voice
// ("cmn") or a locale ("zh-CN"), Norwegian Bokmål as "nb" or the macrolanguage "no", Malay as "ms" or "zsm".
const SAME_LANGUAGE: Readonly<Record<string, string>> = { cmn: 'zh', no: 'nb', zsm: 'ms', zlm: 'ms' };

/**
 * The primary language of a BCP 47 tag or POSIX locale, lower case: "fr" from "fr-FR", "fr_CA", "FR" or "fra";
 * undefined for anything that is not a language tag ("", "*", "x-klingon", "und").
 */
export function primaryLanguage(tag: string | undefined | null): string | undefined {
  const first = tag
    ?.trim()
    .split(/[\s,;]/)[0]
    ?.replace(/_/g, '-');
  if (!first) return undefined;
  let canonical: string;
  try {
    canonical = Intl.getCanonicalLocales(first)[0] ?? '';
  } catch {
    return undefined;
  }
  const primary = canonical.split('-')[0]!.toLowerCase();
  if (!/^[a-z]{2,3}$/.test(primary) || primary === 'und' || primary === 'mul' || primary === 'zxx') return undefined;
  const short = primary.length === 3 ? (iso6393To1[primary] ?? primary) : primary;
  return SAME_LANGUAGE[short] ?? short;
}

/** ISO 639-2/T (three letters, as ID3's TLAN wants it): "fra" for "fr"; "und" when unknown. */
export function toIso6392(language: string | undefined): string {
  const primary = primaryLanguage(language);
  if (primary === undefined) return 'und';
  if (primary.length === 3) return primary;
  // The macrolanguage codes ISO 639-2 has where 639-3 names an individual language.
  const macro: Record<string, string> = { zh: 'zho', ms: 'msa', nb: 'nob', fa: 'fas', ar: 'ara', sw: 'swa', et: 'est', lv: 'lav' };
  return macro[primary] ?? ISO_639_1_TO_3.get(primary) ?? 'und';
}

/**
 * The languages espeak-ng 1.51 speaks (its voices' primary subtags), without constructed and ancient languages:
 * what detection may answer, because an engine here can read it. Other engines' languages (say, SAPI, piper) are
 * mostly within it; a language outside it can still be asked for with --lang or declared by the source.
 */
export const SPEAKABLE_LANGUAGES: readonly string[] = [
  'af', 'am', 'an', 'ar', 'as', 'az', 'ba', 'be', 'bg', 'bn', 'bs', 'ca', 'cs', 'cv', 'cy', 'da', 'de', 'el', 'en', 'es',
  'et', 'eu', 'fa', 'fi', 'fr', 'ga', 'gd', 'gn', 'gu', 'hak', 'haw', 'he', 'hi', 'hr', 'ht', 'hu', 'hy', 'id', 'is',
  'it', 'ja', 'ka', 'kk', 'kl', 'kn', 'ko', 'kok', 'ku', 'ky', 'la', 'lb', 'lt', 'lv', 'mi', 'mk', 'ml', 'mr', 'ms',
  'mt', 'my', 'nb', 'ne', 'nl', 'nog', 'om', 'or', 'pa', 'pap', 'pl', 'pt', 'qu', 'quc', 'ro', 'ru', 'sd', 'shn', 'si',
  'sk', 'sl', 'smj', 'sq', 'sr', 'sv', 'sw', 'ta', 'te', 'th', 'tk', 'tn', 'tr', 'tt', 'ug', 'uk', 'ur', 'uz', 'vi',
  'yue', 'zh',
]; // prettier-ignore

/** franc names languages in ISO 639-3; these are the speakable ones in its terms. */
const DETECTABLE: readonly string[] = SPEAKABLE_LANGUAGES.flatMap((language) => {
  if (language === 'zh') return ['cmn'];
  if (language === 'nb') return ['nob'];
  // franc takes Indonesian news for Malay (zlm) as often as not; Indonesian is by far the more written, so Malay is
  // left to --lang and declarations.
  if (language === 'ms') return [];
  const code = language.length === 3 ? language : ISO_639_1_TO_3.get(language);
  return code === undefined ? [] : [code];
});

/** franc reads trigrams: about 2,000 characters decide an article as well as all of it, at a fraction of the time. */
const DETECTION_SAMPLE_CHARS = 2000;
/** Below this much text a detection is a guess (a headline, a caption): it never overrides nor contradicts anything. */
const MIN_CONFIDENT_CHARS = 200;
/**
 * A declared language ranked below this many candidates on the article's own text is clearly not what it is
 * written in. franc's scores are relative and close together (English scores 0.84 of French on French news, Spanish
 * 0.87), so the rank decides: on the corpus's paragraphs a language's close relatives (Danish and Norwegian,
 * Spanish, Catalan and Portuguese, German and Dutch) always rank in its first three, and are never called a
 * contradiction.
 */
const CONTRADICTION_RANK = 3;
/**
 * On a short text, English scoring at least this share of the best candidate's score is as likely as it: short
 * English notices scored 0.94 and 0.98 against Haitian Creole and Romanian, short German and French ones 0.65 and less.
 */
const GUESS_MARGIN = 0.9;
/** Fewer letters than this and franc guesses from digits and punctuation. */
const MIN_LETTERS = 10;

export interface DetectedLanguage {
  language: string;
  /** Enough text to trust: used to warn when a declaration disagrees. */
  confident: boolean;
  /** The candidates, best first, by primary language. */
  ranking: readonly string[];
  /** How close English, the fallback, comes to the best candidate: franc's score relative to the best, 1 a tie. */
  fallbackScore: number;
}

/** The language the text is written in, among SPEAKABLE_LANGUAGES; undefined when it cannot tell (no letters, too short). */
export function detectLanguage(text: string): DetectedLanguage | undefined {
  const sample = text.slice(0, DETECTION_SAMPLE_CHARS);
  if ((sample.match(/\p{L}/gu)?.length ?? 0) < MIN_LETTERS) return undefined;
  const best = franc(sample, { only: [...DETECTABLE], minLength: 10 });
  const language = primaryLanguage(best);
  if (language === undefined) return undefined;
  const candidates = francAll(sample, { only: [...DETECTABLE], minLength: 10 });
  const ranking = [...new Set(candidates.flatMap(([code]) => primaryLanguage(code) ?? []))];
  const fallbackScore = candidates.find(([code]) => primaryLanguage(code) === FALLBACK_LANGUAGE)?.[1] ?? 0;
  return { language, confident: sample.replace(/\s+/g, ' ').length >= MIN_CONFIDENT_CHARS, ranking, fallbackScore };
}

/** The article's words as detection reads them: title and paragraphs, without the notes that stand for skipped content. */
function articleText(article: Article): string {
  return [article.title, ...article.sections.flatMap((section) => [section.heading, ...section.paragraphs])].join('\n');
}

export interface LanguageChoice {
  /** --lang, when given. */
  requested?: string;
  /** What the transport declared (the HTTP Content-Language header), below what the document itself says. */
  transportLanguage?: string;
}

/** How the language was settled, for messages and tests. */
export type LanguageSource = 'requested' | 'declared' | 'detected' | 'fallback';

export interface SettledLanguage {
  language: string;
  source: LanguageSource;
  warnings: string[];
}

/**
 * The article's language: --lang, else the document's declaration, else the transport's, else detection, else
 * English with a warning. A confident detection that contradicts a declaration is reported, never obeyed: the
 * declaration is the publisher's word, the warning says how to override it.
 */
export function settleLanguage(article: Article, choice: LanguageChoice = {}): SettledLanguage {
  const name = article.source === '-' ? 'stdin' : article.source;
  const requested = primaryLanguage(choice.requested);
  if (requested !== undefined) return { language: requested, source: 'requested', warnings: [] };
  const declared = primaryLanguage(article.declaredLanguage) ?? primaryLanguage(choice.transportLanguage);
  const text = articleText(article);
  const detected = detectLanguage(text);
  if (declared !== undefined) {
    const rank = detected?.ranking.indexOf(declared) ?? -1;
    const contradicts = detected !== undefined && detected.confident && (rank === -1 || rank >= CONTRADICTION_RANK);
    const warnings = contradicts
      ? [
          `${name} declares its language as "${declared}" but its text reads as "${detected.language}"; reading it as "${declared}". Pass --lang ${detected.language} to read it as "${detected.language}".`,
        ]
      : [];
    return { language: declared, source: 'declared', warnings };
  }
  if (detected !== undefined) {
    // A short text's detection is a guess ("Power cut notice. Power back by 6pm" scores Romanian 1, English 0.98):
    // when English, the language briefcast falls back to, scores nearly as well, the guess does not override it.
    const tooCloseToCall = !detected.confident && detected.fallbackScore >= GUESS_MARGIN;
    return { language: tooCloseToCall ? FALLBACK_LANGUAGE : detected.language, source: 'detected', warnings: [] };
  }
  // Text without a letter has no language to tell: it is refused as having nothing to read, without this warning.
  if (!/\p{L}/u.test(text)) return { language: FALLBACK_LANGUAGE, source: 'fallback', warnings: [] };
  return {
    language: FALLBACK_LANGUAGE,
    source: 'fallback',
    warnings: [`Could not tell the language of ${name}; reading it as English. Pass --lang <code> (e.g. --lang fr) to choose.`],
  };
}
