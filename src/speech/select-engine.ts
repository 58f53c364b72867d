// Picks the speech engine for a run (--engine, with `auto` trying AUTO_ENGINE_ORDER) and its voices
// (--voice, --host-voice), and lists what is installed for `briefcast voices`.
import { EngineError, LanguageError } from '../errors.js';
import { AUTO_ENGINE_ORDER, ENGINES, type EngineInfo, type EngineName, type SpeechEngine, type VoiceInfo } from './engine.js';
import type { EngineDescription, ProcessEngineDescription } from './engines/engine-description.js';
import { ESPEAK_NG } from './engines/espeak-ng.js';
import { FESTIVAL } from './engines/festival.js';
import { FLITE_WASM, createFliteWasmEngine } from './engines/flite-wasm.js';
import { FLITE } from './engines/flite.js';
import { createProcessEngine } from './engines/process-engine.js';
import { pickLanguageNarrator, voiceLanguage } from './engines/pick-default-voices.js';
import { PIPER } from './engines/piper.js';
import { SAPI } from './engines/sapi.js';
import { SAY } from './engines/say.js';

export interface CreateEngineOptions {
  /** The engine's executable (text2wave for festival, powershell.exe for sapi, the .wasm module for flite-wasm) instead of the one found on PATH. */
  executablePath?: string;
  /** Where an engine's own variables are read (PIPER_PATH, BRIEFCAST_PIPER_VOICES): the process's by default. */
  env?: NodeJS.ProcessEnv;
}

interface EngineKind {
  description: Pick<EngineDescription<unknown>, 'installHint' | 'naturalVoices'>;
  create(options: CreateEngineOptions): SpeechEngine;
}

const processEngine = <Setup>(description: ProcessEngineDescription<Setup>): EngineKind => ({
  description,
  create: (options) => createProcessEngine(description, options),
});

/** Every engine: a description run by the process runner, except flite-wasm, which has a runner of its own. */
const ENGINE_KINDS: Readonly<Record<EngineName, EngineKind>> = {
  piper: processEngine(PIPER),
  say: processEngine(SAY),
  sapi: processEngine(SAPI),
  flite: processEngine(FLITE),
  festival: processEngine(FESTIVAL),
  'espeak-ng': processEngine(ESPEAK_NG),
  'flite-wasm': { description: FLITE_WASM, create: createFliteWasmEngine },
};

function kindOf(name: EngineName): EngineKind {
  const kind = (ENGINE_KINDS as Partial<Record<string, EngineKind>>)[name];
  if (!kind) throw new EngineError(`Unknown engine "${String(name)}". Choose one of: auto, ${ENGINES.join(', ')}.`);
  return kind;
}

export function createEngine(name: EngineName, options: CreateEngineOptions = {}): SpeechEngine {
  return kindOf(name).create(options);
}

/** One line that tells a user how to get an engine, wherever it turns out to be missing. */
export function describeMissingEngine(name: EngineName): string {
  return kindOf(name).description.installHint;
}

export interface SelectedEngine {
  engine: SpeechEngine;
  info: EngineInfo;
}

/** "French (fr)": how a message names a language. */
export function describeLanguage(language: string): string {
  let name: string | undefined;
  try {
    name = new Intl.DisplayNames(['en'], { type: 'language' }).of(language);
  } catch {
    name = undefined;
  }
  return name && name !== language ? `${name} (${language})` : `"${language}"`;
}

/** What to install for a language no engine here speaks, as the end of a sentence: "install espeak-ng (…), which …". */
function describeLanguageInstall(language: string): string {
  return `install espeak-ng (\`sudo apt-get install espeak-ng\` on Debian/Ubuntu, \`brew install espeak-ng\` on macOS), which speaks ${describeLanguage(language)} and about 100 other languages, or add a ${describeLanguage(language)} voice to your system's speech settings`;
}

/** The engine's voices that speak `language` (a primary subtag), in the engine's order. */
export function voicesOfLanguage(info: EngineInfo, language: string): VoiceInfo[] {
  return info.voices.filter((voice) => voiceLanguage(voice.language) === language);
}

/** True when the engine can read `language` with a host distinct from the narrator (a second voice or a variant). */
function castsTwoVoices(info: EngineInfo, language: string): boolean {
  return voicesOfLanguage(info, language).length > 1 || (info.variants?.length ?? 0) > 0;
}

/**
 * The requested engine, or with 'auto' the first installed one in AUTO_ENGINE_ORDER that speaks every one of
 * `languages` (preferring one that gives the host a voice distinct from the narrator's). Throws EngineError saying
 * how to install a missing engine, and LanguageError, before any synthesis, when the engine lacks a language.
 */
export async function selectEngine(requested: EngineName | 'auto', languages: readonly string[] = ['en']): Promise<SelectedEngine> {
  const lacking = (info: EngineInfo) => languages.filter((language) => voicesOfLanguage(info, language).length === 0);
  if (requested !== 'auto') {
    const engine = createEngine(requested);
    const info = await engine.probe();
    if (!info) throw new EngineError(describeMissingEngine(requested));
    const missing = lacking(info)[0];
    if (missing !== undefined) {
      throw new LanguageError(
        `${requested} has no ${describeLanguage(missing)} voice, so it cannot read this article. Use --engine auto, or ${describeLanguageInstall(missing)}.`,
      );
    }
    return { engine, info };
  }
  const problems: string[] = [];
  let speaksWithOneVoice: SelectedEngine | undefined;
  let installed = 0;
  for (const name of AUTO_ENGINE_ORDER) {
    const engine = createEngine(name);
    try {
      const info = await engine.probe();
      if (!info) continue;
      installed++;
      if (lacking(info).length > 0) continue;
      // A natural voice is worth more than a distinct host: such an engine is taken even with one voice for the language.
      if (kindOf(name).description.naturalVoices || languages.every((language) => castsTwoVoices(info, language))) return { engine, info };
      speaksWithOneVoice ??= { engine, info };
    } catch (error) {
      // An installed but broken engine should not stop auto from finding a working one.
      problems.push(error instanceof Error ? error.message : String(error));
    }
  }
  if (speaksWithOneVoice) return speaksWithOneVoice;
  const detail = problems.length > 0 ? ` (${problems.join(' ')})` : '';
  if (installed === 0) {
    throw new EngineError(`No speech engine found${detail}. Install one, e.g. \`sudo apt-get install flite\`, or reinstall briefcast to restore flite-wasm.`);
  }
  throw new LanguageError(
    `No speech engine here speaks ${languages.map(describeLanguage).join(' and ')}${detail}. To read it, ${describeLanguageInstall(languages[0] ?? 'en')}.`,
  );
}

/** An engine that is installed but cannot read yet (piper without a voice), and what to do about it. */
export interface UnusableEngine {
  name: EngineName;
  problem: string;
}

/** Every engine installed here, in AUTO_ENGINE_ORDER, with path, version and voices; the installed ones that cannot be used, with why. */
export async function listEngines(): Promise<{ engines: EngineInfo[]; unusable: UnusableEngine[] }> {
  const probes = await Promise.all(
    AUTO_ENGINE_ORDER.map((name) =>
      createEngine(name)
        .probe()
        .then(
          (info) => ({ info }),
          (error: unknown) => ({ name, problem: error instanceof Error ? error.message : String(error) }),
        ),
    ),
  );
  return {
    engines: probes.flatMap((probe) => ('info' in probe && probe.info ? [probe.info] : [])),
    unusable: probes.flatMap((probe) => ('problem' in probe ? [{ name: probe.name, problem: probe.problem }] : [])),
  };
}

/** Finds a voice by name, case-insensitively, and returns the engine's own spelling; with variants, "voice+variant". */
function findVoice(info: EngineInfo, requested: string): string | undefined {
  const match = (names: readonly string[], wanted: string) =>
    names.find((name) => name === wanted) ?? names.find((name) => name.toLowerCase() === wanted.toLowerCase());
  const names = info.voices.map((voice) => voice.name);
  const whole = match(names, requested);
  if (whole !== undefined) return whole;
  // A speaker of a multi-speaker voice (piper): "<voice>#<speaker>".
  const hash = requested.indexOf('#');
  if (hash > 0) {
    const voice = info.voices.find((candidate) => candidate.name === match(names, requested.slice(0, hash)));
    const speaker = voice?.speakers ? match(voice.speakers, requested.slice(hash + 1)) : undefined;
    return voice && speaker !== undefined ? `${voice.name}#${speaker}` : undefined;
  }
  const plus = requested.indexOf('+');
  if (plus <= 0 || !info.variants) return undefined;
  const base = match(names, requested.slice(0, plus));
  const variant = match(info.variants, requested.slice(plus + 1));
  return base !== undefined && variant !== undefined ? `${base}+${variant}` : undefined;
}

function describeUnknownVoice(info: EngineInfo, requested: string, flag: string): string {
  const examples = info.voices.slice(0, 6).map((voice) => voice.name);
  const more = info.voices.length > examples.length ? `, … (${info.voices.length} in all)` : '';
  const variants =
    info.variants && info.variants.length > 0
      ? ` Variants can be added as <voice>+<variant>, e.g. ${info.defaultVoices.narrator.split('+')[0]}+${info.variants[0]}.`
      : '';
  return `${info.name} has no voice "${requested}" (${flag}). Valid voices include ${examples.join(', ')}${more}.${variants} Run \`briefcast voices\` to list them all.`;
}

/**
 * The narrator and host voices for a run: validated against info.voices (EngineError for an unknown name),
 * spelled as the engine lists them. A role left to its default never gets the voice the other role uses.
 */
export function resolveVoices(info: EngineInfo, narrator?: string, host?: string): { narrator: string; host: string } {
  const resolve = (requested: string | undefined, flag: string) => {
    if (requested === undefined || requested.trim() === '') return undefined;
    const found = findVoice(info, requested.trim());
    if (found === undefined) throw new EngineError(describeUnknownVoice(info, requested.trim(), flag));
    return found;
  };
  const chosenNarrator = resolve(narrator, '--voice');
  const chosenHost = resolve(host, '--host-voice');
  const defaults = info.defaultVoices;
  // Both given: the user's choice stands, even the same voice twice.
  if (chosenNarrator !== undefined && chosenHost !== undefined) return { narrator: chosenNarrator, host: chosenHost };
  if (chosenNarrator !== undefined) return { narrator: chosenNarrator, host: pickOther(info, [defaults.host, defaults.narrator], chosenNarrator) };
  if (chosenHost !== undefined) return { narrator: pickOther(info, [defaults.narrator, defaults.host], chosenHost), host: chosenHost };
  return { narrator: defaults.narrator, host: pickOther(info, [defaults.host], defaults.narrator) };
}

/**
 * The narrator and host that read `language` with this engine. Voices asked for must speak it (LanguageError
 * otherwise: an article is never read in another language's voice). When the engine's own defaults speak it,
 * they are used as resolveVoices picks them (so English reads exactly as it always has); otherwise the narrator
 * is the language's main voice and the host that voice with a variant (espeak-ng's "fr-fr+f3"), else another
 * voice of the language, else the narrator's own.
 */
export function castForLanguage(info: EngineInfo, language: string, narrator?: string, host?: string): { narrator: string; host: string } {
  const speaking = voicesOfLanguage(info, language);
  if (speaking.length === 0) {
    throw new LanguageError(
      `${info.name} has no ${describeLanguage(language)} voice, so it cannot read this article. Use --engine auto, or ${describeLanguageInstall(language)}.`,
    );
  }
  // A variant (espeak-ng's "+f3") or a speaker (piper's "#alba") speaks its voice's language.
  const speaks = (voice: string) => speaking.some((candidate) => candidate.name.toLowerCase() === voice.split(/[+#]/)[0]!.toLowerCase());
  const refuse = (voice: string, flag: string) =>
    new LanguageError(
      `The voice "${voice}" (${flag}) does not speak ${describeLanguage(language)}, the article's language. Choose one of ${speaking
        .slice(0, 6)
        .map((candidate) => candidate.name)
        .join(', ')}, or leave ${flag} out.`,
    );
  // Names are checked against every voice first, so that an unknown name gets the usual message.
  const asked = resolveVoices(info, narrator, host);
  if (narrator?.trim() && !speaks(asked.narrator)) throw refuse(asked.narrator, '--voice');
  if (host?.trim() && !speaks(asked.host)) throw refuse(asked.host, '--host-voice');
  const defaultsSpeak = speaks(info.defaultVoices.narrator) && speaks(info.defaultVoices.host);
  const resolved = defaultsSpeak
    ? asked
    : resolveVoices({ ...info, voices: speaking, defaultVoices: languageDefaults(info, speaking, language) }, narrator, host);
  if (!speaks(resolved.narrator)) throw refuse(resolved.narrator, '--voice');
  if (!speaks(resolved.host)) throw refuse(resolved.host, '--host-voice');
  return resolved;
}

/** Default voices for a language the engine's own defaults do not speak. */
function languageDefaults(info: EngineInfo, speaking: readonly VoiceInfo[], language: string): { narrator: string; host: string } {
  const narrator = pickLanguageNarrator(speaking, language)!;
  const variant = info.variants?.find((name) => name === 'f3') ?? info.variants?.find((name) => /^f\d$/.test(name));
  if (variant !== undefined) return { narrator, host: `${narrator}+${variant}` };
  return { narrator, host: speaking.find((voice) => voice.name !== narrator)?.name ?? narrator };
}

/** The first candidate that differs from `taken`, else any listed voice that does, else `taken` itself (a one-voice engine). */
function pickOther(info: EngineInfo, candidates: readonly string[], taken: string): string {
  const differs = (name: string) => name.toLowerCase() !== taken.toLowerCase();
  return candidates.find(differs) ?? info.voices.map((voice) => voice.name).find(differs) ?? taken;
}
