// The public API: every stage plugin with its `Options` type, the processor built from them, and build() over files.
// test/api.test.ts pins this list; README "API" rebuilds the processor from it.

// Settings
export {DEFAULTS, type Settings, type SettingsInput} from './core/defaults.ts'
export {resolveConfig} from './core/config.ts'
export {markdownStyle} from './core/markdown-options.ts'
export {TandemError, ConfigError, MemoryError} from './core/errors.ts'
export {memoryKey, recordId} from './core/key.ts'
export type {Segment} from './core/types.ts'
// A message of tandem's keeps what it says as a phrase (`message.phrase`), for saying it in another language.
export type {Phrase, PhraseParams, Severity} from './core/phrase.ts'
export {createI18n, type UiLanguage} from './i18n/index.ts'

// Stages, in the order the processor runs them (../shared/design.md "Data flow")
export {importPlainText, slugify} from './import/index.ts'
export {default as remarkTemplateTags} from './segment/template-tags.ts'
export {default as segmentBlocks, type Options as SegmentBlocksOptions} from './segment/segment-blocks.ts'
export {splitSentences} from './segment/split-sentences.ts'
export {NameMatcher} from './glossary/matcher.ts'
export {readNameGlossary, type NameGlossary} from './glossary/names-file.ts'
export type {GlossaryEntry, GlossaryKind} from './core/types.ts'
export {default as applyNameGlossary, type Options as ApplyNameGlossaryOptions} from './glossary/apply-name-glossary.ts'
export {alignSentences} from './align/index.ts'
export {default as keySegments, type Options as KeySegmentsOptions} from './memory/key-segments.ts'
export {default as harvestPostEdits, type Options as HarvestPostEditsOptions, type EnglishEdition} from './memory/harvest-post-edits.ts'
export {default as lookupMemory, type Options as LookupMemoryOptions} from './memory/lookup-memory.ts'
export {postEditDistance} from './memory/post-edit-distance.ts'
export {TranslationMemory, MemoryFileError, type MemoryRecord, type MemoryOrigin, type MemoryOpenOptions, type LockWait} from './memory/translation-memory.ts'
export {mergeMemories} from './memory/merge-memories.ts'
export {pairTranslations} from './memory/pair-translations.ts'
export * from './interchange/index.ts'
export {default as translateMisses, type Options as TranslateMissesOptions} from './providers/translate-misses.ts'
export {DeepLProvider, type DeepLOptions} from './providers/deepl.ts'
export {OpenAIProvider, type OpenAIOptions} from './providers/openai.ts'
export type {Provider, TranslationRequest, TranslationResult} from './providers/provider.ts'
export * from './providers/errors.ts'
export {default as checkNames, type Options as CheckNamesOptions} from './glossary/check-names.ts'
export {default as restoreTargets, type Options as RestoreTargetsOptions} from './output/restore-targets.ts'
export {default as requireTranslations, MissingTranslationsError, type Options as RequireTranslationsOptions} from './output/require-translations.ts'
export {default as parallelView, type Options as ParallelViewOptions} from './output/parallel-view.ts'
export {default as englishEdition, type Options as EnglishEditionOptions} from './output/english-edition.ts'

// The processor and the project
export {
  createProcessor,
  createSegmenter,
  createFinisher,
  createWriter,
  markdownSyntax,
  type ProcessorOptions,
  type SegmenterOptions,
  type FinisherOptions,
  type WriterOptions
} from './pipeline/processor.ts'
export {build, type BuildOptions, type BuildResult, type BuiltFile} from './pipeline/build.ts'
export {harvest, type HarvestOptions, type HarvestResult} from './pipeline/harvest.ts'
export {writeReaderSite, type ReaderSiteOptions} from './pipeline/write-site.ts'
