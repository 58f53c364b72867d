// Spanish reading rules: titles ("Sr.", "Sra.", "Dr."), "EE. UU." (the United States, written with dots and a
// space), shorthand that never ends a sentence, and the words that open a Spanish sentence. Engines read Spanish
// digits, but espeak-ng reads "EE. UU." as "ee, uu", "p. ej." as letters and "1.º" as "uno punto o", and pauses
// at every abbreviation's dot: the spoken form says them in Spanish words. Pure.
import type { SentenceRules } from './sentence-rules.js';
import { abbreviationGroups, type AbbreviationReadings, type SpokenRules } from './spoken-rules.js';

const SPANISH_ABBREVIATIONS: AbbreviationReadings = {
  titles: {
    'Sr.': 'señor',
    'Sra.': 'señora',
    'Srta.': 'señorita',
    'Sres.': 'señores',
    'Dr.': 'doctor',
    'Dra.': 'doctora',
    'Lic.': 'licenciado',
    'Ing.': 'ingeniero',
    'D.': null,
    'Dña.': 'doña',
    'Prof.': 'profesor',
    'Gral.': 'general',
    'Sto.': 'santo',
    'Sta.': 'santa',
    'Mons.': 'monseñor',
  },
  neverFinal: {
    'p. ej.': 'por ejemplo',
    'ej.': 'ejemplo',
    'aprox.': 'aproximadamente',
    'vs.': null,
    'EE.': null,
    'cf.': null,
    'Ud.': null,
    'Uds.': 'ustedes',
  },
  beforeNumber: {
    'núm.': 'número',
    'No.': 'número',
    'n.º': 'número',
    'pág.': 'página',
    'págs.': 'páginas',
    'art.': 'artículo',
    'cap.': 'capítulo',
    'vol.': 'volumen',
    'tel.': 'teléfono',
    'ene.': 'enero',
    'feb.': 'febrero',
    'abr.': 'abril',
    'ago.': 'agosto',
    'sept.': 'septiembre',
    'oct.': 'octubre',
    'nov.': 'noviembre',
    'dic.': 'diciembre',
  },
  maybeFinal: {
    'etc.': 'etcétera',
    'Cía.': 'compañía',
    'S.A.': null,
    'Avda.': 'avenida',
    'Av.': 'avenida',
    'a. C.': 'antes de Cristo',
    'd. C.': 'después de Cristo',
    'EE. UU.': 'Estados Unidos',
    'EE.UU.': 'Estados Unidos',
  },
};

const SPANISH_MONTHS = [
  'enero',
  'febrero',
  'marzo',
  'abril',
  'mayo',
  'junio',
  'julio',
  'agosto',
  'septiembre',
  'setiembre',
  'octubre',
  'noviembre',
  'diciembre',
].join('|');
const ORDINAL_WITH_DOT = /(?<=\d)\.(?=[ºª](?!\p{L}))/gu;
const DEGREE_BEFORE_MONTH = new RegExp(String.raw`(?<=(?<![\p{N}.])\d{1,2})\.?°(?=\s+de\s+(?:${SPANISH_MONTHS})(?!\p{L}))`, 'giu');

/**
 * "1.º de mayo" and "1° de mayo" (a degree sign for the ordinal one): espeak-ng reads "1.º" as "uno punto o" and
 * "1°" as degrees, but "1º" well. Only the dot before "º" or "ª" goes, and a degree sign only before a month.
 */
function readSpanishDates(text: string): string {
  return text.replace(ORDINAL_WITH_DOT, '').replace(DEGREE_BEFORE_MONTH, 'º');
}

export const SPANISH_SPOKEN_RULES: SpokenRules = { abbreviations: SPANISH_ABBREVIATIONS, readDates: readSpanishDates };

export const SPANISH_SENTENCE_RULES: SentenceRules = {
  abbreviations: abbreviationGroups(SPANISH_ABBREVIATIONS),
  openers: [
    'el',
    'la',
    'los',
    'las',
    'un',
    'una',
    'unos',
    'unas',
    'él',
    'ella',
    'ellos',
    'ellas',
    'en',
    'de',
    'del',
    'pero',
    'y',
    'o',
    'por',
    'para',
    'con',
    'sin',
    'según',
    'este',
    'esta',
    'estos',
    'estas',
    'eso',
    'esto',
    'ese',
    'esa',
    'también',
    'además',
    'hoy',
    'ayer',
    'ahora',
    'luego',
    'después',
    'antes',
    'cuando',
    'si',
    'no',
    'se',
    'lo',
    'al',
    'tras',
    'desde',
    'durante',
    'mientras',
    'su',
    'sus',
    'nosotros',
    'yo',
  ],
  ordinalDot: false,
};
