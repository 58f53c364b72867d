// The library API: the same pipeline the command line runs.
export { createBriefing, prepareScript, defaultOutputPath, type BriefingOptions, type ScriptOptions } from './pipeline.js';
export { planScript, DEFAULT_PAUSES, type PlanOptions, type Pauses } from './script/plan-script.js';
export { splitSentences, chunkSentence } from './script/sentences.js';
export { makeSpeakable } from './script/speakable.js';
export { ENGINES, type EngineName, type EngineInfo, type SpeechEngine, type VoiceInfo } from './speech/engine.js';
export * from './errors.js';
export type * from './types.js';
export { renderBriefing, describeTag, type RenderOptions, type RenderedBriefing, type CreatedBriefing } from './pipeline.js';
export { writeSidecars } from './publish/output-files.js';
export { runBatch } from './batch/run-batch.js';
export { normalizeForSpeech, normalizeText } from './script/normalize/normalize-for-speech.js';
export { BUILT_IN_LEXICON, mergeLexicons, lexiconFingerprint, type Lexicon } from './script/lexicon.js';
export { readLexicon } from './read/read-lexicon.js';
