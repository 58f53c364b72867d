// Windows SAPI through Windows PowerShell's System.Speech. The scripts are constants written into the
// work folder; the text goes in a UTF-8 file whose path is a script parameter, so PowerShell never parses it.
import { randomBytes } from 'node:crypto';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { EngineError } from '../../errors.js';
import { runTool, stderrTail } from '../../run-tool.js';
import type { EngineInfo, SpeechEngine, SynthesisRequest, VoiceInfo } from '../engine.js';
import { hasSpeakableText, toUnicodeSpeech, writeTextFile } from './engine-text.js';
import { findExecutable } from '../../find-executable.js';
import { describeMissingEngine } from './install-hints.js';
import { pickDefaultVoices } from './pick-default-voices.js';
import { assertSpeakable, assertVoiceArgument, runEngine } from './run-engine.js';

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

export interface SapiArgs {
  scriptPath: string;
  textPath: string;
  outputWav: string;
  voice: string;
  rateWpm?: number;
}

/** powershell.exe's argv (without the program name). */
export function buildSapiArgs({ scriptPath, textPath, outputWav, voice, rateWpm }: SapiArgs): string[] {
  // Named, never positional: positional negative numbers break -File binding (PowerShell issue #17519).
  return [
    ...POWERSHELL_OPTIONS,
    '-File',
    scriptPath,
    '-TextPath',
    textPath,
    '-OutPath',
    outputWav,
    '-Voice',
    voice,
    '-Rate',
    String(wpmToSapiRate(rateWpm)),
  ];
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

export function createSapiEngine(options: { executablePath?: string } = {}): SpeechEngine {
  const locate = () => findExecutable('powershell', options.executablePath ?? defaultPowershellPath()) ?? (options.executablePath ? undefined : findExecutable('powershell'));
  return {
    name: 'sapi',
    maxChars: SAPI_MAX_CHARS,

    async probe(): Promise<EngineInfo | null> {
      if (process.platform !== 'win32') return null;
      const executable = locate();
      if (!executable) return null;
      const dir = await mkdtemp(path.join(os.tmpdir(), 'briefcast-sapi-'));
      try {
        const scriptPath = path.join(dir, 'list-voices.ps1');
        await writeFile(scriptPath, SAPI_LIST_VOICES_SCRIPT, 'utf8');
        const result = await runTool(executable, buildSapiListVoicesArgs(scriptPath), { timeoutMs: 60_000 });
        const { version, voices } = parseSapiVoiceList(result.stdout);
        if (voices.length === 0) {
          const tail = stderrTail(result.stderr) || result.failure || 'no voices';
          throw new EngineError(`sapi found no enabled voices (${tail}). Add a voice in Settings > Time & Language > Speech, or choose another --engine.`);
        }
        return { name: 'sapi', path: executable, version, voices, defaultVoices: pickSapiDefaults(voices) };
      } finally {
        await rm(dir, { recursive: true, force: true });
      }
    },

    async synthesize(request: SynthesisRequest): Promise<void> {
      assertVoiceArgument('sapi', request.voice, SAPI_VOICE_PATTERN);
      const text = toUnicodeSpeech(request.text);
      assertSpeakable('sapi', request, text, hasSpeakableText(text));
      const executable = locate() ?? options.executablePath ?? 'powershell.exe';
      // A file per request: requests running in parallel may share a workDir.
      const scriptPath = path.resolve(request.workDir, `sapi-speak-${randomBytes(6).toString('hex')}.ps1`);
      await writeFile(scriptPath, SAPI_SPEAK_SCRIPT, 'utf8');
      const textFile = await writeTextFile(request.workDir, 'sapi', text);
      try {
        await runEngine({
          engine: 'sapi',
          executable,
          args: buildSapiArgs({ scriptPath, textPath: textFile.path, outputWav: path.resolve(request.outputWav), voice: request.voice, rateWpm: request.rateWpm }),
          request,
          missingHint: describeMissingEngine('sapi'),
        });
      } finally {
        await Promise.all([textFile.remove(), rm(scriptPath, { force: true })]);
      }
    },
  };
}
