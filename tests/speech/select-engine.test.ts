import { describe, expect, it } from 'vitest';
import { EngineError } from '../../src/errors.js';
import type { EngineInfo } from '../../src/speech/engine.js';
import { silenceWasiWarning } from '../../src/speech/engines/flite-wasm.js';
import { createEngine, listEngines, resolveVoices, selectEngine } from '../../src/speech/select-engine.js';
import { describeWithBinaries } from '../helpers/require-binary.js';

const FLITE: EngineInfo = {
  name: 'flite',
  path: '/usr/bin/flite',
  version: '2.2-current',
  voices: ['kal', 'kal16', 'awb', 'rms', 'slt'].map((name) => ({ name })),
  defaultVoices: { narrator: 'slt', host: 'rms' },
};

const ESPEAK: EngineInfo = {
  name: 'espeak-ng',
  path: '/usr/bin/espeak-ng',
  version: '1.51',
  voices: ['en-gb', 'en-us', 'de', 'fr-fr', 'es', 'it', 'nl', 'pl'].map((name) => ({ name })),
  variants: ['f3', 'Alex', 'klatt'],
  defaultVoices: { narrator: 'en-us', host: 'en-gb+f3' },
};

describe('resolveVoices', () => {
  it('uses the defaults when nothing is asked for', () => {
    expect(resolveVoices(FLITE)).toEqual({ narrator: 'slt', host: 'rms' });
    expect(resolveVoices(ESPEAK, '', undefined)).toEqual({ narrator: 'en-us', host: 'en-gb+f3' });
  });

  it('keeps the default host away from a narrator who took its voice, and the other way round', () => {
    expect(resolveVoices(FLITE, 'rms')).toEqual({ narrator: 'rms', host: 'slt' });
    expect(resolveVoices(FLITE, undefined, 'slt')).toEqual({ narrator: 'rms', host: 'slt' });
    expect(resolveVoices(FLITE, 'awb')).toEqual({ narrator: 'awb', host: 'rms' });
  });

  it('lets a user give both roles the same voice on purpose', () => {
    expect(resolveVoices(FLITE, 'kal', 'kal')).toEqual({ narrator: 'kal', host: 'kal' });
  });

  it("matches names case-insensitively and returns the engine's spelling", () => {
    expect(resolveVoices(FLITE, 'SLT', 'Awb')).toEqual({ narrator: 'slt', host: 'awb' });
    expect(resolveVoices(ESPEAK, 'EN-US+alex')).toEqual({ narrator: 'en-us+Alex', host: 'en-gb+f3' });
  });

  it('accepts espeak-ng variants only when both halves exist', () => {
    expect(resolveVoices(ESPEAK, 'de+klatt', 'fr-fr')).toEqual({ narrator: 'de+klatt', host: 'fr-fr' });
    expect(() => resolveVoices(ESPEAK, 'de+nosuch')).toThrow(EngineError);
    expect(() => resolveVoices(ESPEAK, '+f3')).toThrow(EngineError);
  });

  it('rejects an unknown voice with a few valid ones and a pointer to `briefcast voices`', () => {
    expect(() => resolveVoices(FLITE, 'awb_time')).toThrow(
      new EngineError('flite has no voice "awb_time" (--voice). Valid voices include kal, kal16, awb, rms, slt. Run `briefcast voices` to list them all.'),
    );
    expect(() => resolveVoices(ESPEAK, undefined, '-x')).toThrow(
      new EngineError(
        'espeak-ng has no voice "-x" (--host-voice). Valid voices include en-gb, en-us, de, fr-fr, es, it, … (8 in all). Variants can be added as <voice>+<variant>, e.g. en-us+f3. Run `briefcast voices` to list them all.',
      ),
    );
  });

  it('lets a one-voice engine read both roles', () => {
    const single: EngineInfo = { ...FLITE, voices: [{ name: 'kal' }], defaultVoices: { narrator: 'kal', host: 'kal' } };
    expect(resolveVoices(single)).toEqual({ narrator: 'kal', host: 'kal' });
  });
});

describe('createEngine and selectEngine', () => {
  it('refuses an engine name it does not know', () => {
    expect(() => createEngine('festvox' as never)).toThrow(
      /Unknown engine "festvox"\. Choose one of: auto, piper, say, sapi, flite, festival, espeak-ng, flite-wasm\./,
    );
  });

  it('says how to get an engine this system does not have', async () => {
    if (process.platform !== 'darwin') {
      await expect(selectEngine('say')).rejects.toThrow(
        new EngineError('say is not available: it is the speech engine built into macOS. On this system use --engine auto or --engine flite-wasm.'),
      );
    }
    if (process.platform !== 'win32') await expect(selectEngine('sapi')).rejects.toThrow(/^sapi is not available: .* only Windows has/);
  });

  it('always finds flite-wasm, which ships with the package', async () => {
    const { engine, info } = await selectEngine('flite-wasm');
    expect(engine.name).toBe('flite-wasm');
    expect(info.version).toMatch(/^\d+\.\d+\.\d+/);
    expect(info.path).toMatch(/flite\.wasm$/);
    expect(info.defaultVoices).toEqual({ narrator: 'slt', host: 'rms' });
  });
});

describeWithBinaries(
  'flite',
  'espeak-ng',
  'festival',
  'text2wave',
)('engines installed on this machine', () => {
  it('auto picks flite, the first installed engine after say and sapi', async () => {
    if (process.platform === 'darwin' || process.platform === 'win32') return;
    const { engine, info } = await selectEngine('auto');
    expect(engine.name).toBe('flite');
    expect(info.defaultVoices).toEqual({ narrator: 'slt', host: 'rms' });
  });

  it('lists every engine found, in auto order, each with voices', async () => {
    const { engines } = await listEngines();
    const names = engines.map((info) => info.name);
    expect(names.filter((name) => name !== 'say' && name !== 'sapi')).toEqual(['flite', 'festival', 'espeak-ng', 'flite-wasm']);
    for (const info of engines) expect(info.voices.length).toBeGreaterThan(0);
    const festival = engines.find((info) => info.name === 'festival');
    expect(festival?.defaultVoices).toEqual({ narrator: 'cmu_us_slt_arctic_hts', host: 'kal_diphone' });
  });
});

describe('silenceWasiWarning', () => {
  it('drops the WASI ExperimentalWarning and no other warning', async () => {
    const seen: string[] = [];
    const listener = (warning: Error) => seen.push(warning.message);
    process.on('warning', listener);
    try {
      silenceWasiWarning();
      silenceWasiWarning();
      process.emitWarning('WASI is an experimental feature and might change at any time', 'ExperimentalWarning');
      process.emitWarning('Something else happened', 'BriefcastTestWarning');
      await new Promise((resolve) => setTimeout(resolve, 10));
    } finally {
      process.off('warning', listener);
    }
    expect(seen).toEqual(['Something else happened']);
  });
});
