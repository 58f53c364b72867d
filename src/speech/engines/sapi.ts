// Windows SAPI through Windows PowerShell's System.Speech. The scripts are constants written into the
// work folder; the text goes in a UTF-8 file whose path is a script parameter, so PowerShell never parses it.
import path from 'node:path';
import type { VoiceInfo } from '../engine.js';
import { toUnicodeSpeech } from './engine-text.js';
import { describeProbeOutput, oneTextCall, type OneTextCall, type ProcessEngineDescription } from './engine-description.js';
import { pickDefaultVoices } from './pick-default-voices.js';

export const SAPI_MAX_CHARS = 2000;

/**
 * SAPI voice names ("Microsoft Zira Desktop"). Never starting with "-": PowerShell's -File binding reads
 * any argument that starts with "-" as a parameter name (PowerShell issue #4225).
 */
export const SAPI_VOICE_PATTERN = /^[\p{L}\p{N}][\p{L}\p{N} ()._'-]*$/u;

/** Synthesizes one text file to a WAV. Speak() takes plain text: SSML would need SpeakSsml(). */
export const SAPI_SPEAK_SCRIPT = `param(
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
`;

/** Lists the enabled voices, one a line: "voice<TAB>name<TAB>culture<TAB>gender<TAB>description", after a "version<TAB>..." line. */
export const SAPI_LIST_VOICES_SCRIPT = `$ErrorActionPreference = 'Stop'
[Console]::OutputEncoding = [Text.Encoding]::UTF8
Add-Type -AssemblyName System.Speech
$synth = New-Object System.Speech.Synthesis.SpeechSynthesizer
try {
  Write-Output ("version\`t" + $PSVersionTable.PSVersion.ToString())
  foreach ($installed in $synth.GetInstalledVoices()) {
    if (-not $installed.Enabled) { continue }
    $info = $installed.VoiceInfo
    Write-Output ("voice\`t" + $info.Name + "\`t" + $info.Culture.Name + "\`t" + $info.Gender + "\`t" + $info.Description)
  }
} finally {
  $synth.Dispose()
}
`;

const POWERSHELL_OPTIONS = ['-NoProfile', '-NonInteractive', '-ExecutionPolicy', 'Bypass'] as const;

/** SAPI's Rate runs -10..10 around the voice's normal speed (~180 wpm); each step is about 3^(1/10) faster. */
export function wpmToSapiRate(rateWpm: number | undefined): number {
  if (rateWpm === undefined || !Number.isFinite(rateWpm) || rateWpm <= 0) return 0;
  const rate = Math.round((10 * Math.log(rateWpm / 180)) / Math.log(3));
  return Math.min(10, Math.max(-10, rate)) || 0;
}

export interface SapiArgs extends OneTextCall {
  scriptPath: string;
}

/** powershell.exe's argv (without the program name). */
export function buildSapiArgs({ scriptPath, textPath, outputWav, voice, rateWpm }: SapiArgs): string[] {
  // Named, never positional: positional negative numbers break -File binding (PowerShell issue #17519).
  return [...POWERSHELL_OPTIONS, '-File', scriptPath, '-TextPath', textPath, '-OutPath', outputWav, '-Voice', voice, '-Rate', String(wpmToSapiRate(rateWpm))];
}

export function buildSapiListVoicesArgs(scriptPath: string): string[] {
  return [...POWERSHELL_OPTIONS, '-File', scriptPath];
}

export interface SapiVoiceList {
  version: string;
  voices: VoiceInfo[];
}

export function parseSapiVoiceList(output: string): SapiVoiceList {
  let version = 'unknown';
  const voices: VoiceInfo[] = [];
  for (const line of output.split(/\r?\n/)) {
    const [kind, ...fields] = line.split('\t');
    if (kind === 'version' && fields[0]) version = `PowerShell ${fields[0].trim()}`;
    if (kind !== 'voice') continue;
    const [name = '', culture = '', gender = '', description = ''] = fields.map((field) => field.trim());
    if (!SAPI_VOICE_PATTERN.test(name) || voices.some((voice) => voice.name === name)) continue;
    voices.push({
      name,
      ...(culture ? { language: culture } : {}),
      ...(gender && gender !== 'NotSet' ? { gender: gender.toLowerCase() } : {}),
      ...(description ? { description } : {}),
    });
  }
  return { version, voices };
}

/** Zira narrates and David hosts (Windows' own US voices); otherwise the first two English voices. */
export function pickSapiDefaults(voices: readonly VoiceInfo[]): { narrator: string; host: string } {
  const english = voices.filter((voice) => /^en\b/i.test(voice.language ?? '')).map((voice) => voice.name);
  const names = english.length > 0 ? english : voices.map((voice) => voice.name);
  return pickDefaultVoices(
    names,
    ['Microsoft Zira Desktop', 'Microsoft Hazel Desktop', 'Microsoft David Desktop'],
    ['Microsoft David Desktop', 'Microsoft Mark Desktop', 'Microsoft George Desktop'],
  );
}

function defaultPowershellPath(): string {
  // Windows PowerShell 5.1: PowerShell 7 (pwsh) has no System.Speech.
  return path.join(process.env.SystemRoot ?? 'C:\\Windows', 'System32', 'WindowsPowerShell', 'v1.0', 'powershell.exe');
}

export const SAPI: ProcessEngineDescription = {
  name: 'sapi',
  installHint:
    'sapi is not available: it needs Windows PowerShell (powershell.exe) with System.Speech, which only Windows has. On this system use --engine auto or --engine flite-wasm.',
  platform: 'win32',
  executable: { name: 'powershell', usualPath: defaultPowershellPath },
  probe: {
    scripts: { 'list-voices.ps1': SAPI_LIST_VOICES_SCRIPT },
    commands: ({ scriptPaths }) => [{ args: buildSapiListVoicesArgs(scriptPaths['list-voices.ps1']!), timeoutMs: 60_000 }],
    parse([list]) {
      const { version, voices } = parseSapiVoiceList(list!.stdout);
      if (voices.length === 0) {
        return {
          problem: `sapi found no enabled voices (${describeProbeOutput(list!, 'no voices')}). Add a voice in Settings > Time & Language > Speech, or choose another --engine.`,
        };
      }
      return { version, voices, defaultVoices: pickSapiDefaults(voices) };
    },
  },
  maxChars: SAPI_MAX_CHARS,
  voicePattern: SAPI_VOICE_PATTERN,
  speech: toUnicodeSpeech,
  scripts: { 'sapi-speak.ps1': SAPI_SPEAK_SCRIPT },
  args: (call) => buildSapiArgs({ ...oneTextCall(call), scriptPath: call.scriptPaths['sapi-speak.ps1']! }),
};
