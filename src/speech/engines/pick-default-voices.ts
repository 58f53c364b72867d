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
