import path from 'node:path'
import type {VFile} from 'vfile'
import {VFileMessage} from 'vfile-message'
import {pairTranslations} from '../memory/pair-translations.ts'
import {rekeyMemory} from '../memory/rekey.ts'
import {TranslationMemory} from '../memory/translation-memory.ts'
import {openProject} from '../pipeline/project.ts'
import {readSourceFile} from '../pipeline/read-source.ts'
import {segmentFiles} from '../pipeline/segment-files.ts'
import {tandemData} from '../core/data.ts'
import {createI18n} from '../i18n/index.ts'
import {EXIT, lockWaitLine, reportFiles, type CliIo} from './io.ts'

export interface MemoryImportOptions {
  origin: 'human' | 'import'
  date?: string
  targetLang: string
}

/** `tandem memory import`: pair a German file with an existing English version and keep the pairs. */
export async function runMemoryImport(german: string, english: string, options: MemoryImportOptions, io: CliIo): Promise<number> {
  const project = await openProject({root: io.cwd, targetLang: options.targetLang})
  if (project.glossaryBroken) return reportFiles([project.glossary.file], io)
  const files = await Promise.all([german, english].map((input) => readSourceFile(path.resolve(io.cwd, input), io.cwd)))
  const [germanFile, englishFile] = files as [VFile, VFile]
  let added = 0
  if (!files.some((file) => file.messages.some((message) => message.fatal))) {
    try {
      const records = await pairTranslations(germanFile, englishFile, {
        sourceLang: project.settings.sourceLang,
        targetLang: project.settings.targetLang,
        frontmatterFields: project.settings.frontmatterFields,
        matcher: project.matcher,
        origin: options.origin,
        date: options.date ?? new Date().toISOString().slice(0, 10)
      })
      const memory = await TranslationMemory.open(path.join(project.root, project.settings.memoryPath), {root: project.root, onWait: (wait) => io.stderr(lockWaitLine(wait, io, createI18n('en')))})
      await memory.append(records)
      await memory.compact()
      added = records.length
    } catch (error) {
      if (!(error instanceof VFileMessage)) throw error
    }
  }
  const exitCode = reportFiles(files, io)
  if (exitCode === EXIT.ok) io.stderr(`${added} pairs added to ${project.settings.memoryPath}`)
  return exitCode
}

/** `tandem memory rekey`: give translations stored under older keys (an older glossary) the current ones. */
export async function runMemoryRekey(files: string[], options: {targetLang: string}, io: CliIo): Promise<number> {
  const project = await openProject({root: io.cwd, targetLang: options.targetLang, ...(files.length > 0 ? {files} : {})})
  if (project.glossaryBroken) return reportFiles([project.glossary.file], io)
  const memory = await TranslationMemory.open(path.join(project.root, project.settings.memoryPath), {root: project.root, onWait: (wait) => io.stderr(lockWaitLine(wait, io, createI18n('en')))})
  const vfiles = await segmentFiles(project, memory)
  const segments = vfiles.flatMap((file) => file.data.tandem ? tandemData(file).segments : [])
  const added = await rekeyMemory(memory, segments, project.settings)
  await memory.compact()
  const exitCode = reportFiles(vfiles.filter((file) => file.messages.some((message) => message.fatal)), io)
  io.stderr(`${added.length} translations re-keyed in ${project.settings.memoryPath}`)
  return exitCode
}
