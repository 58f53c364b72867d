// The spoken forms of the language modules read back by the real espeak-ng (`-x` prints the phonemes it would
// speak): the written form is misread (the control: "3." as "drei", "z. B." spelled), the spoken form is read as a
// speaker of the language says it. The text goes to espeak-ng on stdin, as briefcast's own engine runs send it.
import { expect, it } from 'vitest';
import { BUILT_IN_LEXICON } from '../../src/script/lexicon.js';
import { normalizeForSpeech } from '../../src/script/normalize/normalize-for-speech.js';
import { runTool } from '../../src/run-tool.js';
import { describeWithBinaries } from '../helpers/require-binary.js';

async function phonemes(voice: string, text: string): Promise<string> {
  const result = await runTool('espeak-ng', ['-q', '-x', '-v', voice, '--stdin'], { input: text, timeoutMs: 30_000 });
  expect(result.exitCode).toBe(0);
  return result.stdout;
}

// [language, written, what espeak-ng says for the written form, what it must say for the spoken form]
const CASES = [
  // "am drei Oktober" → "am dritten Oktober"; the year in hundreds, not "eintausend neunhundertneunzig".
  ['de', 'Am 3. Oktober 1990 kam es zur Einheit.', "dr'aI", "dr'It@n _|Okt'o:b3 n'OYntse:nh,Und3t"],
  ['de', 'Am 3.10.1990 kam es.', "dr'aI pUNkt ts'e:n", "dr'It@n _|Okt'o:b3"],
  ['de', 'Es gab Obst, z. B. Äpfel bzw. Birnen.', "ts'Et", "tsUm b'aISpi:l"],
  ['fr', 'M. Dupont est venu.', "_!'Em", "m@sj'Y dyp'O~"],
  ['es', 'El 1.º de mayo es fiesta.', "'uno p,unto 'o", "p**im'E**o De m'aJ^o"],
  ['it', 'Il 1° maggio è festa.', "g@-*'a:dI", "p@-*'imo m'adZ:o"],
  ['pt', 'Em 1.º de maio houve festa.', "O*@-din'almaskul'i~nU", "pR,im'eI*U dy m'aI"],
  ['fr', 'Publié le 1 octobre 2025.', "l@- 'W~ Okt'Obr", "pr@mj'er Okt'Obr"],
  ['it', 'Pubblicato il 1 ottobre 2025.', "'uno_|", "p@-*'imo"],
  ['nl', 'Fruit, bijv. appels.', "b'EIf", "b'EIv,O:rbe:lt"],
] as const;

describeWithBinaries('espeak-ng')('spoken forms read back by espeak-ng', () => {
  it.each(CASES)('%s: %s', async (language, written, misread, read) => {
    const spoken = normalizeForSpeech(written, BUILT_IN_LEXICON, language);
    expect(await phonemes(language, written)).toContain(misread);
    const heard = await phonemes(language, spoken);
    expect(heard).toContain(read);
    expect(heard).not.toContain(misread);
  });
});
