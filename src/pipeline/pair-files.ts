import type {VFile} from 'vfile'
import type {NameMatcher} from '../glossary/matcher.ts'
import {pairTranslations, type PairOptions} from '../memory/pair-translations.ts'
import type {MemoryRecord} from '../memory/translation-memory.ts'
import {createEnglishSegmenter, createSegmenter} from './processor.ts'
import type {Settings} from '../core/defaults.ts'

export interface PairFilesOptions extends PairOptions {
  frontmatterFields: readonly string[]
  /** DeepL's `formality`, part of the key a build gives the German (default: none). */
  formality?: Settings['formality']
  /** The name glossary, so that the pairs are keyed as a build keys them (default: none). */
  matcher?: NameMatcher
}

/** Segment a German file and its existing English version as a build would, and pair their blocks into memory records. */
export async function pairFiles(german: VFile, english: VFile, options: PairFilesOptions): Promise<MemoryRecord[]> {
  const common = {
    sourceLang: options.sourceLang,
    targetLang: options.targetLang,
    frontmatterFields: options.frontmatterFields,
    ...(options.formality ? {formality: options.formality} : {})
  }
  const segmenters = [
    createSegmenter({...common, ...(options.matcher ? {matcher: options.matcher} : {})}),
    createEnglishSegmenter(common)
  ] as const
  for (const [index, file] of [german, english].entries()) {
    const processor = segmenters[index === 0 ? 0 : 1]
    await processor.run(processor.parse(file), file)
  }
  return pairTranslations(german, english, {sourceLang: options.sourceLang, targetLang: options.targetLang, origin: options.origin, date: options.date})
}
