/** The article, glossary and built project the interchange suites share. */
import {expect} from 'vitest'
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

