import {rm} from 'node:fs/promises'
import {fileExists} from '../core/file-exists.ts'
import path from 'node:path'
import type {Root} from 'mdast'
import {VFile} from 'vfile'
import harvestPostEdits from '../memory/harvest-post-edits.ts'
import type {TranslationMemory} from '../memory/translation-memory.ts'
import type {PostEditRunOptions} from './run-project.ts'
import {findMarkdown, type Project} from './project.ts'
import {createEditionReader, editionPaths} from './read-edition.ts'

/** The outputs of a German file that is gone (`git rm content/de/<slug>.md`). */
export interface Orphan {
  /** The German file that is gone, relative to the root. */
  source: string
  /** Its outputs that are still there, relative to the root. */
  outputs: string[]
  /** Its English edition holds blocks that differ from what tandem wrote (or tandem has no record of it). */
  postEdited: boolean
  /** Whether those edits can be stored in the memory: only with a record of the German each block translated. */
  harvestable: boolean
}

/** Every orphan of the project: outputs in content/en, content/parallel and memory/written whose German source is gone. */
export async function findOrphans(project: Project): Promise<Orphan[]> {
  const {root, settings} = project
  // Each output named as its German file is, relative to the source folder: `x.md`, `x.md`, `x.md.json`.
  const markdownIn = async (dir: string, ending: string) =>
    (await findMarkdown(path.join(root, dir), ending)).map((file) => path.relative(path.join(root, dir), file).slice(0, -ending.length) + '.md')
  const names = new Set([
    ...(await markdownIn(settings.targetDir, '.md')),
    ...(await markdownIn(settings.parallelDir, '.md')),
    ...(await markdownIn(settings.writtenDir, '.md.json'))
  ])
  const read = createEditionReader(project, {readOnly: true})
  const orphans: Orphan[] = []
  for (const name of [...names].sort()) {
    const german = path.join(project.sourceDir, name)
    if (await fileExists(german)) continue
    const paths = editionPaths(project, german)
    const candidates = [paths.english, paths.parallel, paths.state]
    const outputs: string[] = []
    for (const file of candidates) if (await fileExists(file)) outputs.push(path.relative(root, file).split(path.sep).join('/'))
    const edition = await read(german)
    const postEdited = edition?.read !== undefined || edition?.broken === true
    orphans.push({
      source: path.relative(root, german).split(path.sep).join('/'),
      outputs,
      postEdited,
      harvestable: !postEdited || (edition?.state !== undefined && edition.broken !== true)
    })
  }
  return orphans
}

/**
 * Store the post-edits of an orphan's English edition in the memory, as a build would have before the German was
 * removed. Returns the English file with any message about it; its human text is safe when none is fatal.
 */
export async function harvestOrphan(project: Project, memory: TranslationMemory, orphan: Orphan, options: Pick<PostEditRunOptions, 'date' | 'author'>): Promise<VFile> {
  const german = path.join(project.root, orphan.source)
  const edition = await createEditionReader(project)(german)
  const englishFile = edition?.file ?? new VFile({path: editionPaths(project, german).english, cwd: project.root})
  if (!edition?.state || !edition.read) return englishFile
  // The German is gone: the record says which German each block translated, and the memory has its text.
  const file = new VFile({path: german, cwd: project.root})
  file.data.tandem = {segments: [], sourceHash: '', sourcePath: orphan.source, stats: {memoryHits: 0, translated: 0, billedCharacters: 0}}
  const tree: Root = {type: 'root', children: []}
  const transformer = harvestPostEdits({
    memory,
    edition: () => edition,
    sourceLang: project.settings.sourceLang,
    targetLang: project.settings.targetLang,
    ...(options.date ? {date: options.date} : {}),
    ...(options.author ? {author: options.author} : {})
  })
  await transformer(tree, file)
  return englishFile
}

/** Remove an orphan's outputs. */
export async function removeOrphan(project: Project, orphan: Orphan): Promise<void> {
  for (const output of orphan.outputs) await rm(path.join(project.root, output), {force: true})
}
