// Default narrator and host voices per engine: the preferred pair when installed, otherwise the first
// distinct voices there are, so that the two roles sound different whenever the engine can manage it.

/** Picks the first preferred name that is installed (case-insensitive), then any installed voice other than `avoid`. */
function pickVoice(installed: readonly string[], preferred: readonly string[], avoid?: string): string | undefined {
  const byLowerName = new Map(installed.map((name) => [name.toLowerCase(), name]));
  for (const name of preferred) {
    const found = byLowerName.get(name.toLowerCase());
    if (found !== undefined && found !== avoid) return found;
  }
  return installed.find((name) => name !== avoid);
}

export function pickDefaultVoices(
  installed: readonly string[],
  narratorPreferences: readonly string[],
  hostPreferences: readonly string[],
): { narrator: string; host: string } {
  const narrator = pickVoice(installed, narratorPreferences) ?? narratorPreferences[0] ?? '';
  // One installed voice reads both roles: the script stage still tells them apart by pauses.
  const host = pickVoice(installed, hostPreferences, narrator) ?? narrator;
  return { narrator, host };
}

/** The primary language subtag of a voice's language ("fr" from "fr-FR", "fr_CA", "fr-fr"); Mandarin and Norwegian as the articles name them. */
export function voiceLanguage(language: string | undefined): string | undefined {
  const primary = language?.trim().toLowerCase().split(/[-_]/)[0];
  if (!primary) return undefined;
  const same: Record<string, string> = { cmn: 'zh', no: 'nb' };
  return same[primary] ?? primary;
}

/**
 * The voice that narrates `language` when the engine's own default does not speak it: the one named exactly for the
 * language ("de", "fr"), then its home country's ("fr-fr", "fr-FR", "de-DE"), then the first listed.
 */
export function pickLanguageNarrator(voices: readonly { name: string; language?: string }[], language: string): string | undefined {
  const home = `${language}-${language}`;
  const spelled = (voice: { name: string; language?: string }) => (voice.language ?? '').toLowerCase().replace('_', '-');
  return (voices.find((voice) => spelled(voice) === language) ?? voices.find((voice) => spelled(voice) === home) ?? voices[0])?.name;
}
