/**
 * A project for the reader's tests: the repository's seed article, glossary and memory, plus an
 * article full of XSS vectors (test/fixtures/reader/xss.de.md) whose "translation" in the memory
 * is its German source again, so that the vectors reach the English column through the memory too.
 */
import {readFile} from 'node:fs/promises'
import path from 'node:path'
import type {MemoryRecord} from '../src/memory/translation-memory.ts'
import {TranslationMemory} from '../src/memory/translation-memory.ts'
import {openProject} from '../src/pipeline/project.ts'
import {segmentFiles} from '../src/pipeline/segment-files.ts'
import {copyFromRepo, createProject, memoryFile, repoRoot, type Project} from './project.ts'

export const seedSlug = 'russland-gesteht-nordkoreanische-soldaten-kaempfen-in-kursk'
export const xssSlug = 'xss'

export async function createReaderProject(): Promise<Project> {
  const project = await createProject()
  await copyFromRepo(project, 'content/de', 'glossary', 'memory')
  await project.write(`content/de/${xssSlug}.md`, await readFile(path.join(repoRoot, 'test', 'fixtures', 'reader', 'xss.de.md')))

  // The XSS article's segments, keyed as a build keys them; their sources (tagged text) are valid targets.
  const opened = await openProject({root: project.root, files: [`content/de/${xssSlug}.md`]})
  const empty = await TranslationMemory.open(path.join(project.root, 'memory', 'none.jsonl'))
  const [file] = await segmentFiles(opened, empty)
  const records: MemoryRecord[] = (file?.data.tandem?.segments ?? [])
    .filter((segment) => segment.source !== '')
    .map((segment) => ({key: segment.key, source: segment.source, target: segment.source, origin: 'human', sourceLang: 'de', targetLang: 'en-US', date: '2025-01-01'}))
  const existing = (await project.memory()).filter((record) => !records.some((added) => added.key === record.key))
  await project.write('memory/de-en.jsonl', memoryFile([...existing, ...records]))
  return project
}
