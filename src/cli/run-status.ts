import type {i18n} from 'i18next'
import {createI18n} from '../i18n/index.ts'
import {readFile} from 'node:fs/promises'
import path from 'node:path'
import {parse} from 'yaml'
import {costOf, estimate, type FileEstimate} from '../pipeline/estimate.ts'
import {findOrphans} from '../pipeline/orphans.ts'
import {openProject, type Project} from '../pipeline/project.ts'
import {fileExists, reportFiles, type CliIo} from './io.ts'
import {openaiLimits} from '../providers/openai.ts'
import {money, sends} from './run-build.ts'

export interface StatusCommandOptions {
  targetLang?: string
  json?: boolean
  price?: number
}

/** The resource key of each state, as `tandem status` prints it (the JSON keeps the English state). */
const stateKeys = {
  'up to date': 'cli.status.upToDate',
  'not built': 'cli.status.notBuilt',
  'source changed': 'cli.status.sourceChanged',
  'glossary changed': 'cli.status.glossaryChanged',
  'source and glossary changed': 'cli.status.sourceAndGlossaryChanged'
} as const

/** Why a file needs a build, or `up to date`. */
export type FileState = 'up to date' | 'not built' | 'source changed' | 'glossary changed' | 'source and glossary changed'

export interface FileStatus extends FileEstimate {
  state: FileState
  /** The English edition, relative to the root. */
  english: string
}

/**
 * `tandem status`: compare each German file and the names file with what its English front matter says it was
 * built from (`translation.sourceHash`, `translation.glossary`), and count what a build would send. Sends nothing.
 */
export async function runStatus(files: string[], options: StatusCommandOptions, io: CliIo, ui: i18n = createI18n('en')): Promise<number> {
  const {t} = ui
  const project = await openProject({
    root: io.cwd,
    ...(files.length > 0 ? {files} : {}),
    settings: {targetLang: options.targetLang, price: {perMillion: options.price}}
  })
  const price = project.settings.price.perMillion
  // The plan of the provider the project uses: an LLM's requests are smaller.
  const llm = project.settings.provider === 'openai'
  const counted = await estimate({project, ...(llm ? {limits: openaiLimits(project.settings.openai)} : {})})
  const exitCode = reportFiles([counted.glossary, ...counted.failed, ...counted.editions], io, ui)
  const statuses = await Promise.all(counted.files.map((file) => fileStatus(project, file)))
  const stale = statuses.filter((status) => status.state !== 'up to date').length
  const orphans = await findOrphans(project)
  if (options.json) {
    io.stdout(
      JSON.stringify(
        {
          files: statuses,
          total: {...counted.total, stale, cost: costOf(counted.total.billedCharacters, price)},
          postEditing: counted.postEditing,
          orphans,
          pricePerMillion: price
        },
        null,
        2
      )
    )
    return exitCode
  }
  const width = Math.max(0, ...statuses.map((status) => status.file.length))
  for (const status of statuses) {
    const sending = status.toTranslate > 0 ? `; ${sends(status, t)}` : ''
    const {toHarvest, stale, unpaired} = status.postEdits
    const edits = [
      toHarvest > 0 ? `; ${t('cli.status.toHarvest', {count: toHarvest})}` : '',
      stale.length > 0 ? `; ${t('cli.status.stale', {count: stale.length})}` : '',
      unpaired ? `; ${t('cli.status.unpaired', {file: status.english})}` : ''
    ].join('')
    io.stdout(`${status.file.padEnd(width)}  ${t(stateKeys[status.state])}${sending}${edits}`)
    // Each stale post-edit at its German place, as an editor jumps to it.
    for (const entry of stale) {
      const text = entry.text.length > 100 ? `${entry.text.slice(0, 99)}…` : entry.text
      io.stdout(`  ${status.file}:${entry.line}:${entry.column}  ${t('cli.status.staleLine', {text})}`)
    }
  }
  for (const orphan of orphans) {
    io.stdout(`${orphan.source}  ${t(orphan.postEdited ? 'cli.status.orphanPostEdited' : 'cli.status.orphan', {outputs: orphan.outputs.join(', ')})}`)
  }
  for (const figures of counted.postEditing) {
    if (figures.postEdited === 0) continue
    const {provider, model, postEdited: edited, segments} = figures
    io.stdout(t('cli.status.postEditing', {provider, model, edited, segments, ter: figures.meanTer.toFixed(2), untouched: Math.round(figures.untouched * 100)}))
  }
  const total = counted.total
  const summary = t('cli.status.summary', {count: total.files, upToDate: total.files - stale, stale})
  io.stdout(
    total.toTranslate > 0
      ? `${summary}; ${t('cli.status.sends', {sends: sends(total, t), cost: money(costOf(total.billedCharacters, price))})}`
      : `${summary}; ${t('cli.status.sendsNothing')}`
  )
  return exitCode
}

async function fileStatus(project: Project, file: FileEstimate): Promise<FileStatus> {
  const {settings, root} = project
  const relative = path.relative(settings.sourceDir, file.file)
  const english = path.join(settings.targetDir, relative).split(path.sep).join('/')
  const parallel = path.join(root, settings.parallelDir, relative)
  const built = await builtFrom(path.join(root, english))
  let state: FileState
  if (!built || !(await fileExists(parallel))) state = 'not built'
  else {
    const source = built.sourceHash !== file.sourceHash
    const glossary = built.glossary !== file.glossary
    state = source && glossary ? 'source and glossary changed' : source ? 'source changed' : glossary ? 'glossary changed' : 'up to date'
  }
  return {...file, state, english}
}

/** `translation.sourceHash` and `translation.glossary` of an English edition; undefined when it is missing or has none. */
async function builtFrom(file: string): Promise<{sourceHash: string; glossary: string} | undefined> {
  let text: string
  try {
    text = await readFile(file, 'utf8')
  } catch {
    return undefined
  }
  const yaml = /^---\n([\s\S]*?)\n---(?:\n|$)/.exec(text)?.[1]
  if (yaml === undefined) return undefined
  let data: unknown
  try {
    data = parse(yaml)
  } catch {
    return undefined
  }
  const translation = (data as {translation?: {sourceHash?: unknown; glossary?: unknown}} | null)?.translation
  if (typeof translation?.sourceHash !== 'string') return undefined
  return {sourceHash: translation.sourceHash, glossary: typeof translation.glossary === 'string' ? translation.glossary : ''}
}
