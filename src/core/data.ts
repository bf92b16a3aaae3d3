import type {Segment} from './types.ts'

/** What the pipeline's plugins share about one file, on `file.data.tandem`. */
export interface TandemData {
  segments: Segment[]
  /** sha256 of the German text as read (BOM removed, line endings LF), recorded in the English front matter. */
  sourceHash: string
  /** Path of the German file relative to the project root, as written in outputs. */
  sourcePath: string
  /** The side-by-side view, written to content/parallel. */
  parallel?: string
  stats: {memoryHits: number; translated: number; billedCharacters: number}
}

declare module 'vfile' {
  interface DataMap {
    tandem: TandemData
  }
}

/** The file's tandem data; plugins that run before `segmentBlocks` have none. */
export function tandemData(file: {data: {tandem?: TandemData}}): TandemData {
  const data = file.data.tandem
  if (!data) throw new Error('file.data.tandem is not set: run segmentBlocks first')
  return data
}
