import {readFile} from 'node:fs/promises'
import path from 'node:path'
import type {i18n} from 'i18next'
import {VFile} from 'vfile'
import {tandemData} from '../core/data.ts'
import type {Placeholder, Segment} from '../core/types.ts'
import {writeFileAtomic} from '../core/write-file-atomic.ts'
import {formatNamesFile, insertEntry, parseNamesFile} from '../glossary/names-file.ts'
import {planImport, planXliffImport} from '../interchange/import-units.ts'
import {readTbx, writeTbx} from '../interchange/tbx.ts'
import {readTmx, writeTmx} from '../interchange/tmx.ts'
import {readXliff, writeXliff, type XliffVersion} from '../interchange/xliff.ts'
import {fail} from '../interchange/xml.ts'
import {TranslationMemory} from '../memory/translation-memory.ts'
import {openProject, type Project} from '../pipeline/project.ts'
import {segmentFiles} from '../pipeline/segment-files.ts'
import {countMessages} from './report.ts'
import {EXIT, reportFiles, type CliIo} from './io.ts'
import {isoToday} from '../core/today.ts'
import {fileMessage, phrase} from '../core/phrase.ts'

/** Written into the files' tool fields. */
const toolVersion = '0.1.0'


interface Opened {
  project: Project
  memory: TranslationMemory
  /** Every segment of content/de (or of the files asked for), keyed as a build keys them. */
  segments: Segment[]
  /** German files that could not be read or segmented. */
  broken: VFile[]
  files: VFile[]
}

async function open(io: CliIo, ui: i18n, options: {targetLang?: string; files?: string[]}): Promise<Opened | number> {
  const project = await openProject({root: io.cwd, targetLang: options.targetLang, ...(options.files?.length ? {files: options.files} : {})})
  if (project.glossaryBroken) return reportFiles([project.glossary.file], io, ui)
  const memory = await TranslationMemory.open(path.join(project.root, project.settings.memoryPath))
  const files = await segmentFiles(project, memory)
  const broken = files.filter((file) => file.messages.some((message) => message.fatal))
  const segments = files.flatMap((file) => (file.data.tandem ? tandemData(file).segments : []))
  return {project, memory, segments, broken, files}
}

async function readInput(io: CliIo, input: string): Promise<{file: VFile; bytes?: Uint8Array}> {
  const file = new VFile({path: path.resolve(io.cwd, input), cwd: io.cwd})
  try {
    return {file, bytes: await readFile(file.path)}
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code
    fail(file, code === 'ENOENT' ? phrase('messages.unreadable-file.missing', 'no such file') : phrase('messages.unreadable-file.other', 'cannot read the file ({{code}})', {code: String(code)}), undefined)
    return {file}
  }
}

/** `tandem memory export --format tmx -o FILE`: the whole memory as TMX 1.4b. */
export async function runMemoryExport(options: {output: string; targetLang?: string}, io: CliIo, ui: i18n): Promise<number> {
  const opened = await open(io, ui, options)
  if (typeof opened === 'number') return opened
  const placeholders = new Map<string, readonly Placeholder[]>()
  for (const segment of opened.segments) placeholders.set(segment.key, segment.placeholders)
  const records = [...opened.memory.entries()].filter((record) => !record.part)
  const output = path.resolve(io.cwd, options.output)
  await writeFileAtomic(
    output,
    writeTmx(records, {
      sourceLang: opened.project.settings.sourceLang,
      targetLang: opened.project.settings.targetLang,
      toolVersion,
      placeholders: (record) => placeholders.get(record.key)
    })
  )
  io.stderr(ui.t('cli.tmxExported', {count: records.length, file: path.relative(io.cwd, output)}))
  return EXIT.ok
}

export interface TmxImportOptions {
  origin: 'human' | 'import'
  prefer?: 'import'
  targetLang?: string
}

/** `tandem memory import FILE.tmx`: a TMX's units into the memory, keyed as the build keys them. */
export async function runTmxImport(input: string, options: TmxImportOptions, io: CliIo, ui: i18n): Promise<number> {
  const opened = await open(io, ui, options)
  if (typeof opened === 'number') return opened
  const {project, memory} = opened
  const {file, bytes} = await readInput(io, input)
  const units = bytes ? readTmx(file, bytes, project.settings) : []
  const plan = planImport(units, {
    memory,
    segments: opened.segments,
    matcher: project.matcher,
    sourceLang: project.settings.sourceLang,
    targetLang: project.settings.targetLang,
    formality: project.settings.formality,
    origin: options.origin,
    preferImport: options.prefer === 'import',
    today: isoToday(),
    note: `imported from ${path.basename(file.path)}`
  })
  for (const {unit, reason} of plan.rejected) {
    fail(file, phrase('messages.interchange-tags.segment', 'the inline codes of this unit do not match its segment in {{dir}}: {{problem}}', {dir: project.settings.sourceDir, problem: reason}), unit.targetPlace)
  }
  // An error anywhere in the file imports nothing from it: the translator fixes it and imports again.
  if (countMessages([file]).errors === 0) {
    await memory.append(plan.records)
    await memory.compact()
  }
  const exitCode = reportFiles([file, ...opened.broken], io, ui)
  if (countMessages([file]).errors === 0) {
    io.stderr(
      ui.t('cli.tmxImported', {
        file: path.relative(io.cwd, file.path),
        units: units.length,
        matched: plan.matched,
        dir: project.settings.sourceDir,
        added: plan.added,
        unchanged: plan.unchanged,
        conflicts: plan.conflicts
      })
    )
  }
  return exitCode
}

/** `tandem xliff export FILE.md… -o OUT.xlf`: the segments of articles with their current targets, for post-editing. */
export async function runXliffExport(
  files: string[],
  options: {output: string; xliffVersion: XliffVersion; targetLang?: string},
  io: CliIo,
  ui: i18n
): Promise<number> {
  const opened = await open(io, ui, {...options, files})
  if (typeof opened === 'number') return opened
  if (opened.broken.length > 0) return reportFiles(opened.broken, io, ui)
  const articles = opened.files.map((file) => ({
    original: path.relative(opened.project.root, file.path).split(path.sep).join('/'),
    segments: tandemData(file)
      .segments.filter((segment) => segment.source !== '')
      .map((segment) => {
        const record = opened.memory.get(segment.key)
        return {
          id: segment.id,
          source: segment.source,
          ...(record ? {target: record.target, origin: record.origin} : {}),
          placeholders: segment.placeholders,
          matches: segment.matches
        }
      })
  }))
  const output = path.resolve(io.cwd, options.output)
  await writeFileAtomic(
    output,
    writeXliff(articles, {
      version: options.xliffVersion,
      sourceLang: opened.project.settings.sourceLang,
      targetLang: opened.project.settings.targetLang,
      toolVersion
    })
  )
  const units = articles.reduce((sum, article) => sum + article.segments.length, 0)
  io.stderr(ui.t('cli.xliffExported', {count: units, articles: articles.length, file: path.relative(io.cwd, output)}))
  return EXIT.ok
}

/** `tandem xliff import FILE.xlf`: post-edited targets back as human translations, current from the next build on. */
export async function runXliffImport(input: string, options: {targetLang?: string; author?: string}, io: CliIo, ui: i18n): Promise<number> {
  const {file, bytes} = await readInput(io, input)
  const units = bytes ? readXliff(file, bytes) : []
  const originals = [...new Set(units.map((unit) => unit.original ?? ''))]
  const opened = await open(io, ui, {targetLang: options.targetLang})
  if (typeof opened === 'number') return opened
  const {project, memory} = opened
  const articles = new Map<string, Segment[]>()
  for (const vfile of opened.files) {
    if (!vfile.data.tandem) continue
    articles.set(path.relative(project.root, vfile.path).split(path.sep).join('/'), tandemData(vfile).segments)
  }
  const plan = planXliffImport(units, {
    memory,
    articles,
    sourceLang: project.settings.sourceLang,
    targetLang: project.settings.targetLang,
    today: isoToday(),
    ...(options.author ? {author: options.author} : {})
  })
  for (const {unit, reason} of plan.rejected) {
    fail(file, phrase('messages.interchange-tags.xliff', 'the tags of this target do not match its source: {{problem}}', {problem: reason}), unit.targetPlace)
  }
  for (const unit of plan.missing) {
    const reason = articles.has(unit.original ?? '')
      ? phrase('messages.xliff-missing-segment.segment', 'segment `{{id}}` is no longer in {{article}}; its target was not imported', {id: String(unit.id), article: String(unit.original)})
      : phrase('messages.xliff-missing-segment.article', '{{article}} is not an article of {{dir}}; its target was not imported', {article: String(unit.original), dir: project.settings.sourceDir})
    fileMessage(file, 'warning', reason, unit.place)
  }
  for (const unit of plan.stale) {
    const reason = phrase('messages.xliff-stale-segment', 'the German of segment `{{id}}` changed since this file was exported; its target was not imported', {id: String(unit.id)})
    fileMessage(file, 'warning', reason, unit.place)
  }
  const clean = countMessages([file]).errors === 0
  if (clean) {
    await memory.append(plan.records)
    await memory.compact()
  }
  const exitCode = reportFiles([file], io, ui)
  if (clean) {
    io.stderr(
      ui.t('cli.xliffImported', {
        file: path.relative(io.cwd, file.path),
        changed: plan.changed,
        unchanged: plan.unchanged,
        missing: plan.missing.length,
        stale: plan.stale.length,
        articles: originals.length
      })
    )
  }
  return exitCode
}

/** `tandem glossary export --format tbx -o FILE`. */
export async function runGlossaryExport(options: {output: string}, io: CliIo, ui: i18n): Promise<number> {
  const project = await openProject({root: io.cwd})
  if (project.glossaryBroken) return reportFiles([project.glossary.file], io, ui)
  const output = path.resolve(io.cwd, options.output)
  await writeFileAtomic(output, writeTbx(project.glossary.entries, {sourceLang: project.settings.sourceLang, targetLang: 'en'}))
  io.stderr(ui.t('cli.tbxExported', {count: project.glossary.entries.length, file: path.relative(io.cwd, output)}))
  return EXIT.ok
}

/**
 * `tandem glossary import FILE.tbx`: names the glossary lacks are added (sorted in, comments kept);
 * a name the glossary has with another English form is an error, and the file is linted before it is written.
 */
export async function runGlossaryImport(input: string, io: CliIo, ui: i18n): Promise<number> {
  const project = await openProject({root: io.cwd, allowMissingGlossary: true})
  if (project.glossaryBroken) return reportFiles([project.glossary.file], io, ui)
  const {file, bytes} = await readInput(io, input)
  const entries = bytes ? readTbx(file, bytes, {sourceLang: project.settings.sourceLang, targetLang: 'en'}) : []
  const known = new Map(project.glossary.entries.map((entry) => [entry.de, entry]))
  let text = project.glossary.bytes ? Buffer.from(project.glossary.bytes).toString('utf8') : ''
  let added = 0
  let unchanged = 0
  for (const entry of entries) {
    const existing = known.get(entry.de)
    if (existing) {
      if (existing.en === entry.en) unchanged++
      else {
        const reason = phrase('messages.tbx-conflict', '`{{de}}` is `{{en}}` here but `{{existing}}` in {{glossary}}:{{line}}; change one of them', {
          de: entry.de,
          en: entry.en,
          existing: existing.en,
          glossary: project.settings.glossaryPath,
          line: existing.line
        })
        fail(file, reason, entry.place)
      }
      continue
    }
    const row = {de: entry.de, en: entry.en, kind: entry.kind, note: entry.note}
    text = text === '' ? formatNamesFile([row]) : insertEntry(text, row)
    known.set(entry.de, {...row, line: 0})
    added++
  }
  if (countMessages([file]).errors > 0) return reportFiles([file], io, ui)
  // Lint what would be written, so that a chain or a bad field never lands in the file.
  const check = new VFile({path: project.glossary.path, cwd: io.cwd})
  parseNamesFile(check, Buffer.from(text))
  if (countMessages([check]).errors > 0) return reportFiles([file, check], io, ui)
  if (added > 0) await writeFileAtomic(project.glossary.path, text)
  const exitCode = reportFiles([file], io, ui)
  io.stderr(ui.t('cli.tbxImported', {file: path.relative(io.cwd, file.path), added, unchanged, glossary: project.settings.glossaryPath}))
  return exitCode
}
