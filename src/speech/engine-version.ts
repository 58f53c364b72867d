// The engine as the clip cache, the voice calibrations and a batch folder's fingerprint key it: another version
// or another copy of an engine may sound different, so both are part of the key. One function, because the
// batch's up-to-date check and the cache must agree on it.

export function engineVersionKey(engine: { version: string; path: string }): string {
  return `${engine.version} ${engine.path}`;
}
