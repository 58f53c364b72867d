// Everything briefcast says itself, in the article's language: the catalogs (data) filled in with that language's
// plural rules (Intl.PluralRules), dates (Intl.DateTimeFormat) and list joins (Intl.ListFormat). English keeps its
// numbers as words and its rundown's semicolons, exactly as before other languages were spoken; other languages
// keep numbers as digits, which their engines read in their own language. Pure.
import { describeDate as describeEnglishDate, numberToWords } from '../spoken-words.js';
import type { HostCatalog, Plural } from './catalog.js';
import DE from './de.json' with { type: 'json' };
import EN from './en.json' with { type: 'json' };
import ES from './es.json' with { type: 'json' };
import FR from './fr.json' with { type: 'json' };
import IT from './it.json' with { type: 'json' };
import NL from './nl.json' with { type: 'json' };
import PT from './pt.json' with { type: 'json' };

/**
 * The catalogs by primary language subtag, as JSON data; the type checks each against HostCatalog when built.
 * Adding a language: a file like fr.json, and its import and entry here.
 */
const CATALOGS: Readonly<Record<string, HostCatalog>> = { en: EN, fr: FR, de: DE, es: ES, it: IT, pt: PT, nl: NL };

export const HOST_LANGUAGES: readonly string[] = Object.keys(CATALOGS);

/** True when briefcast can speak its own words in this language; otherwise they are English (the pipeline warns). */
export function hasHostCatalog(language: string): boolean {
  return Object.hasOwn(CATALOGS, language);
}

export type Values = Readonly<Record<string, string | number>>;

export interface HostWords {
  /** The language of the catalog in use: the article's, or "en" when it has none. */
  readonly language: string;
  readonly catalog: HostCatalog;
  /** A template with its `{name}` values filled in. */
  fill(template: string, values?: Values): string;
  /** The plural text for n, with `{n}` spoken as a number and the other values filled in. */
  plural(texts: Plural, n: number, values?: Values): string;
  /** A count as spoken in host lines: English words, digits elsewhere. */
  number(n: number): string;
  /** "July 24, 2015" / "24 juillet 2015" from an ISO date; undefined when it is not one. */
  date(iso: string): string | undefined;
  /** "about four minutes" / "environ 4 minutes". */
  duration(ms: number): string;
  /** "A; B; and C" in English, "A, B et C" through Intl.ListFormat elsewhere. */
  list(items: readonly string[]): string;
}

export function hostWordsFor(language: string): HostWords {
  const used = hasHostCatalog(language) ? language : 'en';
  const catalog = CATALOGS[used]!;
  const english = used === 'en';
  const pluralRules = new Intl.PluralRules(used);
  const number = (n: number) => (english ? numberToWords(n) : String(Math.trunc(n)));
  const fill = (template: string, values: Values = {}) =>
    template.replace(/\{(\w+)\}/g, (whole, name: string) => (Object.hasOwn(values, name) ? String(values[name]) : whole));
  const plural = (texts: Plural, n: number, values: Values = {}) => fill(texts[pluralRules.select(n)] ?? texts.other, { ...values, n: number(n) });
  return {
    language: used,
    catalog,
    fill,
    plural,
    number,
    date: (iso) => (english ? describeEnglishDate(iso) : describeDate(iso, used)),
    duration(ms) {
      const { duration } = catalog;
      const minutes = Math.max(0, Math.round(ms / 60_000));
      if (minutes < 1) return duration.lessThanMinute;
      if (minutes < 60) return fill(duration.about, { span: plural(duration.minutes, minutes) });
      const hours = plural(duration.hours, Math.trunc(minutes / 60));
      const rest = minutes % 60;
      const span = rest ? fill(duration.hoursAndMinutes, { hours, minutes: plural(duration.minutes, rest) }) : hours;
      return fill(duration.about, { span });
    },
    list(items) {
      if (items.length <= 1) return items[0] ?? '';
      if (english) return `${items.slice(0, -1).join('; ')}; and ${items[items.length - 1]}`;
      return new Intl.ListFormat(used, { type: 'conjunction', style: 'long' }).format(items);
    },
  };
}

/** The calendar date as written (no time-zone conversion), in the language's long form: "24 juillet 2015". */
function describeDate(iso: string, language: string): string | undefined {
  const match = /^(\d{4})-(\d{2})-(\d{2})/.exec(iso.trim());
  if (!match) return /^(\d{4})$/.exec(iso.trim())?.[1];
  const [year, month, day] = [Number(match[1]), Number(match[2]), Number(match[3])];
  if (month < 1 || month > 12 || day < 1 || day > 31) return undefined;
  const format = new Intl.DateTimeFormat(language, { day: 'numeric', month: 'long', year: 'numeric', timeZone: 'UTC' });
  return format.format(new Date(Date.UTC(year, month - 1, day)));
}
