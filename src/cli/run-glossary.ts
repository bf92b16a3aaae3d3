import path from 'node:path'
import type {i18n} from 'i18next'
import {VFile} from 'vfile'
import {TranslationMemory} from '../memory/translation-memory.ts'
import {formatNamesFile, insertEntry, parseNamesFile, type GlossaryKind} from '../glossary/names-file.ts'
import {openProject, type Project} from '../pipeline/project.ts'
import {segmentFiles} from '../pipeline/segment-files.ts'
import {writeFileAtomic} from '../core/write-file-atomic.ts'
import {fileMessage, phrase} from '../core/phrase.ts'
import {findCandidates, type Candidate} from '../glossary/find-candidates.ts'
import {textNodes} from '../glossary/apply-name-glossary.ts'
import {countMessages} from './report.ts'
import {EXIT, reportFiles, type CliIo} from './io.ts'

/** `tandem glossary list`: the entries as TSV rows on stdout, optionally of one kind. */
export async function runGlossaryList(options: {kind?: GlossaryKind}, io: CliIo, ui: i18n): Promise<number> {
  const project = await openProject({root: io.cwd})
  for (const entry of project.glossary.entries) {
    if (!options.kind || entry.kind === options.kind) io.stdout([entry.de, entry.en, entry.kind, entry.note].join('\t'))
  }
  return reportFiles([project.glossary.file], io, ui)
}

/** `tandem glossary lint`: the file's problems with their lines. */
export async function runGlossaryLint(io: CliIo, ui: i18n): Promise<number> {
  const project = await openProject({root: io.cwd})
  const exitCode = reportFiles([project.glossary.file], io, ui)
  if (exitCode === EXIT.ok) io.stderr(ui.t('cli.glossary.lintClean', {file: project.settings.glossaryPath, count: project.glossary.entries.length}))
  return exitCode
}

/** `tandem glossary add`: a new entry, with the file kept sorted; duplicates and conflicts are refused. */
export async function runGlossaryAdd(
  de: string,
  en: string,
  options: {kind: GlossaryKind; note?: string},
  io: CliIo,
  ui: i18n
): Promise<number> {
  const project = await openProject({root: io.cwd, allowMissingGlossary: true})
  if (project.glossaryBroken) return reportFiles([project.glossary.file], io, ui)
  const entry = {de: de.trim(), en: en.trim(), kind: options.kind, note: (options.note ?? '').trim()}
  const existing = project.glossary.entries.find((other) => other.de === entry.de)
  if (existing) {
    const reason =
      existing.en === entry.en
        ? phrase('messages.glossary-add.present', '`{{de}}` is already in the glossary', {de: entry.de})
        : phrase('messages.glossary-add.other', '`{{de}}` is already `{{en}}`; edit that line to change it', {de: entry.de, en: existing.en})
    fileMessage(project.glossary.file, 'error', reason, {line: existing.line, column: 1})
    return reportFiles([project.glossary.file], io, ui)
  }
  const text = project.glossary.bytes ? Buffer.from(project.glossary.bytes).toString('utf8') : ''
  const content = text === '' ? formatNamesFile([entry]) : insertEntry(text, entry)
  // Lint what would be written, so that a chain or a bad field never lands in the file.
  const check = new VFile({path: project.glossary.path, cwd: io.cwd})
  parseNamesFile(check, Buffer.from(content))
  if (countMessages([check]).errors > 0) return reportFiles([check], io, ui)
  await writeFileAtomic(project.glossary.path, content)
  io.stderr(ui.t('cli.glossary.added', {de: entry.de, en: entry.en, file: project.settings.glossaryPath}))
  return EXIT.ok
}

/** `tandem check` (and `tandem glossary check`): glossary QA on what the memory holds, without translating. */
export async function runCheck(files: string[], options: {strict?: boolean; targetLang?: string}, io: CliIo, ui: i18n): Promise<number> {
  const project = await openProject({root: io.cwd, targetLang: options.targetLang, ...(files.length > 0 ? {files} : {})})
  if (project.glossaryBroken) return reportFiles([project.glossary.file], io, ui)
  const memory = await TranslationMemory.open(path.join(project.root, project.settings.memoryPath), {root: project.root, readOnly: true})
  const vfiles = await segmentFiles(project, memory, {strict: options.strict ?? false})
  const exitCode = reportFiles([project.glossary.file, ...vfiles], io, ui)
  const {errors, warnings} = countMessages(vfiles)
  const summary = [ui.t('cli.checked', {count: vfiles.length, errors, warnings})]
  // QA reads the English in the memory: a segment without one is not checked, and that is said, not hidden.
  const untranslated = vfiles.flatMap((file) => file.data.tandem?.segments ?? []).filter((segment) => segment.source !== '' && segment.target === undefined).length
  if (untranslated > 0) summary.push(ui.t('cli.checkSkipped', {count: untranslated}))
  io.stderr(summary.join('; '))
  return exitCode
}

/** `tandem glossary candidates`: probable names in the articles that the glossary lacks. */
export async function runGlossaryCandidates(files: string[], options: {min: number}, io: CliIo, ui: i18n): Promise<number> {
  const project = await openProject({root: io.cwd, allowMissingGlossary: true, ...(files.length > 0 ? {files} : {})})
  if (project.glossaryBroken) return reportFiles([project.glossary.file], io, ui)
  const {candidates, vfiles} = await projectCandidates(project, io.cwd)
  const shown = candidates.filter((candidate) => candidate.count >= options.min)
  for (const candidate of shown) {
    const {path: file, line, column} = candidate.first
    io.stdout([candidate.text, String(candidate.count), `${file}:${line}:${column}`, candidate.reason].join('\t'))
  }
  io.stderr(ui.t('cli.glossary.candidates', {count: shown.length, file: project.settings.glossaryPath}))
  return reportFiles(vfiles.filter((file) => file.messages.some((message) => message.fatal)), io, ui)
}

/** The names in the project's articles that its glossary lacks, with the segmented files. */
export async function projectCandidates(project: Project, cwd: string): Promise<{candidates: Candidate[]; vfiles: VFile[]}> {
  const memory = await TranslationMemory.open(path.join(project.root, project.settings.memoryPath), {root: project.root, readOnly: true})
  const vfiles = await segmentFiles(project, memory)
  const candidates = findCandidates(
    vfiles.map((file) => ({
      path: path.relative(cwd, file.path).split(path.sep).join('/'),
      nodes: (file.data.tandem?.segments ?? []).flatMap((segment) => [...textNodes(segment.sourceNodes)])
    })),
    project.matcher
  )
  return {candidates, vfiles}
}
