/** The bench's few touch points with tandem's API, in one place. */
import {decodeXML} from 'entities'
import {build, type BuildResult} from '../src/pipeline/build.ts'
import {estimate} from '../src/pipeline/estimate.ts'
import type {Provider} from '../src/providers/provider.ts'

export {sentenceStarts} from '../src/segment/split-sentences.ts'

/** `build()` over every article of the project at `root`; throws unless every file built. */
export async function buildAll(root: string, expectedFiles: number, provider?: Provider, options: {skipUnchanged?: boolean} = {}): Promise<BuildResult> {
  const result = await build({root, ...(provider ? {provider} : {}), ...options})
  if (result.stoppedBy) throw new Error(`the build was stopped: ${result.stoppedBy.message}`)
  const failed = result.files.filter((file) => !file.ok)
  if (failed.length > 0) {
    const first = failed[0]?.file
    const message = first?.messages.find((entry) => entry.fatal) ?? first?.messages[0]
    throw new Error(`${failed.length} of ${result.files.length} files failed to build, e.g. ${first?.path}: ${message?.reason ?? 'no message'}`)
  }
  if (result.files.length !== expectedFiles) {
    const glossary = result.glossary.messages[0]
    throw new Error(`built ${result.files.length} files, expected ${expectedFiles}${glossary ? `; the glossary says: ${glossary.reason}` : ''}`)
  }
  return result
}

/** Distinct translatable segments of a build, by memory key, as tandem's own segmenting found them. */
export function segmentText(result: BuildResult): {distinctSegments: number; textCharacters: number} {
  const sources = new Map<string, string>()
  for (const built of result.files) {
    for (const segment of built.file.data.tandem?.segments ?? []) {
      if (segment.source !== '') sources.set(segment.key, segment.source)
    }
  }
  let textCharacters = 0
  for (const source of sources.values()) textCharacters += codePoints(plainText(source))
  return {distinctSegments: sources.size, textCharacters}
}

/** Tagged text without its tags, entities decoded: what a reader sees. */
export function plainText(tagged: string): string {
  return decodeXML(tagged.replace(/<[^>]*>/g, ''))
}

export function codePoints(text: string): number {
  let count = 0
  for (const _ of text) count++
  return count
}

/** `tandem build --dry-run` in this process: what a build of the project at `root` would send; throws unless every file was counted. */
export async function dryRun(root: string): Promise<{segments: number; billedCharacters: number}> {
  const counted = await estimate({root})
  const failed = counted.failed[0]
  if (failed) throw new Error(`the dry run could not count ${failed.path}: ${failed.messages[0]?.reason ?? 'no message'}`)
  return {segments: counted.total.segments, billedCharacters: counted.total.billedCharacters}
}
