// Italian reading rules: titles ("Sig.", "Dott.", "On."), shorthand that never ends a sentence and the words
// that open an Italian sentence. Engines read Italian digits, but espeak-ng reads "Sig." as "sig", "ecc." as
// "ecc", "1° maggio" (a degree sign for the ordinal, as Italian often writes it) as "uno gradi maggio", "1
// maggio" as "uno maggio" where Italians say "primo", and
// pauses at every abbreviation's dot: the spoken form says them in Italian words. Pure.
import type { SentenceRules } from './sentence-rules.js';
import { abbreviationGroups, type AbbreviationReadings, type SpokenRules } from './spoken-rules.js';

const ITALIAN_ABBREVIATIONS: AbbreviationReadings = {
  // Written in small letters too ("il dott. Bianchi"); the capital is read as well.
  titles: {
    'sig.': 'signor',
    'sigg.': 'signori',
    'sig.ra': 'signora',
    'sig.na': 'signorina',
    'dott.': 'dottor',
    'dott.ssa': 'dottoressa',
    'prof.': 'professor',
    'prof.ssa': 'professoressa',
    'avv.': 'avvocato',
    'ing.': 'ingegner',
    'on.': 'onorevole',
    'Gen.': 'generale',
    'S.': null,
    'mons.': 'monsignor',
    'Dr.': 'dottor',
  },
  neverFinal: {
    'p. es.': 'per esempio',
    'es.': null,
    'ca.': 'circa',
    'vs.': null,
    'cfr.': 'confronta',
  },
  beforeNumber: {
    'n.': 'numero',
    'pag.': 'pagina',
    'pagg.': 'pagine',
    'art.': 'articolo',
    'cap.': 'capitolo',
    'vol.': 'volume',
    'tel.': 'telefono',
    'gen.': 'gennaio',
    'feb.': 'febbraio',
    'apr.': 'aprile',
    'giu.': 'giugno',
    'lug.': 'luglio',
    'ago.': 'agosto',
    'set.': 'settembre',
    'ott.': 'ottobre',
    'nov.': 'novembre',
    'dic.': 'dicembre',
  },
  maybeFinal: {
    'ecc.': 'eccetera',
    'etc.': 'eccetera',
    'S.p.A.': null,
    'S.r.l.': null,
    'a.C.': 'avanti Cristo',
    'd.C.': 'dopo Cristo',
  },
};

const ITALIAN_MONTHS = ['gennaio', 'febbraio', 'marzo', 'aprile', 'maggio', 'giugno', 'luglio', 'agosto', 'settembre', 'ottobre', 'novembre', 'dicembre'].join(
  '|',
);
const DEGREE_BEFORE_MONTH = new RegExp(String.raw`(?<=(?<![\p{N}.])\d{1,2})\.?[°º](?=\s+(?:${ITALIAN_MONTHS})(?!\p{L}))`, 'giu');

// "1 ottobre", as Intl.DateTimeFormat and many papers write the first: espeak-ng says "uno ottobre".
const FIRST_BEFORE_MONTH = new RegExp(String.raw`(?<![\p{N}.,])(?:(l['’])|(?<![\p{L}]))1(?=\s+(?:${ITALIAN_MONTHS})(?!\p{L}))`, 'giu');

/**
 * "1° maggio" and "1 maggio": espeak-ng reads the degree sign as "gradi" and the bare 1 as "uno", but "1º
 * maggio" as "primo maggio", as Italians say the first of a month ("l'1 maggio" → "il 1º maggio").
 */
function readItalianDates(text: string): string {
  return text.replace(DEGREE_BEFORE_MONTH, 'º').replace(FIRST_BEFORE_MONTH, (_match, elided: string | undefined) => (elided ? 'il 1º' : '1º'));
}

export const ITALIAN_SPOKEN_RULES: SpokenRules = { abbreviations: ITALIAN_ABBREVIATIONS, readDates: readItalianDates };

export const ITALIAN_SENTENCE_RULES: SentenceRules = {
  abbreviations: abbreviationGroups(ITALIAN_ABBREVIATIONS),
  openers: [
    'il',
    'lo',
    'la',
    'i',
    'gli',
    'le',
    'un',
    'uno',
    'una',
    'è',
    'ma',
    'e',
    'o',
    'in',
    'per',
    'con',
    'su',
    'da',
    'di',
    'del',
    'della',
    'questo',
    'questa',
    'quello',
    'quella',
    'anche',
    'inoltre',
    'oggi',
    'ieri',
    'ora',
    'poi',
    'dopo',
    'prima',
    'quando',
    'se',
    'non',
    'secondo',
    'mentre',
    'tuttavia',
    'però',
    'lui',
    'lei',
    'loro',
    'noi',
    'io',
  ],
  ordinalDot: false,
};
