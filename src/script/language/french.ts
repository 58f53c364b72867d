// French reading rules: titles written before a name ("M. Macron", "Mme Borne"), Latin and French shorthand,
// and the words that open a French sentence. Engines that speak French read its digits, but espeak-ng reads "M."
// as the letter M, "MM." as "millimètres", spells "p. ex." and pauses at every abbreviation's dot: the spoken
// form says them in French words. "1er mai" is read well; "1ᵉʳ mai" (superscript letters) and "1 mai" are not. Pure.
import type { SentenceRules } from './sentence-rules.js';
import { abbreviationGroups, type AbbreviationReadings, type SpokenRules } from './spoken-rules.js';

const FRENCH_ABBREVIATIONS: AbbreviationReadings = {
  titles: {
    'M.': 'Monsieur',
    'MM.': 'Messieurs',
    'Mme.': 'Madame',
    'Mmes.': 'Mesdames',
    'Mlle.': 'Mademoiselle',
    'Mlles.': 'Mesdemoiselles',
    'Me.': 'Maître',
    'Mgr.': 'Monseigneur',
    'Dr.': 'Docteur',
    'Pr.': 'Professeur',
    'Prof.': 'Professeur',
    'St.': 'Saint',
    'Ste.': 'Sainte',
    'Gén.': 'Général',
    'Col.': 'Colonel',
    'Cdt.': 'Commandant',
    'Lt.': 'Lieutenant',
    'Sgt.': 'Sergent',
  },
  neverFinal: {
    'p. ex.': 'par exemple',
    'c.-à-d.': "c'est-à-dire",
    'c.à.d.': "c'est-à-dire",
    'cf.': null,
    'vs.': 'contre',
    'env.': 'environ',
    'resp.': 'respectivement',
  },
  beforeNumber: {
    'No.': 'numéro',
    'n.': 'numéro',
    'p.': 'page',
    'pp.': 'pages',
    'chap.': 'chapitre',
    'art.': 'article',
    'vol.': 'volume',
    'fig.': 'figure',
    'éd.': 'édition',
    'janv.': 'janvier',
    'févr.': 'février',
    'avr.': 'avril',
    'juil.': 'juillet',
    'sept.': 'septembre',
    'oct.': 'octobre',
    'nov.': 'novembre',
    'déc.': 'décembre',
    'av.': null,
    'bd.': null,
  },
  maybeFinal: {
    'etc.': null,
    'Cie.': 'compagnie',
    'av. J.-C.': 'avant Jésus-Christ',
    'apr. J.-C.': 'après Jésus-Christ',
    'J.-C.': 'Jésus-Christ',
    'S.A.': null,
  },
  undotted: { 'n°': 'numéro' },
};

const FRENCH_MONTHS = ['janvier', 'février', 'mars', 'avril', 'mai', 'juin', 'juillet', 'août', 'septembre', 'octobre', 'novembre', 'décembre'].join('|');
// "1 octobre", as Intl.DateTimeFormat and some papers write the first of a month: espeak-ng says "un octobre".
const FIRST_BEFORE_MONTH = new RegExp(String.raw`(?<![\p{L}\p{N}.,])1(?=\s+(?:${FRENCH_MONTHS})(?!\p{L}))`, 'giu');

/**
 * The first of a month as French says it, "premier": "1ᵉʳ mai" (superscript letters, which espeak-ng reads
 * letter by letter) and "1 mai" become the "1er mai" it reads as "premier mai".
 */
function readFrenchDates(text: string): string {
  return text.replace(/(?<!\p{N})1ᵉʳ(?!\p{L})/gu, '1er').replace(FIRST_BEFORE_MONTH, '1er');
}

export const FRENCH_SPOKEN_RULES: SpokenRules = { abbreviations: FRENCH_ABBREVIATIONS, readDates: readFrenchDates };

export const FRENCH_SENTENCE_RULES: SentenceRules = {
  abbreviations: abbreviationGroups(FRENCH_ABBREVIATIONS),
  openers: [
    'le',
    'la',
    'les',
    'un',
    'une',
    'des',
    'il',
    'elle',
    'ils',
    'elles',
    'on',
    'nous',
    'vous',
    'je',
    'ce',
    'cet',
    'cette',
    'ces',
    'mais',
    'et',
    'ou',
    'donc',
    'en',
    'dans',
    'pour',
    'par',
    'selon',
    'depuis',
    'après',
    'avant',
    'lors',
    'alors',
    'puis',
    'cependant',
    'pourtant',
    'ainsi',
    'aujourd',
    'hier',
    'si',
    'quand',
    'au',
    'aux',
    'du',
    'de',
    'sur',
    'sans',
    'son',
    'sa',
    'ses',
    'leur',
    'leurs',
    'notre',
    'plus',
    'pas',
    'tous',
    'toutes',
  ],
  ordinalDot: false,
};
