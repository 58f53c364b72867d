// The engine adapters and the functions that choose between them, from one import.
export { createEngine, listEngines, resolveVoices, selectEngine, type CreateEngineOptions, type SelectedEngine } from '../select-engine.js';
export { createEspeakNgEngine } from './espeak-ng.js';
export { createFestivalEngine } from './festival.js';
export { createFliteEngine } from './flite.js';
export { createFliteWasmEngine, silenceWasiWarning } from './flite-wasm.js';
export { createSapiEngine } from './sapi.js';
export { createSayEngine } from './say.js';
export { describeMissingEngine } from './install-hints.js';
