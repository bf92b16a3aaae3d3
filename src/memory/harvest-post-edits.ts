import type {Root} from 'mdast'
import type {Point, Position} from 'unist'
import type {VFile} from 'vfile'
import {fileMessage, phrase, type Phrase} from '../core/phrase.ts'
import {keyedSegments, tandemData, type PostEditReport} from '../core/data.ts'
import {sha256} from '../core/hash.ts'
import {recordId} from '../core/key.ts'
import {normalizeTaggedText, taggedToPlain} from '../core/tagged-text.ts'
import type {Placeholder, Segment} from '../core/types.ts'
import {blockSkeleton, type SkeletonBlock} from '../segment/block-skeleton.ts'
import {pairBlocks} from './pair-blocks.ts'
import {postEditDistance} from './post-edit-distance.ts'
import type {MemoryRecord, TranslationMemory} from './translation-memory.ts'
import type {WrittenState} from './written-state.ts'
import {isoToday} from '../core/today.ts'

/** An English edition as the project runner read it, beside what tandem last wrote there. */
export interface EnglishEdition {
  /** The English file; messages about it land here, at its own lines. */
  file: VFile
  /** What tandem wrote there last; unset for an edition tandem has no record of (the seed, an older tandem). */
  state?: WrittenState
  /** Its segments and skeleton, read by the English segmenter; unset when its bytes are exactly what tandem wrote. */
  read?: {segments: readonly Segment[]; skeleton: readonly SkeletonBlock[]}
  /** Its bytes cannot be read as Markdown (invalid UTF-8, empty): the reason is on `file`. */
  broken?: boolean
  /** sha256 of its bytes as read; unset when there was no file. A build overwrites it only if they are unchanged, or tandem's. */
  digest?: string
}

export interface Options {
  memory: TranslationMemory
  /** The English edition of a German file, when it has one. */
  edition: (file: VFile) => EnglishEdition | undefined
  sourceLang: string
  targetLang: string
  /** ISO date recorded on each human record (default: today). */
  date?: string
  /** Recorded on each human record: `--author`, else git's `user.name`. */
  author?: string
  /** A human translation of an older German stays in the English edition, instead of the new translation. */
  keepStale?: boolean
  /** An English edition that cannot be paired may be overwritten, once what does pair is harvested. */
  force?: boolean
  /** Find and use the edits, but store nothing (a dry run, `tandem status`). */
  readOnly?: boolean
}

/**
 * Post-edits (design.md "Post-edits"): pair the English edition's blocks with what tandem last wrote there
 * and store every block an editor changed as a human record, linked to the record it replaced, before the
 * memory is looked up, so that the build writes the human text. Then flag each human translation whose
 * German has changed since as a `stale-post-edit`. An edition that does not pair is marked `keep`, with an
 * error at its own line and column; only what pairs is harvested.
 */
export default function harvestPostEdits(options: Options) {
  const {memory} = options
  return async function (tree: Root, file: VFile): Promise<undefined> {
    const data = tandemData(file, 'harvestPostEdits')
    const segments = keyedSegments(file, 'harvestPostEdits')
    const edition = options.edition(file)
    const report: PostEditReport = {harvested: 0, stale: 0, keep: false, ...(edition ? {english: edition.file} : {})}
    data.postEdits = report
    // By key, the last edit of it; `stored` has every edit, also of a paragraph the file repeats and an editor changed twice.
    const found = new Map<string, MemoryRecord>()
    const stored: MemoryRecord[] = []
    const human = (key: string) => found.get(key) ?? memory.all(key).find((record) => record.origin === 'human')

    // What becomes of an English edition that cannot be harvested whole, said at the end of each reason as `{{outcome}}`.
    const outcome = options.force
      ? phrase('reasons.postEdit.overwritten', 'overwritten, as --force asks')
      : phrase('reasons.postEdit.kept', 'the file is left as it is (`--force` overwrites it, after what pairs is harvested)')
    const refuse = (reason: Phrase, place: Position | Point | undefined) => {
      if (!edition) return
      fileMessage(edition.file, options.force ? 'warning' : 'error', reason, place)
      if (!options.force) report.keep = true
    }

    if (edition?.broken && !options.force) report.keep = true
    if (edition?.read) {
      const {state, read} = edition
      const references: Reference[] = state
        ? state.segments
        : segments.map((segment) => ({kind: segment.kind, ...pick(segment), key: segment.source === '' ? '' : segment.key, text: ''}))
      // Unchanged blocks anchor the pairing: by the hash of what was written, or without a record, by the memory's targets.
      const {pairs, unpaired} = pairBlocks(
        state ? state.segments.map((written) => ({place: written, texts: [written.text]})) : segments.map((segment) => ({place: segment, texts: memory.all(segment.key).map((record) => plainWords(record.target))})),
        read.segments.map((english) => ({place: english, texts: [state ? sha256(normalizeTaggedText(english.source)) : plainWords(english.source)]}))
      )
      if (unpaired !== undefined) {
        const at = read.segments[unpaired] ?? read.segments[read.segments.length - 1]
        refuse(
          read.segments.length === references.length
            ? phrase('messages.post-edit-unpaired.block', 'this block does not pair with the German block tandem translated here; {{outcome}}', {outcome})
            : phrase('messages.post-edit-unpaired.count', 'the English edition has {{english}} translated blocks where tandem wrote {{written}}: a block was added, removed or merged near here; {{outcome}}', {
                english: read.segments.length,
                written: references.length,
                outcome
              }),
          at?.position
        )
      } else {
        // Without a record, the German tree is the reference, and the edition's front matter is tandem's own addition.
        const expected = state ? state.skeleton : blockSkeleton(tree).map((block) => block.signature).filter((signature) => signature !== 'yaml')
        const actual = state ? read.skeleton : read.skeleton.filter((block) => block.signature !== 'yaml')
        const off = firstDifference(expected, actual.map((block) => block.signature))
        if (off !== undefined) {
          const block = actual[off] ?? actual[actual.length - 1]
          refuse(
            phrase(
              'messages.post-edit-unpaired.structure',
              'this block does not pair with what tandem wrote here (a block was added, removed or merged, or code, math or HTML that tandem copies from the German was changed); {{outcome}}',
              {outcome}
            ),
            block?.position
          )
        }
      }
      const germanByKey = new Map(segments.map((segment) => [segment.key, segment]))
      for (const [index, at] of pairs) {
        const reference = references[index]
        const english = read.segments[at]
        if (!reference || !english || reference.key === '') continue
        const written = normalizeTaggedText(english.source)
        const records = memory.all(reference.key)
        const unchanged = state
          ? sha256(written) === reference.text
          : records.some((record) => plainWords(record.target) === plainWords(written))
        if (unchanged) continue
        const german = state ? germanByKey.get(reference.key) : segments[index]
        const source = german?.key === reference.key ? german.source : records[0]?.source
        if (source === undefined) {
          refuse(phrase('messages.post-edit-unknown-source', 'this block was edited, but the memory no longer has the German it translates; {{outcome}}', {outcome}), english.position)
          continue
        }
        const mapped = german?.key === reference.key ? mapPlaceholders(written, english.placeholders, german.placeholders) : written
        if (mapped === undefined) {
          // Kept all the same: the build restores damaged tags as plain text with the links at the end.
          refuse(
            phrase('messages.post-edit-markup', 'this edit has {{english}} links or inline codes where the German has {{german}}, or other ones: is a link unclosed?; {{outcome}}', {
              english: english.placeholders.length,
              german: german?.placeholders.length ?? 0,
              outcome
            }),
            english.position
          )
        }
        const target = mapped ?? written
        const shown = records[0]
        if (shown?.origin === 'human' && shown.target === target) continue
        const machine = records.find((record) => record.origin === 'mt')
        const earlier = found.get(reference.key)
        if (earlier && earlier.target !== target) {
          // Both stay in the memory; the build writes the later one in both places.
          const reason = phrase(
            'messages.post-edit-conflict',
            'this paragraph is repeated in the file and was edited differently in another place; both edits are kept in the memory, and the build writes this one in both places'
          )
          fileMessage(edition.file, 'warning', reason, english.position)
        }
        if (earlier?.target === target) continue
        const record: MemoryRecord = {
          key: reference.key,
          source,
          target,
          origin: 'human',
          sourceLang: options.sourceLang,
          targetLang: options.targetLang,
          date: options.date ?? isoToday(),
          ...(options.author ? {author: options.author} : {}),
          ...(shown ? {replaces: recordId(shown)} : {}),
          ...(machine ? {postEdit: postEditDistance(machine.target, target)} : {})
        }
        found.set(reference.key, record)
        stored.push(record)
      }
      report.harvested = stored.length
      if (options.readOnly) {
        for (const segment of segments) {
          const record = found.get(segment.key)
          if (!record || segment.target !== undefined) continue
          segment.target = record.target
          segment.origin = 'memory'
          data.stats.memoryHits++
        }
      } else {
        await memory.append(stored)
      }
    }

    // Stale post-edits: a human translation under a block whose German has changed since.
    const state = edition?.state
    if (!state) return
    // Loose: a German paragraph changed next to one added still gets its warning.
    const {pairs} = pairBlocks(
      state.segments.map((written) => ({place: written, texts: [written.key]})),
      segments.map((segment) => ({place: segment, texts: [segment.key]})),
      {loose: true}
    )
    for (const [index, at] of pairs) {
      const written = state.segments[index]
      const segment = segments[at]
      if (!written || !segment || segment.source === '' || written.key === '' || human(segment.key)) continue
      const old = written.key !== segment.key ? written.key : written.stale
      const record = old ? human(old) : undefined
      // The same German under a new key is a glossary change, which `tandem memory rekey` carries over.
      if (!old || !record || record.source === segment.source) continue
      segment.stale = {key: old, target: record.target}
      report.stale++
      const text = clip(taggedToPlain(record.target))
      const reason = options.keepStale
        ? phrase('messages.stale-post-edit.kept', 'the German changed under a human translation, which is kept as --keep-stale asks: “{{text}}”; edit it in the English edition to match', {text})
        : phrase('messages.stale-post-edit.replaced', 'the German changed under a human translation; it is replaced by a new translation, and kept in the memory: “{{text}}”', {text})
      fileMessage(file, 'warning', reason, segment.position)
      if (options.keepStale) {
        segment.target = record.target
        segment.origin = 'memory'
      } else {
        // The provider revises the editor's English for the new German, rather than translating anew.
        segment.revise = {source: record.source, target: record.target}
      }
    }
  }
}

interface Reference {
  kind: Segment['kind']
  field?: string
  label?: string
  key: string
  text: string
}

function pick(segment: Pick<Segment, 'field' | 'label'>): Pick<Reference, 'field' | 'label'> {
  return {...(segment.field ? {field: segment.field} : {}), ...(segment.label ? {label: segment.label} : {})}
}

function firstDifference(a: readonly string[], b: readonly string[]): number | undefined {
  const length = Math.max(a.length, b.length)
  for (let index = 0; index < length; index++) if (a[index] !== b[index]) return index
  return undefined
}

/** The words of tagged text, tags and white space aside: how an edition tandem has no record of is compared with the memory. */
function plainWords(text: string): string {
  return taggedToPlain(text).replace(/\s+/gu, ' ').trim()
}

/**
 * The English tagged text with its tag ids renumbered to the German's: the English segmenter numbers links
 * and inline code in English order, the German placeholders hold them in German order. A link pairs by its
 * URL, code by its content. Undefined when they do not pair one to one (a link lost or changed).
 */
function mapPlaceholders(text: string, english: readonly Placeholder[], german: readonly Placeholder[]): string | undefined {
  if (english.length !== german.length) return undefined
  const free = new Map<string, number[]>()
  for (const [index, placeholder] of german.entries()) {
    const signature = placeholderSignature(placeholder)
    free.set(signature, [...(free.get(signature) ?? []), index + 1])
  }
  const ids = new Map<string, string>()
  for (const [index, placeholder] of english.entries()) {
    const id = free.get(placeholderSignature(placeholder))?.shift()
    if (id === undefined) return undefined
    ids.set(String(index + 1), String(id))
  }
  return text.replace(/(<\/?[a-z]+ id=")(\d+)(")/g, (whole, open: string, id: string, close: string) => {
    const mapped = ids.get(id)
    return mapped === undefined ? whole : `${open}${mapped}${close}`
  })
}

function placeholderSignature(placeholder: Placeholder): string {
  if (placeholder.tag === 'a') {
    const node = placeholder.node
    return `a\0${node.type === 'link' ? node.url : node.identifier}`
  }
  return `x\0${placeholder.nodes.map((node) => `${node.type}:${'url' in node ? node.url : 'value' in node ? node.value : 'identifier' in node ? node.identifier : ''}`).join('\0')}`
}

function clip(text: string): string {
  return text.length > 120 ? `${text.slice(0, 119)}…` : text
}
