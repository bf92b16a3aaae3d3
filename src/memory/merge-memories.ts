import type {MemoryLine} from './translation-memory.ts'
import {serializeLines} from './translation-memory.ts'

/**
 * Three-way merge of memory files, as a git merge driver does it: the sorted union of both sides, identical
 * records once. A machine record that one side deleted since the base stays deleted; human and imported
 * records are never dropped. Records are content-addressed, so two sides never conflict.
 */
export function mergeMemories(base: readonly MemoryLine[], ours: readonly MemoryLine[], theirs: readonly MemoryLine[]): string {
  const inBase = new Set(base.map((entry) => entry.line))
  const inOurs = new Set(ours.map((entry) => entry.line))
  const inTheirs = new Set(theirs.map((entry) => entry.line))
  const deletedByOne = (entry: MemoryLine) => inBase.has(entry.line) && (!inOurs.has(entry.line) || !inTheirs.has(entry.line))
  return serializeLines([...ours, ...theirs].filter((entry) => entry.record.origin !== 'mt' || !deletedByOne(entry)))
}
