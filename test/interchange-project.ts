/** The article, glossary and built project the interchange suites share. */
import {mkdtemp, rm} from 'node:fs/promises'
import os from 'node:os'
import path from 'node:path'
import {expect} from 'vitest'
import {TranslationMemory} from '../src/memory/translation-memory.ts'
import {createProject, deeplEnv, startServer, type Project} from './project.ts'

export const names = 'de\ten\tkind\tnote\nKursk\tKursk\tplace\t\nSelenskyj\tZelensky\tperson\tPresident of Ukraine\n'
export const article = [
  '---',
  'title: Selenskyj in Kursk',
  '---',
  '',
  'Präsident **Selenskyj** besuchte [Kursk](https://example.org/kursk "Die Stadt") und sagte `hallo`.',
  '',
  'Ein zweiter Absatz ohne Auszeichnung.',
  ''
].join('\n')

/** A project with the article above built through the local DeepL server: its memory holds machine translations. */
export async function builtProject(): Promise<Project> {
  const project = await createProject({files: {'content/de/a.md': article, 'glossary/names.tsv': names}})
  const deepl = await startServer()
  const build = await project.cli(['build'], deeplEnv(deepl))
  expect(build.code).toBe(0)
  return project
}


/** Whether the memory keeps two records of one key (the shared memory model), probed on a scratch file. */
export async function keepsSeveralRecordsPerKey(): Promise<boolean> {
  const dir = await mkdtemp(path.join(os.tmpdir(), 'tandem-probe-'))
  try {
    const memory = await TranslationMemory.open(path.join(dir, 'm.jsonl'))
    const record = {key: 'k', source: 's', target: 'a', origin: 'human', sourceLang: 'de', targetLang: 'en-US', date: '2026-01-01'} as const
    await memory.append([record, {...record, target: 'b', origin: 'import'}])
    return memory.all('k').length === 2
  } finally {
    await rm(dir, {recursive: true, force: true})
  }
}
