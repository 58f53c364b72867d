// The library API: the stage functions the command line and batch compose, their records, and every type a
// public function takes or returns (tests/library/index-exports.test.ts keeps that true).
export {
  readSource,
  parseSource,
  chooseEngine,
  planBriefing,
  planDigestBriefing,
  renderBriefing,
  prepareScript,
  createBriefing,
  defaultOutputPath,
  describeTag,
  createEngineChooser,
  type ParseSourceOptions,
  type SpeechRequest,
  type RenderSettings,
  type ScriptOptions,
  type BriefingOptions,
  type ChosenEngine,
  type PlannedBriefing,
  type RenderOptions,
  type ClipCacheStats,
  type RenderedBriefing,
  type CreatedBriefing,
} from './pipeline.js';
export {
  settleLanguage,
  detectLanguage,
  primaryLanguage,
  type SettledLanguage,
  type LanguageChoice,
  type LanguageSource,
  type DetectedLanguage,
} from './article/language.js';
export { readInput, type InputText, type ReadInputOptions } from './read/read-input.js';
export { planScript, DEFAULT_PAUSES, type PlanOptions, type Pauses } from './script/plan-script.js';
export { splitSentences, chunkSentence } from './script/sentences.js';
export { makeSpeakable } from './script/speakable.js';
export {
  ENGINES,
  type EngineName,
  type EngineInfo,
  type SpeechEngine,
  type VoiceInfo,
  type VoiceStamp,
  type StampedFile,
  type SynthesisRequest,
  type SentencesRequest,
  type SpeechOutput,
  type SentencesOutput,
} from './speech/engine.js';
export type { PcmClip } from './audio/wav.js';
export * from './errors.js';
export type * from './types.js';
export { SILENT_REPORTER, type ProgressReporter, type Stage } from './progress.js';
export type { TagMetadata } from './publish/id3v2.js';
export { sidecarPaths, type SidecarPaths } from './publish/sidecars.js';
export { writeSidecars } from './publish/output-files.js';
export {
  runBatch,
  DEFAULT_ARTICLE_JOBS,
  type BatchOptions,
  type BatchSpeechOptions,
  type BatchReporter,
  type BatchItemResult,
  type DigestResult,
  type BatchReport,
} from './batch/run-batch.js';
export type { FeedSettings } from './batch/batch-state.js';
export type { PublishedFolder } from './batch/publish-folder.js';
export type { ItemStatus, SummaryRow } from './batch/summary-table.js';
export type { EpisodeJob, RemoteBriefer, RemoteEpisode } from './batch/remote-briefer.js';
export type { Resolver } from './read/safe-fetch.js';
export { normalizeForSpeech, normalizeText } from './script/normalize/normalize-for-speech.js';
export { BUILT_IN_LEXICON, mergeLexicons, lexiconFingerprint, type Lexicon, type LexiconRule } from './script/lexicon.js';
export { readLexicon } from './read/read-lexicon.js';
