import path from 'node:path'
import pLimit from 'p-limit'
import type {VFile} from 'vfile'
import lookupMemory from '../memory/lookup-memory.ts'
import {TranslationMemory} from '../memory/translation-memory.ts'
import {deeplLimits} from '../providers/batch.ts'
import {collectMisses, planRequests} from '../providers/plan.ts'
import type {BatchLimits} from '../providers/provider.ts'
import {tandemData} from '../core/data.ts'
import {createSegmenter} from './processor.ts'
import {checkInsideSourceDir, openProject, type Project, type ProjectOptions} from './project.ts'
import {readSourceFile} from './read-source.ts'

/** What a build would send, counted without sending: `tandem build --dry-run` and `tandem status`. */

/**
 * The price used for cost figures: DeepL API Pro's usage charge, €0.00002 per character, that is €20 per million
 * (DeepL help center, "Character count and billing in DeepL API"). The monthly base fee is not included, and
 * DeepL API Free costs nothing up to 500,000 characters a month.
 */
export const pricing = {pricePerMillion: 20, currency: 'EUR'} as const

export interface EstimateOptions extends ProjectOptions {
  project?: Project
  /** The provider's request limits (default: DeepL's). */
  limits?: BatchLimits
}

export interface Figures {
  /** Translatable segments. */
  segments: number
  /** Segments the memory already holds. */
  memoryHits: number
  /** Distinct texts to send: a paragraph repeated, in one file or several, is sent once. */
  toTranslate: number
  billedCharacters: number
  requests: number
}

export interface FileEstimate extends Figures {
  /** The German file, relative to the project root. */
  file: string
  /** sha256 of the German text, as the English front matter records it (`translation.sourceHash`). */
  sourceHash: string
}

export interface Estimate {
  files: FileEstimate[]
  total: Figures & {files: number}
  /** Files that could not be read or parsed, with their messages. */
  failed: VFile[]
  /** The name glossary's lint messages; with an error among them, nothing was counted. */
  glossary: VFile
}

/**
 * Count, per file, what a build would send: the same segments, memory lookup and request plan the
 * build uses (`planRequests`), files in order, a text shared with an earlier file counted there only.
 */
export async function estimate(options: EstimateOptions = {}): Promise<Estimate> {
  const project = options.project ?? (await openProject(options))
  const {root, settings} = project
  const limits = options.limits ?? deeplLimits
  const empty = {segments: 0, memoryHits: 0, toTranslate: 0, billedCharacters: 0, requests: 0}
  const result: Estimate = {files: [], total: {...empty, files: 0}, failed: [], glossary: project.glossary.file}
  if (project.glossaryBroken) return result
  const memory = await TranslationMemory.open(path.join(root, settings.memoryPath), {root, readOnly: true})
  const processor = createSegmenter({
    sourceLang: settings.sourceLang,
    targetLang: settings.targetLang,
    frontmatterFields: settings.frontmatterFields,
    matcher: project.matcher
  }).use(lookupMemory, {memory})

  // Parsing runs concurrently; counting goes in file order, so that a shared text is counted once and always in the same file.
  const limit = pLimit(settings.concurrency)
  const files = await Promise.all(
    project.files.map((filePath) =>
      limit(async () => {
        const file = await readSourceFile(filePath, root)
        checkInsideSourceDir(project, file)
        if (file.messages.some((message) => message.fatal)) return file
        try {
          await processor.run(processor.parse(file), file)
        } catch (error) {
          const message = file.message(error instanceof Error ? error.message : String(error), {
            place: {line: 1, column: 1},
            ruleId: 'build-error',
            source: 'tandem'
          })
          message.fatal = true
        }
        return file
      })
    )
  )

  const claimed = new Set<string>()
  for (const file of files) {
    const data = file.data.tandem
    if (!data || file.messages.some((message) => message.fatal)) {
      result.failed.push(file)
      continue
    }
    const misses = collectMisses(tandemData(file).segments, memory).filter((miss) => !claimed.has(miss.key))
    for (const miss of misses) claimed.add(miss.key)
    const plan = planRequests(misses, limits, (key) => memory.get(key) !== undefined)
    const figures: FileEstimate = {
      file: data.sourcePath,
      sourceHash: data.sourceHash,
      segments: data.segments.filter((segment) => segment.source !== '').length,
      memoryHits: data.stats.memoryHits,
      toTranslate: misses.length,
      billedCharacters: plan.billedCharacters,
      requests: plan.batches.length
    }
    result.files.push(figures)
    for (const key of Object.keys(empty) as Array<keyof Figures>) result.total[key] += figures[key]
    result.total.files++
  }
  return result
}

/** Cost of `billedCharacters` at `pricePerMillion`. */
export function costOf(billedCharacters: number, pricePerMillion: number = pricing.pricePerMillion): number {
  return (billedCharacters / 1_000_000) * pricePerMillion
}
