// Reading rules by language: English has its own splitter rules and a normalizer; French, German, Spanish,
// Italian, Portuguese and Dutch have sentence rules and spoken rules (their abbreviations, and the dates espeak-ng
// misreads, said in their own words) and keep their other digits for an engine that reads them; any other
// language is split on its punctuation alone.
import { describe, expect, it } from 'vitest';
import { germanYear, readGermanDates } from '../../src/script/language/german-dates.js';
import { languageRules } from '../../src/script/language/language-rules.js';
import { readAloud } from '../../src/script/plan-script.js';
import { normalizeForSpeech } from '../../src/script/normalize/normalize-for-speech.js';
import { splitSentences } from '../../src/script/sentences.js';
import { BUILT_IN_LEXICON, mergeLexicons } from '../../src/script/lexicon.js';

type Cases = ReadonlyArray<readonly [paragraph: string, sentences: string[]]>;

const SPLITS: Readonly<Record<string, Cases>> = {
  en: [
    // The splitter and the normalizer share one table: a title the normalizer reads is never a sentence end.
    ['Dir. Smith spoke. He left.', ['Dir. Smith spoke.', 'He left.']],
    ['Sgts. Diaz and Park saluted. Then they left.', ['Sgts. Diaz and Park saluted.', 'Then they left.']],
    ['It opens on jul. 4 this year. Tickets sell fast.', ['It opens on jul. 4 this year.', 'Tickets sell fast.']],
    ['Smith et al. The study was long.', ['Smith et al.', 'The study was long.']],
  ],
  fr: [
    ['M. Macron et Mme Borne sont arrivés. Ils ont parlé.', ['M. Macron et Mme Borne sont arrivés.', 'Ils ont parlé.']],
    ['Le Dr. Martin, p. ex. Durand, a signé. La loi passe.', ['Le Dr. Martin, p. ex. Durand, a signé.', 'La loi passe.']],
    ['Le taux est de 3,5 %. Plus de 10 000 soldats et 1.000 chars.', ['Le taux est de 3,5 %.', 'Plus de 10 000 soldats et 1.000 chars.']],
    ["Voir chap. 3 et c.-à-d. Paris. C'est tout.", ['Voir chap. 3 et c.-à-d. Paris.', "C'est tout."]],
    ['M. Dupont a marché env. 5 km, p. ex. Hier. Il est fatigué.', ['M. Dupont a marché env. 5 km, p. ex. Hier.', 'Il est fatigué.']],
  ],
  de: [
    ['Am 3. Oktober feiert Deutschland. Das ist ein Feiertag.', ['Am 3. Oktober feiert Deutschland.', 'Das ist ein Feiertag.']],
    ['Der 20. Jahrestag kam. Er wurde gefeiert.', ['Der 20. Jahrestag kam.', 'Er wurde gefeiert.']],
    ['Es gab Obst, z. B. Äpfel. Die Preise stiegen um 3,5 Prozent.', ['Es gab Obst, z. B. Äpfel.', 'Die Preise stiegen um 3,5 Prozent.']],
    ['Es waren 3. Dann kamen mehr.', ['Es waren 3.', 'Dann kamen mehr.']],
    ['Prof. Dr. Weber hat Bd. 5 mit 1.000 Seiten, vgl. S. 3. Sie liest.', ['Prof. Dr. Weber hat Bd. 5 mit 1.000 Seiten, vgl. S. 3.', 'Sie liest.']],
    // A longer word with an abbreviated ending: "Hauptstr. 5" is an address, not the end of a sentence.
    ['Er wohnt in der Hauptstr. 5 in Berlin. Dort ist es ruhig.', ['Er wohnt in der Hauptstr. 5 in Berlin.', 'Dort ist es ruhig.']],
    ['Es kamen i. d. R. 3 Mio. Menschen, z. T. Kinder. Sie blieben.', ['Es kamen i. d. R. 3 Mio. Menschen, z. T. Kinder.', 'Sie blieben.']],
    ['Er wohnt an der Hauptstr. Dann zog er um.', ['Er wohnt an der Hauptstr.', 'Dann zog er um.']],
  ],
  es: [
    ['EE. UU. y México firmaron. El Sr. López habló.', ['EE. UU. y México firmaron.', 'El Sr. López habló.']],
    ['La Dra. Ruiz llegó, p. ej. Ana. Luego se fue.', ['La Dra. Ruiz llegó, p. ej. Ana.', 'Luego se fue.']],
    ['Vive en el núm. 5 de EE. UU. Luego se fue.', ['Vive en el núm. 5 de EE. UU.', 'Luego se fue.']],
  ],
  it: [
    ['Il Sig. Rossi e il Dott. Bianchi sono arrivati. Poi sono partiti.', ['Il Sig. Rossi e il Dott. Bianchi sono arrivati.', 'Poi sono partiti.']],
    ['Il dott. Bianchi ha mele, pere ecc. Poi è partito.', ['Il dott. Bianchi ha mele, pere ecc.', 'Poi è partito.']],
  ],
  pt: [
    ['O Sr. Silva e a Dra. Costa chegaram. Depois saíram.', ['O Sr. Silva e a Dra. Costa chegaram.', 'Depois saíram.']],
    ['A Dra. Costa leu a pág. 5, p. ex. Ontem. Depois saiu.', ['A Dra. Costa leu a pág. 5, p. ex. Ontem.', 'Depois saiu.']],
  ],
  nl: [
    ['dhr. Jansen en mr. De Vries kwamen. Zij spraken.', ['dhr. Jansen en mr. De Vries kwamen.', 'Zij spraken.']],
    ['Er waren o.a. Dhr. Jansen en nr. 5, bijv. Appels. Zij spraken.', ['Er waren o.a. Dhr. Jansen en nr. 5, bijv. Appels.', 'Zij spraken.']],
  ],
  sv: [['Hej. Vad gör du? Jag läser.', ['Hej.', 'Vad gör du?', 'Jag läser.']]],
};

describe('splitSentences by language', () => {
  for (const [language, cases] of Object.entries(SPLITS)) {
    it.each(cases)(`${language}: %s`, (paragraph, sentences) => {
      expect(splitSentences(paragraph, language)).toEqual(sentences);
      expect(languageRules(language).splitSentences(paragraph)).toEqual(sentences);
    });
  }

  it('reads a region or script subtag as its language', () => {
    expect(splitSentences('Am 3. Oktober kam er. Das war gut.', 'de-AT')).toEqual(['Am 3. Oktober kam er.', 'Das war gut.']);
    expect(languageRules('fr-CA').code).toBe('fr');
    expect(languageRules('EN_gb').hasNormalizer).toBe(true);
    expect(languageRules('sv').knownSentences).toBe(false);
  });
});

// Words the English normalizer would put in: none may appear in speech in another language ("plus" is French too).
const ENGLISH_WORDS =
  /\b(one|two|three|four|five|ten|hundred|thousand|million|point|percent|dollars?|euros?|first|third|twenty|thirty|minus|and|number|page|Doctor|Mister|January|September|October|A M|P M|Poo-tin)\b/;

const OTHER_LANGUAGE_SENTENCES: Readonly<Record<string, string>> = {
  fr: 'Le 3 septembre 2025, plus de 10 000 soldats, 3,5 % et 20 € (M. Putin, n° 5) à 14h30.',
  de: 'Am 3. Oktober 2025 kamen 10.000 Soldaten, 3,5 % mehr, für 20 € um 14:30 Uhr, z. B. Dr. Müller.',
  es: 'El 3 de septiembre de 2025 llegaron 10.000 soldados, un 3,5 % más, por 20 € a las 14:30.',
  it: 'Il 3 settembre 2025 sono arrivati 10.000 soldati, il 3,5 % in più, per 20 € alle 14:30.',
  pt: 'Em 3 de setembro de 2025 chegaram 10.000 soldados, 3,5 % a mais, por 20 € às 14h30.',
  nl: 'Op 3 september 2025 kwamen 10.000 soldaten, 3,5 % meer, voor € 20 om 14.30 uur.',
};

describe('normalizeForSpeech in a language without a normalizer', () => {
  it.each(Object.entries(OTHER_LANGUAGE_SENTENCES))('%s keeps the digits its engine reads and gets no English word', (language, sentence) => {
    const spoken = normalizeForSpeech(sentence, BUILT_IN_LEXICON, language);
    expect(spoken).not.toMatch(ENGLISH_WORDS);
    for (const number of ['3', '2025', '20']) expect(spoken).toContain(number);
    expect(languageRules(language).normalizeText(sentence)).not.toMatch(ENGLISH_WORDS);
  });

  it('tidies: invisible characters go, quotes and brackets become pauses, the final mark stays', () => {
    expect(normalizeForSpeech('Il a dit « bonjour\u00AD » (hier) !', BUILT_IN_LEXICON, 'fr')).toBe('Il a dit bonjour, hier!');
  });

  it('applies the user’s own lexicon entries but not the built-in English respellings', () => {
    const lexicon = mergeLexicons(BUILT_IN_LEXICON, { words: { Bercy: 'Bèrsi' }, rules: [], spell: [] });
    expect(normalizeForSpeech('Putin et Bercy.', lexicon, 'fr')).toBe('Putin et Bèrsi.');
    expect(normalizeForSpeech('Putin and Bercy.', lexicon, 'en')).toBe('Poo-tin and Bèrsi.');
  });

  it('still reads English into words', () => {
    expect(languageRules('en-US').normalize('It cost $5 on 3 Sept.')).toBe('It cost five dollars on the third of September.');
  });
});

// What espeak-ng misread (measured with `espeak-ng -x`) and what the spoken form says instead, in the article's
// language; the forms it reads well stay as written.
const SPOKEN: Readonly<Record<string, ReadonlyArray<readonly [written: string, spoken: string]>>> = {
  de: [
    // The day's ordinal takes its ending from the word before it; a year before 2000 is said in hundreds.
    ['Am 3. Oktober 1990 kam es zur Einheit.', 'Am dritten Oktober neunzehnhundertneunzig kam es zur Einheit.'],
    ['Der 3. Oktober ist ein Feiertag.', 'Der dritte Oktober ist ein Feiertag.'],
    ['Vom 1. bis 3. Mai ist geschlossen.', 'Vom ersten bis dritten Mai ist geschlossen.'],
    ['Berlin, 3. Oktober.', 'Berlin, dritter Oktober.'],
    ['Montag, den 31. Dez. 2024', 'Montag, den einunddreißigsten Dezember 2024'],
    ['Seit 1. Januar gilt es.', 'Seit erstem Januar gilt es.'],
    ['Am 1.–3. Okt. und am 1. und 2. Juli.', 'Am ersten bis dritten Oktober und am ersten und zweiten Juli.'],
    // Numeric dates get their month's name; without a year only after a word that goes with a date.
    ['Am 3.10.1990 kam es.', 'Am dritten Oktober neunzehnhundertneunzig kam es.'],
    ['Es ist der 03.10.', 'Es ist der dritte Oktober.'],
    ['Siehe Abschnitt 2.3. und Version 1.2.3 am 32. Mai.', 'Siehe Abschnitt 2.3. und Version 1.2.3 am 32. Mai.'],
    ['Der 20. Jahrestag.', 'Der 20. Jahrestag.'],
    // Abbreviations espeak-ng spelled ("z. B." as "zett be") or read as a word and a pause.
    ['Er wohnt in der Hauptstr. 5, Nr. 7.', 'Er wohnt in der Hauptstraße 5, Nummer 7.'],
    ['Obst, z. B. Äpfel bzw. Birnen, d. h. u. a. ca. 5 kg.', 'Obst, zum Beispiel Äpfel beziehungsweise Birnen, das heißt unter anderem circa 5 kg.'],
    ['Z.B. kamen Prof. Dr. Weber und Fr. Müller.', 'Zum Beispiel kamen Professor Doktor Weber und Frau Müller.'],
    ['Es kostet 1 Mio. Euro, 3 Mio. Euro oder 2 Mrd. Euro usw.', 'Es kostet eine Million Euro, 3 Millionen Euro oder 2 Milliarden Euro und so weiter.'],
    ['Vgl. S. 3, ggf. evtl. inkl. Steuer.', 'Vergleiche Seite 3, gegebenenfalls eventuell inklusive Steuer.'],
    // A title only before a name, a number's abbreviation only before a number: "Jan." is also a name.
    ['Er traf Jan. Dr. med. Klaus kam. Die S. war leer.', 'Er traf Jan. Dr. med. Klaus kam. Die S. war leer.'],
    // A capital the table does not write is read only at the sentence's start: "Gem." is "Gemeinde", "V." a numeral.
    ['Karl V. kam in Geb. 5 der Gem. Au, lt. Lt. Weber.', 'Karl V. kam in Geb. 5 der Gem. Au, laut Lt. Weber.'],
  ],
  fr: [
    ['M. Dupont et MM. Durand, Mme. Borne.', 'Monsieur Dupont et Messieurs Durand, Madame Borne.'],
    ['Des fruits, p. ex. env. 5 kg, n° 5, p. 12, c.-à-d. rien.', "Des fruits, par exemple environ 5 kg, numéro 5, page 12, c'est-à-dire rien."],
    ['Le 1ᵉʳ mai, le 1er mai, en 52 av. J.-C.', 'Le 1er mai, le 1er mai, en 52 avant Jésus-Christ.'],
    // The first of a month is "premier"; any other day, and 1 before anything else, stays a cardinal.
    ['Le 1 octobre 2025, le 11 mai, 1 mai-juin, 21 mars et 1 maison.', 'Le 1er octobre 2025, le 11 mai, 1er mai-juin, 21 mars et 1 maison.'],
  ],
  es: [
    [
      'El Sr. López y la Sra. Ruiz, p. ej. en EE. UU. y EE.UU., núm. 5, n.º 7.',
      'El señor López y la señora Ruiz, por ejemplo en Estados Unidos y Estados Unidos, número 5, número 7.',
    ],
    ['El 1.º de mayo, el 1° de mayo, la 2.ª vez, a 20 °C.', 'El 1º de mayo, el 1º de mayo, la 2ª vez, a 20 °C.'],
  ],
  it: [
    ['Il Sig. Rossi, il dott. Bianchi e la Dott.ssa Neri, mele ecc.', 'Il Signor Rossi, il dottor Bianchi e la Dottoressa Neri, mele eccetera.'],
    ['Il 1° maggio, a 20° di sera.', 'Il 1º maggio, a 20° di sera.'],
    ["Il 1 ottobre 2025, l'1 maggio, l’11 maggio e 1 mela.", "Il 1º ottobre 2025, il 1º maggio, l'11 maggio e 1 mela."],
  ],
  pt: [
    ['O Sr. Silva e a Dra. Costa, p. ex. n.º 5.', 'O senhor Silva e a doutora Costa, por exemplo número 5.'],
    ['Em 1.º de maio e 1° de maio.', 'Em 1º de maio e 1º de maio.'],
  ],
  nl: [
    [
      'Fruit, bijv. appels, o.a. peren, nr. 5, dhr. Jansen, d.w.z. niets.',
      'Fruit, bijvoorbeeld appels, onder andere peren, nummer 5, de heer Jansen, dat wil zeggen niets.',
    ],
    ['Op 3 oktober 1990 kwam 5 mln. euro.', 'Op 3 oktober 1990 kwam 5 miljoen euro.'],
  ],
};

describe('spoken rules: what the engine misread, said in the language', () => {
  for (const [language, cases] of Object.entries(SPOKEN)) {
    it.each(cases)(`${language}: %s`, (written, spoken) => {
      expect(normalizeForSpeech(written, BUILT_IN_LEXICON, language)).toBe(spoken);
      // The words a rule put in are the language's own ("page" is French too).
      const writtenWords = new Set(written.split(/[\s,.]+/));
      const added = spoken.split(/[\s,.]+/).filter((word) => !writtenWords.has(word) && !(language === 'fr' && word === 'page'));
      expect(added.join(' ')).not.toMatch(ENGLISH_WORDS);
    });
  }

  it('keeps the written text: only the spoken form changes', () => {
    const segments = readAloud('Am 3. Oktober kam z. B. Prof. Weber. Er sprach.', 'body', 'v', 600, 250, 600, BUILT_IN_LEXICON, 'de');
    expect(segments.map((segment) => segment.text)).toEqual(['Am 3. Oktober kam z. B. Prof. Weber.', 'Er sprach.']);
    expect(segments.map((segment) => segment.spoken)).toEqual(['Am dritten Oktober kam zum Beispiel Professor Weber.', 'Er sprach.']);
  });

  it('reads a region subtag as its language and leaves a language without rules alone', () => {
    expect(languageRules('de-AT').normalize('Am 3. Jänner.')).toBe('Am dritten Jänner.');
    expect(normalizeForSpeech('Den 3. oktober, t.ex. M. Svensson.', BUILT_IN_LEXICON, 'sv')).toBe('Den 3. oktober, t.ex. M. Svensson.');
  });

  it('says a year from 1100 to 1999 in hundreds and leaves others to the engine', () => {
    expect(['1990', '1901', '1100', '1999', '1066', '2024'].map(germanYear)).toEqual([
      'neunzehnhundertneunzig',
      'neunzehnhunderteins',
      'elfhundert',
      'neunzehnhundertneunundneunzig',
      '1066',
      '2024',
    ]);
    expect(readGermanDates('im Mai 1945')).toBe('im Mai 1945');
  });
});
