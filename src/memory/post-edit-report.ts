import {recordId} from '../core/key.ts'
import type {MemoryRecord} from './translation-memory.ts'

/** How much editors changed one provider's and model's machine translations (Phrase's and memoQ's "post-editing analysis"). */
export interface PostEditFigures {
  provider: string
  model: string
  /** Machine translations of this provider and model in the memory. */
  segments: number
  /** Of those, the ones a human record replaced. */
  postEdited: number
  /** Mean translation edit rate of those edits (0 when there are none). */
  meanTer: number
  /** Mean characters changed per edit. */
  meanCharacters: number
  /** Share of `segments` left as the machine wrote them, 0–1. */
  untouched: number
}

/** Post-editing figures per provider and model, from the memory's records: machine records, and the human ones that name them in `replaces`. */
export function postEditReport(records: Iterable<MemoryRecord>): PostEditFigures[] {
  const machine = new Map<string, {provider: string; model: string}>()
  const humans: MemoryRecord[] = []
  for (const record of records) {
    if (record.origin === 'mt') machine.set(recordId(record), {provider: record.provider ?? 'unknown', model: record.model ?? 'default'})
    else if (record.origin === 'human' && record.replaces) humans.push(record)
  }
  const groups = new Map<string, PostEditFigures & {edited: Set<string>; ter: number; characters: number; measured: number}>()
  const group = (of: {provider: string; model: string}) => {
    const name = `${of.provider}\0${of.model}`
    let found = groups.get(name)
    if (!found) {
      found = {...of, segments: 0, postEdited: 0, meanTer: 0, meanCharacters: 0, untouched: 1, edited: new Set(), ter: 0, characters: 0, measured: 0}
      groups.set(name, found)
    }
    return found
  }
  for (const of of machine.values()) group(of).segments++
  for (const human of humans) {
    const of = human.replaces ? machine.get(human.replaces) : undefined
    if (!of || !human.replaces) continue
    const figures = group(of)
    // An edit edited again names the same machine record only once.
    if (figures.edited.has(human.replaces)) continue
    figures.edited.add(human.replaces)
    if (human.postEdit) {
      figures.ter += human.postEdit.ter
      figures.characters += human.postEdit.characters
      figures.measured++
    }
  }
  return [...groups.values()]
    .map(({edited, ter, characters, measured, ...figures}) => ({
      ...figures,
      postEdited: edited.size,
      meanTer: measured === 0 ? 0 : round(ter / measured),
      meanCharacters: measured === 0 ? 0 : round(characters / measured),
      untouched: figures.segments === 0 ? 1 : round((figures.segments - edited.size) / figures.segments)
    }))
    .sort((a, b) => (a.provider < b.provider ? -1 : a.provider > b.provider ? 1 : a.model < b.model ? -1 : a.model > b.model ? 1 : 0))
}

function round(value: number): number {
  return Math.round(value * 10_000) / 10_000
}
