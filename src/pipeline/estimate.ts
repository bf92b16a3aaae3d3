import path from 'node:path'
import type {VFile} from 'vfile'
import {DEFAULTS} from '../core/defaults.ts'
import {taggedToPlain} from '../core/tagged-text.ts'
import {postEditReport, type PostEditFigures} from '../memory/post-edit-report.ts'
import {TranslationMemory} from '../memory/translation-memory.ts'
import type {BatchLimits} from '../providers/provider.ts'
import {openProject, type Project, type ProjectOptions} from './project.ts'
import {runProject, type Figures, type RunResult} from './run-project.ts'

export type {Figures} from './run-project.ts'

/** What a build would send, counted without sending: `tandem build --dry-run` and `tandem status`. */

export interface EstimateOptions extends ProjectOptions {
  project?: Project
  /** The provider's request limits (default: DeepL's). */
  limits?: BatchLimits
}

export interface FileEstimate extends Figures {
  /** The German file, relative to the project root. */
  file: string
  /** sha256 of the German text, as the English front matter records it (`translation.sourceHash`). */
  sourceHash: string
  /** `glossaryFingerprint()` of the glossary entries matched in it, as the English front matter records it (`translation.glossary`). */
  glossary: string
  /** What the English edition holds of editors' work. */
  postEdits: {
    /** Edited blocks a build would harvest now. */
    toHarvest: number
    /** Human translations whose German has changed since, at the German line and column, with their text. */
    stale: Array<{line: number; column: number; text: string}>
    /** The edition no longer pairs block by block: a build leaves it alone (and says where). */
    unpaired: boolean
  }
}

export interface Estimate {
  files: FileEstimate[]
  total: Figures & {files: number}
  /** Files that could not be read or parsed, with their messages. */
  failed: VFile[]
  /** The name glossary's lint messages; with an error among them, nothing was counted. */
  glossary: VFile
  /** English editions with messages about them (one that no longer pairs), at their own lines. */
  editions: VFile[]
  /** How much editors changed each provider's and model's translations, from the memory. */
  postEditing: PostEditFigures[]
}

/** Count, per file, what a build would send: the same run and request plan the build uses (`runProject`). */
export async function estimate(options: EstimateOptions = {}): Promise<Estimate> {
  const project = options.project ?? (await openProject(options))
  const empty = {segments: 0, memoryHits: 0, toTranslate: 0, billedCharacters: 0, requests: 0, inputTokens: 0, outputTokens: 0}
  const result: Estimate = {files: [], total: {...empty, files: 0}, failed: [], glossary: project.glossary.file, editions: [], postEditing: []}
  if (project.glossaryBroken) return result
  const memory = await TranslationMemory.open(path.join(project.root, project.settings.memoryPath), {root: project.root, readOnly: true})
  let run: RunResult
  try {
    run = await runProject({
      project,
      memory,
      dryRun: true,
      // Counted as a build would find them: edited blocks are human translations, not misses.
      postEdits: {readOnly: true},
      ...(options.limits ? {limits: options.limits} : {})
    })
    result.postEditing = postEditReport(memory.entries())
  } finally {
    await memory.close()
  }
  for (const [index, file] of run.files.entries()) {
    const figures = run.figures[index]
    const data = file.data.tandem
    if (!figures || !data || file.messages.some((message) => message.fatal)) {
      result.failed.push(file)
      continue
    }
    const report = data.postEdits
    if (report?.english && report.english.messages.length > 0) result.editions.push(report.english)
    const stale = data.segments
      .filter((segment) => segment.stale !== undefined)
      .map((segment) => ({line: segment.position.line, column: segment.position.column, text: taggedToPlain(segment.stale?.target ?? '')}))
    result.files.push({
      file: data.sourcePath,
      sourceHash: data.sourceHash,
      glossary: data.glossary ?? '',
      ...figures,
      postEdits: {toHarvest: report?.harvested ?? 0, stale, unpaired: report?.keep ?? false}
    })
  }
  result.total = {...run.total, files: result.files.length}
  return result
}

/** Cost of `billedCharacters` at `pricePerMillion`. */
export function costOf(billedCharacters: number, pricePerMillion: number = DEFAULTS.price.perMillion): number {
  return (billedCharacters / 1_000_000) * pricePerMillion
}
