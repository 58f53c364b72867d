// Reading rules by language: English has its own splitter rules and a normalizer; French, German, Spanish,
// Italian, Portuguese and Dutch have sentence rules only and keep their digits for an engine that reads them;
// any other language is split on its punctuation alone.
import { describe, expect, it } from 'vitest';
import { languageRules } from '../../src/script/language/language-rules.js';
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
  ],
  de: [
    ['Am 3. Oktober feiert Deutschland. Das ist ein Feiertag.', ['Am 3. Oktober feiert Deutschland.', 'Das ist ein Feiertag.']],
    ['Der 20. Jahrestag kam. Er wurde gefeiert.', ['Der 20. Jahrestag kam.', 'Er wurde gefeiert.']],
    ['Es gab Obst, z. B. Äpfel. Die Preise stiegen um 3,5 Prozent.', ['Es gab Obst, z. B. Äpfel.', 'Die Preise stiegen um 3,5 Prozent.']],
    ['Es waren 3. Dann kamen mehr.', ['Es waren 3.', 'Dann kamen mehr.']],
    ['Prof. Dr. Weber hat Bd. 5 mit 1.000 Seiten, vgl. S. 3. Sie liest.', ['Prof. Dr. Weber hat Bd. 5 mit 1.000 Seiten, vgl. S. 3.', 'Sie liest.']],
  ],
  es: [
    ['EE. UU. y México firmaron. El Sr. López habló.', ['EE. UU. y México firmaron.', 'El Sr. López habló.']],
    ['La Dra. Ruiz llegó, p. ej. Ana. Luego se fue.', ['La Dra. Ruiz llegó, p. ej. Ana.', 'Luego se fue.']],
  ],
  it: [['Il Sig. Rossi e il Dott. Bianchi sono arrivati. Poi sono partiti.', ['Il Sig. Rossi e il Dott. Bianchi sono arrivati.', 'Poi sono partiti.']]],
  pt: [['O Sr. Silva e a Dra. Costa chegaram. Depois saíram.', ['O Sr. Silva e a Dra. Costa chegaram.', 'Depois saíram.']]],
  nl: [['dhr. Jansen en mr. De Vries kwamen. Zij spraken.', ['dhr. Jansen en mr. De Vries kwamen.', 'Zij spraken.']]],
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
  it.each(Object.entries(OTHER_LANGUAGE_SENTENCES))('%s keeps its digits and gets no English word', (language, sentence) => {
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
