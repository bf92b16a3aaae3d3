import {unified, type Processor} from 'unified'
import type {Root} from 'mdast'
import remarkParse from 'remark-parse'
import remarkFrontmatter from 'remark-frontmatter'
import remarkGfm from 'remark-gfm'
import remarkStringify from 'remark-stringify'
import type {TFunction} from 'i18next'
import segmentBlocks from '../segment/segment-blocks.ts'
import restoreTargets from '../segment/restore-targets.ts'
import lookupMemory from '../memory/lookup-memory.ts'
import type {TranslationMemory} from '../memory/translation-memory.ts'
import translateMisses from '../providers/translate-misses.ts'
import type {Provider} from '../providers/provider.ts'
import englishEdition from '../output/english-edition.ts'
import parallelView from '../output/parallel-view.ts'
import requireTranslations from './require-translations.ts'
import {markdownStyle} from './markdown-options.ts'

export interface ProcessorOptions {
  memory: TranslationMemory
  /** The memory's path as users know it, for hints in messages. */
  memoryLabel: string
  provider?: Provider
  sourceLang: string
  targetLang: string
  frontmatterFields: readonly string[]
  /** i18next `t` in English, for the controlled vocabulary and the parallel view. */
  t: TFunction
  glossaryHash: string
  signal?: AbortSignal
}

/** German Markdown in, English Markdown out; the side-by-side view lands on `file.data.tandem.parallel`. */
export function createProcessor(options: ProcessorOptions): Processor<Root, Root, undefined, Root, string> {
  const languages = {sourceLang: options.sourceLang, targetLang: options.targetLang}
  return unified()
    .use(remarkParse)
    .use(remarkFrontmatter, ['yaml'])
    .use(remarkGfm)
    .use(segmentBlocks, {...languages, frontmatterFields: options.frontmatterFields})
    .use(lookupMemory, {memory: options.memory})
    .use(translateMisses, {
      memory: options.memory,
      ...languages,
      ...(options.provider ? {provider: options.provider} : {}),
      ...(options.signal ? {signal: options.signal} : {})
    })
    .use(requireTranslations, {memoryPath: options.memoryLabel})
    .use(restoreTargets, {t: options.t})
    .use(parallelView, {t: options.t})
    .use(englishEdition, {lang: 'en', glossaryHash: options.glossaryHash})
    .use(remarkStringify, markdownStyle)
}
