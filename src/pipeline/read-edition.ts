import path from 'node:path'
import {VFile} from 'vfile'
import {sha256} from '../core/hash.ts'
import {withLock} from '../core/lock-file.ts'
import {readSmallFile} from '../core/read-small-file.ts'
import type {EnglishEdition} from '../memory/harvest-post-edits.ts'
import {readWrittenState, type WrittenState} from '../memory/written-state.ts'
import {blockSkeleton} from '../segment/block-skeleton.ts'
import type {createEnglishSegmenter} from './processor.ts'
import type {Project} from './project.ts'
import {checkSourceBytes} from './read-source.ts'

/**
 * Where the English edition and the side-by-side view of a German file are, where what tandem wrote is recorded, and the lock
 * under which the two are written and read together (all absolute): another build writing the same article
 * at the same time must never be seen half done, or its fresh machine text would pass for a post-edit.
 */
export function editionPaths(project: Project, germanPath: string): {english: string; parallel: string; state: string; lock: string} {
  const relative = path.relative(project.sourceDir, germanPath)
  const state = path.join(project.root, project.settings.writtenDir, `${relative}.json`)
  return {
    english: path.join(project.root, project.settings.targetDir, relative),
    parallel: path.join(project.root, project.settings.parallelDir, relative),
    state,
    lock: `${state}.lock`
  }
}

/**
 * A reader of English editions for `harvestPostEdits`: an edition whose bytes are what tandem last wrote is
 * not parsed (a rebuild with nothing edited reads two small files per article, no more); an edited one is
 * segmented as the English it is.
 */
export function createEditionReader(project: Project, options: {readOnly?: boolean} = {}): (germanPath: string) => Promise<EnglishEdition | undefined> {
  // Loaded when a first edition was edited: a rebuild with nothing edited never loads remark.
  let segmenter: Promise<ReturnType<typeof createEnglishSegmenter>> | undefined
  const loadSegmenter = () => (segmenter ??= import('./processor.ts').then(({createEnglishSegmenter}) => createEnglishSegmenter(project.settings)))
  return async (germanPath) => {
    const paths = editionPaths(project, germanPath)
    const file = new VFile({path: paths.english, cwd: project.root})
    // Unedited (the bytes are what the record says) needs no lock: a build writes the edition, then its record.
    // Anything else is read again under the lock, so that another build's write is never seen half done.
    // What only reads takes no lock at all (it never writes); at worst it counts what a build is changing.
    let found = await readEditionFiles(paths)
    if (!options.readOnly && (found.digest === undefined || found.digest !== found.state?.english)) {
      found = await withLock(paths.lock, project.settings.lock, () => readEditionFiles(paths))
    }
    const {bytes, digest, state} = found
    if (bytes === undefined || digest === undefined) return state ? {file, state} : undefined
    const withState = state ? {state, digest} : {digest}
    if (digest === state?.english) return {file, ...withState}
    if (!checkSourceBytes(file, bytes)) return {file, ...withState, broken: true}
    const english = await loadSegmenter()
    const tree = english.parse(file)
    await english.run(tree, file)
    return {file, ...withState, read: {segments: file.data.tandem?.segments ?? [], skeleton: blockSkeleton(tree)}}
  }
}

/** The English edition's bytes and its record, as they are now: read again under the lock before a build overwrites the edition. */
export async function readEditionNow(project: Project, germanPath: string): Promise<EditionFiles> {
  return readEditionFiles(editionPaths(project, germanPath))
}

interface EditionFiles {
  bytes?: Uint8Array
  /** sha256 of `bytes`. */
  digest?: string
  state?: WrittenState
}

async function readEditionFiles(paths: {english: string; state: string}): Promise<EditionFiles> {
  const bytes = readSmallFile(paths.english)
  const state = await readWrittenState(paths.state)
  return {...(bytes ? {bytes, digest: sha256(bytes)} : {}), ...(state ? {state} : {})}
}
