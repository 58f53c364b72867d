// Exact argv and parsing for every adapter, including say and sapi, which only run on macOS and Windows.
import { describe, expect, it } from 'vitest';
import { EngineError } from '../../src/errors.js';
import { buildEspeakArgs, parseEspeakVariantList, parseEspeakVersion, parseEspeakVoiceList, pickEspeakDefaults } from '../../src/speech/engines/espeak-ng.js';
import { buildFestivalArgs, buildFestivalEval, parseFestivalVersion, parseFestivalVoiceList, pickFestivalDefaults } from '../../src/speech/engines/festival.js';
import { buildFliteArgs, parseFliteVersion, parseFliteVoiceList, pickFliteDefaults } from '../../src/speech/engines/flite.js';
import {
  SAPI_LIST_VOICES_SCRIPT,
  SAPI_SPEAK_SCRIPT,
  buildSapiArgs,
  buildSapiListVoicesArgs,
  parseSapiVoiceList,
  pickSapiDefaults,
  wpmToSapiRate,
} from '../../src/speech/engines/sapi.js';
import { SAY_VOICE_PATTERN, buildSayArgs, parseSayVoiceList, pickSayDefaults } from '../../src/speech/engines/say.js';

describe('flite', () => {
  it('builds argv with the text as a file, never as an argument', () => {
    expect(buildFliteArgs({ voice: 'slt', textPath: '/w/t.txt', outputWav: '/w/o.wav' })).toEqual(['-voice', 'slt', '-f', '/w/t.txt', '-o', '/w/o.wav']);
  });

  it("sets the speed with duration_stretch relative to the voice's own rate", () => {
    expect(buildFliteArgs({ voice: 'slt', textPath: '/w/t.txt', outputWav: '/w/o.wav', rateWpm: 200 })).toEqual([
      '-voice',
      'slt',
      '--setf',
      'duration_stretch=0.850',
      '-f',
      '/w/t.txt',
      '-o',
      '/w/o.wav',
    ]);
    expect(buildFliteArgs({ voice: 'rms', textPath: '/t', outputWav: '/o', rateWpm: 1 })).toContain('duration_stretch=4.000');
  });

  it('parses flite -lv without awb_time, and the version', () => {
    expect(parseFliteVoiceList('Voices available: kal awb_time kal16 awb rms slt \n')).toEqual(['kal', 'kal16', 'awb', 'rms', 'slt']);
    expect(
      parseFliteVersion(
        '  Carnegie Mellon University, Copyright (c) 1999-2016, all rights reserved\n  version: flite-2.2-current Sep 2018 (http://cmuflite.org)\n',
      ),
    ).toBe('2.2-current');
  });

  it('defaults to slt narrating and rms hosting', () => {
    expect(pickFliteDefaults(['kal', 'kal16', 'awb', 'rms', 'slt'])).toEqual({ narrator: 'slt', host: 'rms' });
    expect(pickFliteDefaults(['kal', 'awb'])).toEqual({ narrator: 'awb', host: 'kal' });
  });
});

const ESPEAK_VOICES = ` Pty Language       Age/Gender VoiceName          File                 Other Languages
 2  en-gb           --/M      English_(Great_Britain) gmw/en               (en 2)
 3  en-uk           --/M      english-mb-en1     mb/mb-en1            (en-gb 3)(en 2)
 2  en-us           --/M      English_(America)  gmw/en-US            (en 3)
 5  en-us           --/F      us-mbrola-1        mb/mb-us1            (en 8)
 5  en-gb-x-rp      --/M      English_(Received_Pronunciation) gmw/en-GB-x-rp       (en-gb 4)(en 5)
 5  de              --/M      German             gmw/de
 5  variant         --/M      Storm              !v/Storm             (en-us 5)
`;

const ESPEAK_VARIANTS = `Pty Language       Age/Gender VoiceName          File                 Other Languages
 5  variant         --/M      Alex               !v/Alex
 5  variant         --/M      Half-LifeAnnouncementSystem !v/announcer
 5  variant         --/M      Mr_Serious         !v/Mr serious
 5  variant         25/M      Diogo              !v/Diogo
 5  variant         --/F      female3            !v/f3
 5  variant         --/M      Storm              !v/Storm             (en-us 5)
`;

describe('espeak-ng', () => {
  it('builds argv with -b 1 (UTF-8) and the text as a file', () => {
    expect(buildEspeakArgs({ voice: 'en-us', textPath: '/w/t.txt', outputWav: '/w/o.wav' })).toEqual([
      '-v',
      'en-us',
      '-b',
      '1',
      '-f',
      '/w/t.txt',
      '-w',
      '/w/o.wav',
    ]);
    expect(buildEspeakArgs({ voice: 'en-gb+f3', textPath: '/t', outputWav: '/o', rateWpm: 190.4 })).toEqual([
      '-v',
      'en-gb+f3',
      '-s',
      '190',
      '-b',
      '1',
      '-f',
      '/t',
      '-w',
      '/o',
    ]);
    expect(buildEspeakArgs({ voice: 'en', textPath: '/t', outputWav: '/o', rateWpm: 20 })).toContain('80');
  });

  it('lists one voice per language, without MBROLA voices or variants', () => {
    expect(parseEspeakVoiceList(ESPEAK_VOICES)).toEqual([
      { name: 'en-gb', language: 'en-gb', gender: 'male', description: 'English (Great Britain)' },
      { name: 'en-us', language: 'en-us', gender: 'male', description: 'English (America)' },
      { name: 'en-gb-x-rp', language: 'en-gb-x-rp', gender: 'male', description: 'English (Received Pronunciation)' },
      { name: 'de', language: 'de', gender: 'male', description: 'German' },
    ]);
  });

  it('lists variants by the file name -v wants, skipping names with spaces', () => {
    expect(parseEspeakVariantList(ESPEAK_VARIANTS)).toEqual(['Alex', 'announcer', 'Diogo', 'f3', 'Storm']);
  });

  it('parses the version and picks en-us narrating, en-gb+f3 hosting', () => {
    expect(parseEspeakVersion('eSpeak NG text-to-speech: 1.51  Data at: /usr/lib/x86_64-linux-gnu/espeak-ng-data\n')).toBe('1.51');
    expect(pickEspeakDefaults(['en-gb', 'en-us', 'de'], ['Alex', 'f3'])).toEqual({ narrator: 'en-us', host: 'en-gb+f3' });
    expect(pickEspeakDefaults(['en-gb', 'en-us'], [])).toEqual({ narrator: 'en-us', host: 'en-gb' });
  });
});

describe('festival', () => {
  it('builds text2wave argv: an explicit text mode, Scheme built only from the voice name', () => {
    expect(buildFestivalArgs({ voice: 'kal_diphone', textPath: '/w/t.txt', outputWav: '/w/o.wav' })).toEqual([
      '-mode',
      'fundamental',
      '-o',
      '/w/o.wav',
      '-eval',
      '(voice_kal_diphone)',
      '/w/t.txt',
    ]);
  });

  it('sets the speed for diphone voices (Duration_Stretch) and HTS voices (hts_engine -r) from numbers it computes', () => {
    expect(buildFestivalEval('cmu_us_slt_arctic_hts', 195)).toBe(
      `(begin (voice_cmu_us_slt_arctic_hts) (Parameter.set 'Duration_Stretch 0.800) (set! hts_engine_params (append hts_engine_params (list (list "-r" 1.250)))))`,
    );
  });

  it('refuses a voice name that is not a plain Scheme symbol', () => {
    expect(() => buildFestivalEval('kal_diphone) (system "id"')).toThrow(EngineError);
    expect(() => buildFestivalEval('Kal')).toThrow(EngineError);
  });

  it('parses (voice.list) and the version, and picks slt narrating, kal hosting', () => {
    expect(parseFestivalVoiceList('(cmu_us_slt_arctic_hts kal_diphone)\n')).toEqual(['cmu_us_slt_arctic_hts', 'kal_diphone']);
    expect(parseFestivalVersion('festival: Festival Speech Synthesis System: 2.5.0:release December 2017\n')).toBe('2.5.0');
    expect(pickFestivalDefaults(['kal_diphone', 'cmu_us_slt_arctic_hts'])).toEqual({ narrator: 'cmu_us_slt_arctic_hts', host: 'kal_diphone' });
  });
});

const SAY_VOICES = `Albert              en_US    # Hello! My name is Albert.
Alice               it_IT    # Ciao! Mi chiamo Alice.
Daniel              en_GB    # Hello! My name is Daniel.
Eddy (English (UK)) en_GB    # Hello! My name is Eddy.
Eddy (English (US)) en_US    # Hello! My name is Eddy.
Samantha            en_US    # Hello! My name is Samantha.
Ting-Ting           zh_CN    # 你好！我叫婷婷。
`;

describe('say (macOS)', () => {
  it('builds the exact argv, text as a file', () => {
    expect(buildSayArgs({ voice: 'Eddy (English (UK))', textPath: '/w/t.txt', outputWav: '/w/o.wav', rateWpm: 180 })).toEqual([
      '-v',
      'Eddy (English (UK))',
      '-r',
      '180',
      '-f',
      '/w/t.txt',
      '-o',
      '/w/o.wav',
      '--file-format=WAVE',
      '--data-format=LEI16@22050',
    ]);
    expect(buildSayArgs({ voice: 'Samantha', textPath: '/t', outputWav: '/o' })).toEqual([
      '-v',
      'Samantha',
      '-f',
      '/t',
      '-o',
      '/o',
      '--file-format=WAVE',
      '--data-format=LEI16@22050',
    ]);
  });

  it('parses say -v ?, including names with spaces and parentheses', () => {
    const voices = parseSayVoiceList(SAY_VOICES);
    expect(voices.map((voice) => voice.name)).toEqual(['Albert', 'Alice', 'Daniel', 'Eddy (English (UK))', 'Eddy (English (US))', 'Samantha', 'Ting-Ting']);
    expect(voices[3]).toEqual({ name: 'Eddy (English (UK))', language: 'en-GB', description: 'Hello! My name is Eddy.' });
    expect(voices[6]?.language).toBe('zh-CN');
  });

  it('defaults to Samantha and Daniel, else the first two English voices', () => {
    expect(pickSayDefaults(parseSayVoiceList(SAY_VOICES))).toEqual({ narrator: 'Samantha', host: 'Daniel' });
    expect(pickSayDefaults(parseSayVoiceList('Alice it_IT # Ciao\nFred en_US # Hi\nKaren en_AU # Hi\n'))).toEqual({ narrator: 'Fred', host: 'Karen' });
  });

  it('accepts no voice name that starts with "-"', () => {
    expect(SAY_VOICE_PATTERN.test('-o')).toBe(false);
    expect(SAY_VOICE_PATTERN.test('Eddy (English (UK))')).toBe(true);
  });
});

describe('sapi (Windows)', () => {
  it('builds the exact PowerShell argv, with the text only in the file', () => {
    const args = buildSapiArgs({
      scriptPath: 'C:\\w\\speak.ps1',
      textPath: 'C:\\w\\t.txt',
      outputWav: 'C:\\w\\o.wav',
      voice: 'Microsoft Zira Desktop',
      rateWpm: 120,
    });
    expect(args).toEqual([
      '-NoProfile',
      '-NonInteractive',
      '-ExecutionPolicy',
      'Bypass',
      '-File',
      'C:\\w\\speak.ps1',
      '-TextPath',
      'C:\\w\\t.txt',
      '-OutPath',
      'C:\\w\\o.wav',
      '-Voice',
      'Microsoft Zira Desktop',
      '-Rate',
      '-4',
    ]);
    expect(buildSapiListVoicesArgs('C:\\w\\list.ps1')).toEqual(['-NoProfile', '-NonInteractive', '-ExecutionPolicy', 'Bypass', '-File', 'C:\\w\\list.ps1']);
  });

  it('maps words per minute to Rate -10..10, 180 wpm being 0', () => {
    expect([undefined, 180, 120, 240, 540, 60, 20, 2000].map(wpmToSapiRate)).toEqual([0, 0, -4, 3, 10, -10, -10, 10]);
  });

  it('speaks the file as plain text with the chosen voice', () => {
    expect(SAPI_SPEAK_SCRIPT).toBe(`param(
  [Parameter(Mandatory = $true)][string]$TextPath,
  [Parameter(Mandatory = $true)][string]$OutPath,
  [Parameter(Mandatory = $true)][string]$Voice,
  [int]$Rate = 0
)
$ErrorActionPreference = 'Stop'
Add-Type -AssemblyName System.Speech
$synth = New-Object System.Speech.Synthesis.SpeechSynthesizer
try {
  $synth.SelectVoice($Voice)
  $synth.Rate = [Math]::Max(-10, [Math]::Min(10, $Rate))
  $synth.SetOutputToWaveFile($OutPath)
  $synth.Speak([IO.File]::ReadAllText($TextPath, [Text.Encoding]::UTF8))
} finally {
  $synth.Dispose()
}
`);
    expect(SAPI_SPEAK_SCRIPT).not.toMatch(/SpeakSsml|Invoke-Expression|iex /);
  });

  it('lists voices with tab-separated fields', () => {
    expect(SAPI_LIST_VOICES_SCRIPT).toContain('GetInstalledVoices()');
    expect(SAPI_LIST_VOICES_SCRIPT).toContain('("voice`t" + $info.Name + "`t" + $info.Culture.Name');
    const parsed = parseSapiVoiceList(
      'version\t5.1.22621.4391\r\nvoice\tMicrosoft David Desktop\ten-US\tMale\tMicrosoft David Desktop - English (United States)\r\nvoice\tMicrosoft Zira Desktop\ten-US\tFemale\tMicrosoft Zira Desktop - English (United States)\r\nvoice\tMicrosoft Hedda Desktop\tde-DE\tFemale\tMicrosoft Hedda Desktop - German\r\n',
    );
    expect(parsed.version).toBe('PowerShell 5.1.22621.4391');
    expect(parsed.voices[0]).toEqual({
      name: 'Microsoft David Desktop',
      language: 'en-US',
      gender: 'male',
      description: 'Microsoft David Desktop - English (United States)',
    });
    expect(pickSapiDefaults(parsed.voices)).toEqual({ narrator: 'Microsoft Zira Desktop', host: 'Microsoft David Desktop' });
  });
});
