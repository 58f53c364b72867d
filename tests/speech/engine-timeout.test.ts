// How long an engine may take before it counts as hung, and BRIEFCAST_ENGINE_TIMEOUT_MS, which sets it.
import { describe, expect, it } from 'vitest';
import { UsageError } from '../../src/errors.js';
import { readEngineTimeoutMs, synthesisTimeoutMs } from '../../src/speech/synthesize-clips.js';

describe('synthesisTimeoutMs', () => {
  it('allows 20 s and 100 ms a character by default', () => {
    expect(synthesisTimeoutMs('')).toBe(20_000);
    expect(synthesisTimeoutMs('x'.repeat(27))).toBe(22_700);
    expect(synthesisTimeoutMs('x'.repeat(2400))).toBe(260_000);
  });

  it('scales the whole allowance with the base it is given', () => {
    expect(synthesisTimeoutMs('x'.repeat(27), 3000)).toBe(3405);
    expect(synthesisTimeoutMs('x'.repeat(200), 60_000)).toBe(120_000);
  });

  it('never asks for a longer delay than a Node timer can wait', () => {
    expect(synthesisTimeoutMs('x'.repeat(2400), 2 ** 31 - 1)).toBe(2 ** 31 - 1);
  });
});

describe('readEngineTimeoutMs', () => {
  it('is undefined when BRIEFCAST_ENGINE_TIMEOUT_MS is unset or empty', () => {
    expect(readEngineTimeoutMs({})).toBeUndefined();
    expect(readEngineTimeoutMs({ BRIEFCAST_ENGINE_TIMEOUT_MS: ' ' })).toBeUndefined();
  });

  it('reads whole milliseconds', () => {
    expect(readEngineTimeoutMs({ BRIEFCAST_ENGINE_TIMEOUT_MS: '3000' })).toBe(3000);
    expect(readEngineTimeoutMs({ BRIEFCAST_ENGINE_TIMEOUT_MS: ' 120000\n' })).toBe(120_000);
  });

  it.each(['0', '-5', '1.5', '20s', '1e4', 'Infinity', '2147483648', '99999999999999999999'])('refuses %j with a usage error', (value) => {
    expect(() => readEngineTimeoutMs({ BRIEFCAST_ENGINE_TIMEOUT_MS: value })).toThrow(UsageError);
    expect(() => readEngineTimeoutMs({ BRIEFCAST_ENGINE_TIMEOUT_MS: value })).toThrow(
      /^BRIEFCAST_ENGINE_TIMEOUT_MS is ".*": it must be a whole number of milliseconds/,
    );
  });
});
