import {unified, type Preset, type Processor} from 'unified'
import type {Root} from 'mdast'
import remarkParse from 'remark-parse'
import remarkFrontmatter from 'remark-frontmatter'
import remarkGfm from 'remark-gfm'
import remarkMath from 'remark-math'
import remarkStringify from 'remark-stringify'
import type {TFunction} from 'i18next'
import type {Settings} from '../core/defaults.ts'
import {markdownStyle} from '../core/markdown-options.ts'
import segmentBlocks from '../segment/segment-blocks.ts'
import checkFrontmatter from '../segment/check-frontmatter.ts'
import checkNesting from '../segment/check-nesting.ts'
import remarkTemplateTags from '../segment/template-tags.ts'
import remarkLinearText from '../segment/linear-text.ts'
import applyNameGlossary from '../glossary/apply-name-glossary.ts'
import checkNames from '../glossary/check-names.ts'
import type {NameMatcher} from '../glossary/matcher.ts'
import keySegments from '../memory/key-segments.ts'
import lookupMemory from '../memory/lookup-memory.ts'
import harvestPostEdits, {type Options as HarvestOptions} from '../memory/harvest-post-edits.ts'
import type {TranslationMemory} from '../memory/translation-memory.ts'
import translateMisses from '../providers/translate-misses.ts'
import type {Provider} from '../providers/provider.ts'
import restoreTargets from '../output/restore-targets.ts'
import requireTranslations from '../output/require-translations.ts'
import englishEdition from '../output/english-edition.ts'
import parallelView from '../output/parallel-view.ts'

/**
 * The stages, in order (design.md "Data flow"):
 * parse → checkNesting → checkFrontmatter → segmentBlocks → applyNameGlossary → keySegments → [harvestPostEdits] → lookupMemory → [provider] → checkNames →
 * restoreTargets → requireTranslations → parallelView → englishEdition → stringify.
 * `createProcessor` is all of them for one file; `runProject` runs the same stages in three steps
 * (`createSegmenter`, `createFinisher`, `createWriter`), so that it can plan provider requests across files.
 */

export type SegmenterOptions = Pick<Settings, 'sourceLang' | 'targetLang' | 'frontmatterFields'> & Partial<Pick<Settings, 'formality'>> & {
  /** The name glossary's matcher; names are matched, protected and keyed. Without one, none are. */
  matcher?: NameMatcher
  /** Language of the Details labels (default: `de`). */
  labelLanguage?: 'de' | 'en'
  /** When given, segments are looked up in it. */
  memory?: TranslationMemory
  /** When given (with `memory`), an editor's changes to the English edition are harvested before the lookup. */
  postEdits?: Omit<HarvestOptions, 'memory'>
}

export interface FinisherOptions {
  memory: TranslationMemory
  /** i18next `t` in the target language, for the controlled vocabulary. */
  t: TFunction
  /** Glossary violations are errors (`tandem check --strict`). */
  strict?: boolean
}

export interface WriterOptions {
  /** i18next `t` in the target language, for the parallel view's header. */
  t: TFunction
  /** The memory's path as users know it, for hints in messages. */
  memoryLabel: string
  /** What to set so that misses get translated, for the hint of a missing translation (default: `DEEPL_AUTH_KEY`). */
  keyVariable?: string
}

export type ProcessorOptions = SegmenterOptions &
  FinisherOptions &
  WriterOptions & {
    provider?: Provider
    signal?: AbortSignal
  }

/** The Markdown tandem reads and writes: GFM, YAML front matter, `$$` math and template tags, for parsing and stringifying alike. */
export const markdownSyntax: Preset = {
  plugins: [
    [remarkFrontmatter, ['yaml']],
    remarkGfm,
    // `$$…$$` only: a single `$` is too often a price in running text.
    [remarkMath, {singleDollarTextMath: false}],
    remarkTemplateTags,
    // Long paragraphs in linear time: micromark's own merge of text data is quadratic.
    remarkLinearText
  ]
}

/** Markdown → segments with their glossary matches and memory keys on `file.data.tandem` (and memory targets, given a memory). */
export function createSegmenter(options: SegmenterOptions): Processor<Root, Root, undefined> {
  const parsed = unified()
    .use(remarkParse)
    .use(markdownSyntax)
    // Before anything is segmented, so that a file tandem would get wrong sends nothing.
    .use(checkNesting)
    .use(checkFrontmatter, {frontmatterFields: options.frontmatterFields})
    .use(segmentBlocks, {frontmatterFields: options.frontmatterFields, labelLanguage: options.labelLanguage ?? 'de'})
  const named = options.matcher ? parsed.use(applyNameGlossary, {matcher: options.matcher}) : parsed
  const keyed = named.use(keySegments, {sourceLang: options.sourceLang, targetLang: options.targetLang, ...(options.formality ? {formality: options.formality} : {})})
  if (!options.memory) return keyed
  const harvested = options.postEdits ? keyed.use(harvestPostEdits, {...options.postEdits, memory: options.memory}) : keyed
  return harvested.use(lookupMemory, {memory: options.memory})
}

/** An English edition → its segments, as `createSegmenter` finds the German ones: how post-edits and existing translations are paired. */
export function createEnglishSegmenter(settings: Pick<Settings, 'sourceLang' | 'targetLang' | 'frontmatterFields'>): Processor<Root, Root, undefined> {
  return createSegmenter({sourceLang: settings.sourceLang, targetLang: settings.targetLang, frontmatterFields: settings.frontmatterFields, labelLanguage: 'en'})
}

/** Glossary QA on every target, then the English inline content: after the provider, in every composition. */
function qaStages(options: Pick<FinisherOptions, 't' | 'strict'>): Preset {
  return {plugins: [[checkNames, {strict: options.strict ?? false}], [restoreTargets, {t: options.t}]]}
}

/** The side-by-side view on `file.data.tandem.parallel`, and the English edition as the result. */
function outputStages(options: WriterOptions): Preset {
  return {
    plugins: [
      [requireTranslations, {memoryPath: options.memoryLabel, ...(options.keyVariable ? {keyVariable: options.keyVariable} : {})}],
      [parallelView, {t: options.t}],
      [englishEdition, {lang: 'en'}],
      [remarkStringify, markdownStyle]
    ]
  }
}

/** After the provider: what it stored since, glossary QA on every target, and the English inline content. */
export function createFinisher(options: FinisherOptions): Processor<undefined, Root, Root> {
  return treeProcessor().use(lookupMemory, {memory: options.memory, fresh: true}).use(qaStages(options))
}

/** The finished tree → the side-by-side view on `file.data.tandem.parallel`, and the English edition as the result. */
export function createWriter(options: WriterOptions): Processor<undefined, Root, Root, Root, string> {
  return treeProcessor().use(markdownSyntax).use(outputStages(options)) as unknown as Processor<undefined, Root, Root, Root, string>
}

/** German Markdown in, English Markdown out, one file at a time; the side-by-side view lands on `file.data.tandem.parallel`. */
export function createProcessor(options: ProcessorOptions): Processor<Root, Root, Root, Root, string> {
  const {memory} = options
  return createSegmenter(options)
    .use(translateMisses, {
      memory,
      sourceLang: options.sourceLang,
      targetLang: options.targetLang,
      ...(options.provider ? {provider: options.provider} : {}),
      ...(options.signal ? {signal: options.signal} : {})
    })
    .use(qaStages(options))
    .use(outputStages(options)) as unknown as Processor<Root, Root, Root, Root, string>
}

/** A processor that starts from an mdast tree (no parser): the stages after the project runner's segmenting. */
function treeProcessor(): Processor<undefined, Root, Root> {
  return unified() as unknown as Processor<undefined, Root, Root>
}
