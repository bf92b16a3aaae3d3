import path from 'node:path'
import type {i18n} from 'i18next'
import type {Root} from 'mdast'
import type {VFile} from 'vfile'
import {alignBlocks, headingDepths, toAlignBlocks, type AlignBlock, type BlockLink} from '../align/align-blocks.ts'
import {alignedTargets} from '../align/aligned-targets.ts'
import {tandemData} from '../core/data.ts'
import {taggedToPlain} from '../core/tagged-text.ts'
import type {Segment} from '../core/types.ts'
import {alignedRecords, type AlignedRecords} from '../memory/aligned-records.ts'
import {TranslationMemory} from '../memory/translation-memory.ts'
import {createSegmenter} from '../pipeline/processor.ts'
import {openProject, type Project} from '../pipeline/project.ts'
import {readSourceFile} from '../pipeline/read-source.ts'
import {reportFiles, type CliIo} from './io.ts'
import {isoToday} from '../core/today.ts'

export interface MemoryAlignOptions {
  origin: 'human' | 'import'
  minConfidence: number
  dryRun?: boolean
  date?: string
  targetLang: string
}

/**
 * `tandem memory align`: align a German file with an existing English version whose blocks differ,
 * print the alignment with `--dry-run`, else store the pairs in the memory (and list those it does not).
 */
export async function runMemoryAlign(german: string, english: string, options: MemoryAlignOptions, io: CliIo, ui: i18n): Promise<number> {
  const project = await openProject({root: io.cwd, targetLang: options.targetLang})
  if (project.glossaryBroken) return reportFiles([project.glossary.file], io, ui)
  const files = await Promise.all([german, english].map((input) => readSourceFile(path.resolve(io.cwd, input), io.cwd)))
  const [germanFile, englishFile] = files as [VFile, VFile]
  if (files.some((file) => file.messages.some((message) => message.fatal))) return reportFiles(files, io, ui)

  const de = await segmentBlocks(germanFile, project, 'de')
  const en = await segmentBlocks(englishFile, project, 'en')
  const links = alignBlocks(de, en, {names: project.glossary.entries})
  const germanSegments = de.map((block) => block.segment)
  const englishSegments = en.map((block) => block.segment)
  const relative = (file: VFile) => path.relative(io.cwd, file.path).split(path.sep).join('/')
  const result = alignedRecords(germanSegments, englishSegments, alignedTargets(germanSegments, englishSegments, links), {
    sourceLang: project.settings.sourceLang,
    targetLang: project.settings.targetLang,
    origin: options.origin,
    date: options.date ?? isoToday(),
    minConfidence: options.minConfidence,
    dePath: relative(germanFile),
    enPath: relative(englishFile)
  })
  const counts = {stored: result.records.length, pairs: result.records.length + result.skipped.length, skipped: result.skipped.length}

  if (options.dryRun) {
    io.stdout(alignmentTable(links, germanSegments, englishSegments, result, ui))
    io.stderr(ui.t('cli.align.dryRun', counts))
    return reportFiles(files, io, ui)
  }
  const memory = await TranslationMemory.open(path.join(project.root, project.settings.memoryPath))
  await memory.append(result.records)
  await memory.compact()
  for (const {target, reason} of result.skipped) {
    const where = (segment: Segment | undefined, file: VFile) => `${relative(file)}:${segment?.position.line ?? 1}:${segment?.position.column ?? 1}`
    io.stderr(ui.t('cli.align.skipped', {de: where(germanSegments[target.de], germanFile), en: where(englishSegments[target.en[0] ?? -1], englishFile), reason}))
  }
  io.stderr(ui.t('cli.align.summary', {...counts, memory: project.settings.memoryPath}))
  return reportFiles(files, io, ui)
}

async function segmentBlocks(file: VFile, project: Project, language: 'de' | 'en'): Promise<AlignBlock[]> {
  const processor = createSegmenter({
    sourceLang: project.settings.sourceLang,
    targetLang: project.settings.targetLang,
    formality: project.settings.formality,
    frontmatterFields: project.settings.frontmatterFields,
    // The German is keyed as a build keys it, glossary matches included; the English is only read.
    ...(language === 'de' ? {matcher: project.matcher} : {labelLanguage: 'en' as const})
  })
  const tree = (await processor.run(processor.parse(file), file)) as Root
  return toAlignBlocks(tandemData(file).segments, headingDepths(tree))
}

/** The alignment as a Markdown table: confidence, German, English, whether the pair is stored. */
function alignmentTable(links: readonly BlockLink[], de: readonly Segment[], en: readonly Segment[], result: AlignedRecords, ui: i18n): string {
  const reasons = new Map(result.skipped.map(({target, reason}) => [target.de, reason]))
  const cell = (segments: readonly Segment[], indices: readonly number[]) =>
    indices.length === 0 ? '–' : indices.map((index) => describe(segments[index])).join(' + ')
  const rows = links.map((link) => {
    const status =
      link.de.length === 0 || link.en.length === 0
        ? ui.t('cli.align.noPair')
        : link.de.map((index) => reasons.get(index) ?? ui.t('cli.align.stored')).filter((value, index, all) => all.indexOf(value) === index).join('; ')
    const confidence = link.de.length > 0 && link.en.length > 0 ? link.confidence.toFixed(2) : ''
    return `| ${confidence} | ${cell(de, link.de)} | ${cell(en, link.en)} | ${escapeCell(status)} |`
  })
  return [`| ${ui.t('cli.align.confidence')} | ${ui.t('parallel.source')} | ${ui.t('parallel.target')} | ${ui.t('cli.align.status')} |`, '| ---: | --- | --- | --- |', ...rows].join('\n')
}

/** A block in a table cell: its line and its opening words. */
function describe(segment: Segment | undefined): string {
  if (!segment) return ''
  const text = taggedToPlain(segment.source)
  const words = [...text].length > 48 ? `${[...text].slice(0, 47).join('').trimEnd()}…` : text
  return `${segment.position.line}: ${escapeCell(words)}`
}

function escapeCell(text: string): string {
  return text.replace(/\\/g, '\\\\').replace(/\|/g, '\\|').replace(/\n/g, ' ')
}
