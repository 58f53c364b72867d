// Portuguese reading rules: titles ("Sr.", "Sra.", "Dr."), shorthand that never ends a sentence and the words
// that open a Portuguese sentence. Engines read Portuguese digits, but espeak-ng reads "1.º" as "um ordinal
// masculino", "p. ex." as letters and pauses at every abbreviation's dot: the spoken form says them in
// Portuguese words. Pure.
import type { SentenceRules } from './sentence-rules.js';
import { abbreviationGroups, type AbbreviationReadings, type SpokenRules } from './spoken-rules.js';

const PORTUGUESE_ABBREVIATIONS: AbbreviationReadings = {
  titles: {
    'Sr.': 'senhor',
    'Sra.': 'senhora',
    'Srta.': 'senhorita',
    'Dr.': 'doutor',
    'Dra.': 'doutora',
    'Prof.': 'professor',
    'Profa.': 'professora',
    'Eng.': 'engenheiro',
    'D.': null,
    'Exmo.': 'excelentíssimo',
    'Exma.': 'excelentíssima',
    'Gen.': 'general',
    'Cel.': 'coronel',
    'Sto.': 'santo',
    'Sta.': 'santa',
  },
  neverFinal: {
    'p. ex.': 'por exemplo',
    'ex.': null,
    'aprox.': 'aproximadamente',
    'vs.': null,
    'cf.': null,
  },
  beforeNumber: {
    'n.º': 'número',
    'nº.': 'número',
    'No.': 'número',
    'pág.': 'página',
    'págs.': 'páginas',
    'art.': 'artigo',
    'cap.': 'capítulo',
    'vol.': 'volume',
    'tel.': 'telefone',
    'jan.': 'janeiro',
    'fev.': 'fevereiro',
    'abr.': 'abril',
    'jun.': 'junho',
    'jul.': 'julho',
    'ago.': 'agosto',
    'set.': 'setembro',
    'out.': 'outubro',
    'nov.': 'novembro',
    'dez.': 'dezembro',
  },
  maybeFinal: {
    'etc.': null,
    'Ltda.': 'limitada',
    'S.A.': null,
    'Cia.': 'companhia',
    'a.C.': 'antes de Cristo',
    'd.C.': 'depois de Cristo',
  },
};

const PORTUGUESE_MONTHS = ['janeiro', 'fevereiro', 'março', 'abril', 'maio', 'junho', 'julho', 'agosto', 'setembro', 'outubro', 'novembro', 'dezembro'].join(
  '|',
);
const ORDINAL_WITH_DOT = /(?<=\d)\.(?=[ºª](?!\p{L}))/gu;
const DEGREE_BEFORE_MONTH = new RegExp(String.raw`(?<=(?<![\p{N}.])\d{1,2})\.?°(?=\s+de\s+(?:${PORTUGUESE_MONTHS})(?!\p{L}))`, 'giu');

/**
 * "1.º de maio" and "1° de maio" (a degree sign for the ordinal one): espeak-ng reads "1.º" as "um ordinal masculino" and
 * "1°" as degrees, but "1º" well. Only the dot before "º" or "ª" goes, and a degree sign only before a month.
 */
function readPortugueseDates(text: string): string {
  return text.replace(ORDINAL_WITH_DOT, '').replace(DEGREE_BEFORE_MONTH, 'º');
}

export const PORTUGUESE_SPOKEN_RULES: SpokenRules = { abbreviations: PORTUGUESE_ABBREVIATIONS, readDates: readPortugueseDates };

export const PORTUGUESE_SENTENCE_RULES: SentenceRules = {
  abbreviations: abbreviationGroups(PORTUGUESE_ABBREVIATIONS),
  openers: [
    'o',
    'a',
    'os',
    'as',
    'um',
    'uma',
    'ele',
    'ela',
    'eles',
    'elas',
    'em',
    'no',
    'na',
    'nos',
    'nas',
    'mas',
    'e',
    'ou',
    'por',
    'para',
    'com',
    'sem',
    'segundo',
    'este',
    'esta',
    'isso',
    'isto',
    'também',
    'além',
    'hoje',
    'ontem',
    'agora',
    'depois',
    'antes',
    'quando',
    'se',
    'não',
    'de',
    'do',
    'da',
    'após',
    'durante',
    'seu',
    'sua',
    'nós',
    'eu',
  ],
  ordinalDot: false,
};
