import type {i18n} from 'i18next'
import {VFile} from 'vfile'
import {formatNamesFile, insertEntry, parseNamesFile} from '../glossary/names-file.ts'
import {SpellingSuggester, type NameSuggestions} from '../glossary/suggest-names.ts'
import {openProject} from '../pipeline/project.ts'
import {writeFileAtomic} from '../core/write-file-atomic.ts'
import {projectCandidates} from './run-glossary.ts'
import {countMessages} from './report.ts'
import {EXIT, reportFiles, type CliIo} from './io.ts'

/**
 * `tandem glossary suggest [--json] [--add] [NAME…]`: English spellings for German-press names
 * (by default the names `glossary candidates` finds), best first with the reason for each.
 * With `--add`, the best ones go into the names file as `glossary add` would write them.
 */
export async function runGlossarySuggest(names: string[], options: {json?: boolean; add?: boolean}, io: CliIo, ui: i18n): Promise<number> {
  const project = await openProject({root: io.cwd, allowMissingGlossary: true})
  if (project.glossaryBroken) return reportFiles([project.glossary.file], io, ui)
  let wanted = names
  if (wanted.length === 0) {
    const {candidates, vfiles} = await projectCandidates(project, io.cwd)
    const failed = vfiles.filter((file) => file.messages.some((message) => message.fatal))
    if (failed.length > 0) return reportFiles(failed, io, ui)
    // Acronyms are names, but there is nothing to spell.
    wanted = candidates.filter((candidate) => candidate.reason !== 'acronym').map((candidate) => candidate.text)
  }
  const suggester = new SpellingSuggester(project.glossary.entries)
  const answers = [...new Set(wanted.map((name) => name.trim()).filter((name) => name !== ''))].map((name) => suggester.suggest(name))

  if (options.json) io.stdout(JSON.stringify(answers, null, 2))
  else for (const answer of answers) io.stdout([answer.de, answer.suggestions[0]?.en ?? '', answer.suggestions[0]?.why ?? ''].join('\t'))
  const known = new Set(project.glossary.entries.map((entry) => entry.de))
  const lacking = answers.filter((answer) => !known.has(answer.de))
  io.stderr(ui.t('cli.suggested', {count: lacking.length, file: project.settings.glossaryPath}))
  if (!options.add || lacking.length === 0) return EXIT.ok
  return addBest(lacking, project.glossary, io, ui, project.settings.glossaryPath)
}

/** Write the best spelling of each name into the names file, linted first; nothing is written when lint fails. */
async function addBest(
  answers: readonly NameSuggestions[],
  glossary: {path: string; bytes?: Uint8Array},
  io: CliIo,
  ui: i18n,
  displayPath: string
): Promise<number> {
  let content = glossary.bytes ? Buffer.from(glossary.bytes).toString('utf8') : ''
  let added = 0
  for (const answer of answers) {
    const best = answer.suggestions[0]
    if (!best) continue
    const entry = {de: answer.de, en: best.en, kind: answer.kind, note: ''}
    content = content === '' ? formatNamesFile([entry]) : insertEntry(content, entry)
    added++
  }
  // The same check as `glossary add`: a chain, a conflict or a bad field never lands in the file.
  const check = new VFile({path: glossary.path, cwd: io.cwd})
  parseNamesFile(check, Buffer.from(content))
  if (countMessages([check]).errors > 0) return reportFiles([check], io, ui)
  await writeFileAtomic(glossary.path, content)
  io.stderr(ui.t('cli.suggestAdded', {count: added, file: displayPath}))
  return EXIT.ok
}
