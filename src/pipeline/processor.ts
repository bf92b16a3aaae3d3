import {unified, type Processor} from 'unified'
import type {Root} from 'mdast'
import remarkParse from 'remark-parse'
import remarkFrontmatter from 'remark-frontmatter'
import remarkGfm from 'remark-gfm'
import remarkMath from 'remark-math'
import remarkStringify from 'remark-stringify'
import type {TFunction} from 'i18next'
import segmentBlocks from '../segment/segment-blocks.ts'
import remarkTemplateTags from '../segment/template-tags.ts'
import applyNameGlossary from '../glossary/apply-name-glossary.ts'
import checkNames from '../glossary/check-names.ts'
import type {NameMatcher} from '../glossary/matcher.ts'
import restoreTargets from '../output/restore-targets.ts'
import lookupMemory from '../memory/lookup-memory.ts'
import type {TranslationMemory} from '../memory/translation-memory.ts'
import translateMisses, {type TranslationProgress} from '../providers/translate-misses.ts'
import type {Provider} from '../providers/provider.ts'
import englishEdition from '../output/english-edition.ts'
import parallelView from '../output/parallel-view.ts'
import requireTranslations from './require-translations.ts'
import {markdownStyle} from '../core/markdown-options.ts'

export interface SegmenterOptions {
  sourceLang: string
  targetLang: string
  frontmatterFields: readonly string[]
  /** The name glossary's matcher; names are matched, protected and keyed. Without one, none are. */
  matcher?: NameMatcher
  /** Language of the Details labels (default: `de`). */
  labelLanguage?: 'de' | 'en'
}

export interface ProcessorOptions extends SegmenterOptions {
  memory: TranslationMemory
  /** The memory's path as users know it, for hints in messages. */
  memoryLabel: string
  provider?: Provider
  /** i18next `t` in English, for the controlled vocabulary and the parallel view. */
  t: TFunction
  glossaryHash: string
  /** Glossary violations are errors (`tandem check --strict`). */
  strict?: boolean
  signal?: AbortSignal
  /** Keys being translated for some file of the build, shared by its files (see `translateMisses`). */
  inFlight?: Map<string, Promise<void>>
  /** Told each time a provider answer has been stored. */
  onProgress?: (progress: TranslationProgress) => void
}

/** Markdown → segments with their glossary matches and memory keys on `file.data.tandem`; nothing translated. */
export function createSegmenter(options: SegmenterOptions): Processor<Root, Root, undefined> {
  const languages = {sourceLang: options.sourceLang, targetLang: options.targetLang}
  const processor = unified()
    .use(remarkParse)
    .use(remarkFrontmatter, ['yaml'])
    .use(remarkGfm)
    // `$$…$$` only: a single `$` is too often a price in running text.
    .use(remarkMath, {singleDollarTextMath: false})
    .use(remarkTemplateTags)
    .use(segmentBlocks, {...languages, frontmatterFields: options.frontmatterFields, labelLanguage: options.labelLanguage ?? 'de'})
  return options.matcher ? processor.use(applyNameGlossary, {matcher: options.matcher, ...languages}) : processor
}

/** German Markdown in, English Markdown out; the side-by-side view lands on `file.data.tandem.parallel`. */
export function createProcessor(options: ProcessorOptions): Processor<Root, Root, undefined, Root, string> {
  return createSegmenter(options)
    .use(lookupMemory, {memory: options.memory})
    .use(translateMisses, {
      memory: options.memory,
      sourceLang: options.sourceLang,
      targetLang: options.targetLang,
      ...(options.provider ? {provider: options.provider} : {}),
      ...(options.signal ? {signal: options.signal} : {}),
      ...(options.inFlight ? {inFlight: options.inFlight} : {}),
      ...(options.onProgress ? {onProgress: options.onProgress} : {})
    })
    .use(checkNames, {strict: options.strict ?? false})
    .use(requireTranslations, {memoryPath: options.memoryLabel})
    .use(restoreTargets, {t: options.t})
    .use(parallelView, {t: options.t})
    .use(englishEdition, {lang: 'en', glossaryHash: options.glossaryHash})
    .use(remarkStringify, markdownStyle)
}

/** Segments, memory lookup and glossary QA, without translating or writing: `tandem check`. */
export function createChecker(options: SegmenterOptions & {memory: TranslationMemory; strict?: boolean}): Processor<Root, Root, undefined> {
  return createSegmenter(options)
    .use(lookupMemory, {memory: options.memory})
    .use(checkNames, {strict: options.strict ?? false})
}
