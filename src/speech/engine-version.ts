// The engine as the clip cache, the voice calibrations and a batch folder's fingerprint key it: another version
// or another copy of an engine may sound different, so both are part of the key. One function, because the
// batch's up-to-date check and the cache must agree on it.
import type { SpeechEngine } from './engine.js';

export function engineVersionKey(engine: { version: string; path: string }): string {
  return `${engine.version} ${engine.path}`;
}

/**
 * A voice as the same keys know it: its name, and for a voice that is files (piper) which copy of them, so that a
 * model replaced under the same name is never heard through another's cached clips.
 */
export function voiceKey(engine: Pick<SpeechEngine, 'voiceStamp'>, voice: string): string {
  const identity = engine.voiceStamp?.(voice)?.identity;
  return identity === undefined ? voice : `${voice} ${identity}`;
}
