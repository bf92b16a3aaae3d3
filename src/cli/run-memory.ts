import {readFile} from 'node:fs/promises'
import type {i18n} from 'i18next'
import path from 'node:path'
import {VFile} from 'vfile'
import {VFileMessage} from 'vfile-message'
import {pairFiles} from '../pipeline/pair-files.ts'
import {rekeyMemory} from '../memory/rekey.ts'
import {postEditDistance} from '../memory/post-edit-distance.ts'
import {recordId} from '../core/key.ts'
import {mergeMemories} from '../memory/merge-memories.ts'
import {MemoryFileError, parseMemory, TranslationMemory, type MemoryLine} from '../memory/translation-memory.ts'
import {writeFileAtomic} from '../core/write-file-atomic.ts'
import {openProject} from '../pipeline/project.ts'
import {readSourceFile} from '../pipeline/read-source.ts'
import {segmentFiles} from '../pipeline/segment-files.ts'
import {tandemData} from '../core/data.ts'
import {EXIT, lockWaitLine, reportFiles, type CliIo} from './io.ts'
import {isoToday} from '../core/today.ts'
import {fileMessage, phrase} from '../core/phrase.ts'

export interface MemoryImportOptions {
  origin: 'human' | 'import'
  date?: string
  targetLang?: string
}

/** `tandem memory import`: pair a German file with an existing English version and keep the pairs. */
export async function runMemoryImport(german: string, english: string, options: MemoryImportOptions, io: CliIo, ui: i18n): Promise<number> {
  const project = await openProject({root: io.cwd, targetLang: options.targetLang})
  if (project.glossaryBroken) return reportFiles([project.glossary.file], io, ui)
  const files = await Promise.all([german, english].map((input) => readSourceFile(path.resolve(io.cwd, input), io.cwd)))
  const [germanFile, englishFile] = files as [VFile, VFile]
  let added = 0
  let memory: TranslationMemory | undefined
  if (!files.some((file) => file.messages.some((message) => message.fatal))) {
    try {
      const records = await pairFiles(germanFile, englishFile, {
        sourceLang: project.settings.sourceLang,
        targetLang: project.settings.targetLang,
        formality: project.settings.formality,
        frontmatterFields: project.settings.frontmatterFields,
        matcher: project.matcher,
        origin: options.origin,
        date: options.date ?? isoToday()
      })
      memory = await openMemory(project.root, project.settings.memoryPath, io, ui)
      const store = memory
      // A pair the memory already has (an unedited machine translation) keeps its record and origin; an edited
      // one names the record it replaces and how far it moved from the machine text.
      const fresh = records
        .filter((record) => !store.all(record.key).some((existing) => existing.target === record.target))
        .map((record) => {
          const shown = store.get(record.key)
          const machine = store.all(record.key).find((existing) => existing.origin === 'mt')
          return {
            ...record,
            ...(shown ? {replaces: recordId(shown)} : {}),
            ...(machine && record.origin === 'human' ? {postEdit: postEditDistance(machine.target, record.target)} : {})
          }
        })
      await memory.append(fresh)
      await memory.compact()
      added = fresh.length
    } catch (error) {
      if (!(error instanceof VFileMessage)) throw error
    }
  }
  const exitCode = reportFiles([...files, ...(memory ? [memory.file] : [])], io, ui)
  if (exitCode === EXIT.ok) io.stderr(ui.t('cli.pairsAdded', {count: added, memory: project.settings.memoryPath}))
  return exitCode
}

/** `tandem memory rekey`: give translations stored under older keys (an older glossary) the current ones. */
export async function runMemoryRekey(files: string[], options: {targetLang?: string}, io: CliIo, ui: i18n): Promise<number> {
  const project = await openProject({root: io.cwd, targetLang: options.targetLang, ...(files.length > 0 ? {files} : {})})
  if (project.glossaryBroken) return reportFiles([project.glossary.file], io, ui)
  const memory = await openMemory(project.root, project.settings.memoryPath, io, ui)
  const vfiles = await segmentFiles(project, memory)
  const segments = vfiles.flatMap((file) => file.data.tandem ? tandemData(file).segments : [])
  const {added, skipped} = await rekeyMemory(memory, segments, project.settings)
  await memory.compact()
  // What was not carried over, at its German place, on files of their own: the files' QA warnings are `tandem check`'s to show.
  const fileOf = new Map(vfiles.flatMap((file) => (file.data.tandem ? tandemData(file).segments : []).map((segment) => [segment, file.path] as const)))
  const notes = new Map<string, VFile>()
  for (const {segment, reason, place} of skipped) {
    const filePath = fileOf.get(segment) ?? ''
    const note = notes.get(filePath) ?? new VFile({path: filePath, cwd: io.cwd})
    notes.set(filePath, note)
    fileMessage(note, 'info', reason, place)
  }
  const exitCode = reportFiles([memory.file, ...vfiles.filter((file) => file.messages.some((message) => message.fatal)), ...notes.values()], io, ui)
  const rekeyed = ui.t('cli.rekeyed', {count: added.length, memory: project.settings.memoryPath})
  io.stderr(skipped.length > 0 ? `${rekeyed}; ${ui.t('cli.rekeySkipped', {count: skipped.length})}` : rekeyed)
  return exitCode
}

/** The memory, saying on stderr when it waits for another process's lock; its messages are on `memory.file`. */
async function openMemory(root: string, memoryPath: string, io: CliIo, ui: i18n): Promise<TranslationMemory> {
  return TranslationMemory.open(path.join(root, memoryPath), {root, onWait: (wait) => io.stderr(lockWaitLine(wait, io, ui))})
}

/** The two lines that make git merge memories with `tandem memory merge`. */
export const mergeSetup = {
  attributes: 'memory/*.jsonl merge=tandem-memory',
  config: 'git config merge.tandem-memory.driver "npx tandem memory merge %O %A %B"'
} as const

/**
 * `tandem memory merge BASE OURS THEIRS`, git's merge driver for memories: the merged memory is written to
 * OURS. Broken lines in any of the three are errors at their place, and OURS is left alone (git then reports
 * a conflict).
 */
export async function runMemoryMerge(files: string[], options: {setup?: boolean}, io: CliIo, ui: i18n): Promise<number> {
  if (options.setup) {
    io.stdout(`${mergeSetup.attributes}\n${mergeSetup.config}`)
    return EXIT.ok
  }
  if (files.length !== 3) {
    io.stderr(`tandem: ${ui.t('cli.memoryMergeUsage')}`)
    return EXIT.fatal
  }
  const parsed: MemoryLine[][] = []
  const broken: VFile[] = []
  for (const file of files) {
    const absolute = path.resolve(io.cwd, file)
    const vfile = new VFile({path: absolute, cwd: io.cwd})
    try {
      const memory = parseMemory(await readFile(absolute), absolute, io.cwd, vfile)
      if (memory.torn) {
        fileMessage(vfile, 'error', phrase('messages.memory-torn-line.merge', 'the last line is cut short; repair it, then merge again'), {line: memory.torn.line, column: 1})
        broken.push(vfile)
      }
      parsed.push(memory.lines)
    } catch (error) {
      if (!(error instanceof MemoryFileError)) throw error
      broken.push(error.file)
    }
  }
  if (broken.length > 0) return reportFiles(broken, io, ui)
  const [base = [], ours = [], theirs = []] = parsed
  await writeFileAtomic(path.resolve(io.cwd, files[1] ?? ''), mergeMemories(base, ours, theirs))
  return EXIT.ok
}
