// The engines and the functions that choose between them, from one import.
export { createEngine, describeMissingEngine, listEngines, resolveVoices, selectEngine, type CreateEngineOptions, type SelectedEngine } from '../select-engine.js';
export { silenceWasiWarning } from './flite-wasm.js';
