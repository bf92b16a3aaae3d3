import path from 'node:path'
import type {VFile} from 'vfile'
import {DEFAULTS} from '../core/defaults.ts'
import {TranslationMemory} from '../memory/translation-memory.ts'
import type {BatchLimits} from '../providers/provider.ts'
import {openProject, type Project, type ProjectOptions} from './project.ts'
import {runProject, type Figures} from './run-project.ts'

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
}

export interface Estimate {
  files: FileEstimate[]
  total: Figures & {files: number}
  /** Files that could not be read or parsed, with their messages. */
  failed: VFile[]
  /** The name glossary's lint messages; with an error among them, nothing was counted. */
  glossary: VFile
}

/** Count, per file, what a build would send: the same run and request plan the build uses (`runProject`). */
export async function estimate(options: EstimateOptions = {}): Promise<Estimate> {
  const project = options.project ?? (await openProject(options))
  const empty = {segments: 0, memoryHits: 0, toTranslate: 0, billedCharacters: 0, requests: 0, inputTokens: 0, outputTokens: 0}
  const result: Estimate = {files: [], total: {...empty, files: 0}, failed: [], glossary: project.glossary.file}
  if (project.glossaryBroken) return result
  const memory = await TranslationMemory.open(path.join(project.root, project.settings.memoryPath), {root: project.root, readOnly: true})
  const run = await runProject({project, memory, dryRun: true, ...(options.limits ? {limits: options.limits} : {})})
  for (const [index, file] of run.files.entries()) {
    const figures = run.figures[index]
    const data = file.data.tandem
    if (!figures || !data || file.messages.some((message) => message.fatal)) {
      result.failed.push(file)
      continue
    }
    result.files.push({file: data.sourcePath, sourceHash: data.sourceHash, ...figures})
  }
  result.total = {...run.total, files: result.files.length}
  return result
}

/** Cost of `billedCharacters` at `pricePerMillion`. */
export function costOf(billedCharacters: number, pricePerMillion: number = DEFAULTS.price.perMillion): number {
  return (billedCharacters / 1_000_000) * pricePerMillion
}
