// Which engine and voices read an article in its language: say, SAPI and festival voice lists as those tools print
// them (recorded fixtures), espeak-ng's real list, and the refusals when no voice speaks the language.
import { beforeAll, describe, expect, it } from 'vitest';
import { LanguageError } from '../../src/errors.js';
import type { EngineInfo } from '../../src/speech/engine.js';
import { FESTIVAL } from '../../src/speech/engines/festival.js';
import { parseSapiVoiceList, pickSapiDefaults } from '../../src/speech/engines/sapi.js';
import { parseSayVoiceList, pickSayDefaults } from '../../src/speech/engines/say.js';
import { castForLanguage, createEngine, voicesOfLanguage } from '../../src/speech/select-engine.js';
import { describeWithBinaries } from '../helpers/require-binary.js';
import type { ToolResult } from '../../src/run-tool.js';

// `say -v '?'` on macOS 14 (abridged): names with spaces and parentheses, locales with "_" and "-".
const SAY_VOICES = `Albert              en_US    # Hello! My name is Albert.
Amélie              fr_CA    # Bonjour, je m’appelle Amélie.
Anna                de_DE    # Hallo! Ich heiße Anna.
Daniel              en_GB    # Hello! My name is Daniel.
Eddy (French (France)) fr_FR    # Bonjour, je m’appelle Eddy.
Flo (French (France)) fr_FR    # Bonjour, je m’appelle Flo.
Mónica              es_ES    # ¡Hola! Me llamo Mónica.
Samantha            en_US    # Hello! My name is Samantha.
Thomas              fr_FR    # Bonjour, je m’appelle Thomas.
`;

// briefcast's SAPI listing script on Windows 11 with the French and German language packs.
const SAPI_VOICES = [
  'version\t5.1.22621.2506',
  'voice\tMicrosoft David Desktop\ten-US\tMale\tMicrosoft David Desktop - English (United States)',
  'voice\tMicrosoft Zira Desktop\ten-US\tFemale\tMicrosoft Zira Desktop - English (United States)',
  'voice\tMicrosoft Hortense Desktop\tfr-FR\tFemale\tMicrosoft Hortense Desktop - French',
  'voice\tMicrosoft Hedda Desktop\tde-DE\tFemale\tMicrosoft Hedda Desktop - German',
].join('\r\n');

const result = (stdout: string): ToolResult => ({ stdout, stderr: '', exitCode: 0 }) as unknown as ToolResult;

function sayInfo(): EngineInfo {
  const voices = parseSayVoiceList(SAY_VOICES);
  return { name: 'say', path: '/usr/bin/say', version: 'macOS 14', voices, defaultVoices: pickSayDefaults(voices) };
}

describe('voices by language', () => {
  it("say: each voice's locale from `say -v '?'`, French read by French voices, host distinct", () => {
    const info = sayInfo();
    expect(voicesOfLanguage(info, 'fr').map((voice) => voice.name)).toEqual(['Amélie', 'Eddy (French (France))', 'Flo (French (France))', 'Thomas']);
    // English keeps its defaults; French gets France's own voice first, and another French voice as host.
    expect(castForLanguage(info, 'en')).toEqual({ narrator: 'Samantha', host: 'Daniel' });
    expect(castForLanguage(info, 'fr')).toEqual({ narrator: 'Eddy (French (France))', host: 'Amélie' });
    // One voice of the language: it reads both roles.
    expect(castForLanguage(info, 'es')).toEqual({ narrator: 'Mónica', host: 'Mónica' });
    expect(() => castForLanguage(info, 'it')).toThrow(LanguageError);
    expect(() => castForLanguage(info, 'fr', 'Samantha')).toThrow(/"Samantha" \(--voice\) does not speak French \(fr\)/);
    expect(castForLanguage(info, 'fr', 'Thomas')).toEqual({ narrator: 'Thomas', host: 'Amélie' });
  });

  it("SAPI: each voice's culture", () => {
    const { version, voices } = parseSapiVoiceList(SAPI_VOICES);
    const info: EngineInfo = { name: 'sapi', path: 'powershell.exe', version, voices, defaultVoices: pickSapiDefaults(voices) };
    expect(voices.map((voice) => voice.language)).toEqual(['en-US', 'en-US', 'fr-FR', 'de-DE']);
    expect(castForLanguage(info, 'en')).toEqual({ narrator: 'Microsoft Zira Desktop', host: 'Microsoft David Desktop' });
    expect(castForLanguage(info, 'de')).toEqual({ narrator: 'Microsoft Hedda Desktop', host: 'Microsoft Hedda Desktop' });
    expect(() => castForLanguage(info, 'es')).toThrow(/sapi has no Spanish \(es\) voice/);
  });

  it("festival: each listed voice's language from briefcast's table", () => {
    const parsed = FESTIVAL.probe.parse(
      [result('festival: Festival Speech Synthesis System: 2.5.0:release December 2017'), result('(kal_diphone el_diphone pc_diphone lp_diphone)')],
      { executable: '/usr/bin/text2wave', companion: '/usr/bin/festival', scriptPaths: {} },
    );
    if ('problem' in parsed) throw new Error(parsed.problem);
    const info: EngineInfo = { name: 'festival', path: '/usr/bin/text2wave', ...parsed };
    expect(info.voices.map((voice) => [voice.name, voice.language])).toEqual([
      ['kal_diphone', 'en-US'],
      ['el_diphone', 'es-ES'],
      ['pc_diphone', 'it-IT'],
      ['lp_diphone', 'it-IT'],
    ]);
    expect(castForLanguage(info, 'it')).toEqual({ narrator: 'pc_diphone', host: 'lp_diphone' });
    expect(castForLanguage(info, 'es')).toEqual({ narrator: 'el_diphone', host: 'el_diphone' });
  });
});

describeWithBinaries('espeak-ng')("espeak-ng's own voice list", () => {
  let info: EngineInfo;
  beforeAll(async () => {
    const probed = await createEngine('espeak-ng').probe();
    if (!probed) throw new Error('espeak-ng is not installed');
    info = probed;
  });

  it.each([
    ['en', 'en-us', 'en-gb+f3'],
    ['fr', 'fr-fr', 'fr-fr+f3'],
    ['de', 'de', 'de+f3'],
    ['es', 'es', 'es+f3'],
    ['it', 'it', 'it+f3'],
    ['pt', 'pt', 'pt+f3'],
    ['nl', 'nl', 'nl+f3'],
  ])('reads %s with a narrator of the language and a distinct host (a variant)', (language, narrator, host) => {
    expect(castForLanguage(info, language)).toEqual({ narrator, host });
  });

  it('keeps a requested voice of the language, and refuses one of another', () => {
    expect(castForLanguage(info, 'fr', 'fr-be')).toEqual({ narrator: 'fr-be', host: 'fr-fr+f3' });
    expect(() => castForLanguage(info, 'fr', 'en-us')).toThrow(LanguageError);
  });
});
