import {phrase} from '../core/phrase.ts'
import type {Element, ElementContent, Root} from 'xast'
import type {VFile} from 'vfile'
import type {Placeholder, SegmentNameMatch} from '../core/types.ts'
import type {MemoryOrigin} from '../memory/translation-memory.ts'
import {taggedToInline, type Dialect} from './inline-codes.ts'
import {readUnitText, type InterchangeUnit} from './unit.ts'
import {attribute, childElement, childElements, fail, hasErrors, indent, localName, placeOf, readXml, writeXml} from './xml.ts'

export type XliffVersion = '1.2' | '2.0'

/** One segment of an article, for post-editing. */
export interface XliffSegment {
  id: string
  source: string
  /** The current translation, if the memory has one. */
  target?: string
  origin?: MemoryOrigin
  placeholders: readonly Placeholder[]
  matches: readonly SegmentNameMatch[]
}

export interface XliffArticle {
  /** The German file's path relative to the project root. */
  original: string
  segments: readonly XliffSegment[]
}

export interface XliffExportOptions {
  version: XliffVersion
  sourceLang: string
  targetLang: string
  toolVersion: string
}

/**
 * XLIFF of articles: a `<file>` per article, a unit per segment (its id the segment's), the German
 * source, the memory's target with its state (`needs-review-translation` for machine translation,
 * `translated` otherwise; in 2.0 `initial` and `translated`), and a note with the glossary names.
 */
export function writeXliff(articles: readonly XliffArticle[], options: XliffExportOptions): string {
  const v2 = options.version === '2.0'
  const dialect: Dialect = v2 ? 'xliff2' : 'xliff1'
  const inline = (tagged: string, segment: XliffSegment) => taggedToInline(tagged, dialect, segment.placeholders)
  const files = articles.map((article, index) => {
    const units = article.segments.map((segment) => {
      const note = namesNote(segment.matches)
      const state = segment.origin === 'mt' ? (v2 ? 'initial' : 'needs-review-translation') : 'translated'
      if (v2) {
        return element('unit', {id: segment.id}, [
          ...(note ? [element('notes', {}, [element('note', {category: 'glossary'}, [text(note)])])] : []),
          element('segment', segment.target === undefined ? {} : {state}, [
            element('source', {}, inline(segment.source, segment)),
            ...(segment.target === undefined ? [] : [element('target', {}, inline(segment.target, segment))])
          ])
        ])
      }
      // A human translation is approved; translate-toolkit reads anything else as fuzzy.
      const approved: Record<string, string> = segment.target !== undefined && segment.origin !== 'mt' ? {approved: 'yes'} : {}
      return element('trans-unit', {id: segment.id, ...approved, 'xml:space': 'preserve'}, [
        element('source', {'xml:lang': options.sourceLang}, inline(segment.source, segment)),
        ...(segment.target === undefined
          ? []
          : [element('target', {'xml:lang': options.targetLang, state}, inline(segment.target, segment))]),
        ...(note ? [element('note', {from: 'tandem'}, [text(note)])] : [])
      ])
    })
    if (v2) return element('file', {id: `f${index + 1}`, original: article.original}, units)
    return element(
      'file',
      {original: article.original, 'source-language': options.sourceLang, 'target-language': options.targetLang, datatype: 'x-markdown'},
      [
        element('header', {}, [element('tool', {'tool-id': 'tandem', 'tool-name': 'tandem', 'tool-version': options.toolVersion})]),
        element('body', {}, units)
      ]
    )
  })
  const root = v2
    ? element('xliff', {xmlns: 'urn:oasis:names:tc:xliff:document:2.0', version: '2.0', srcLang: options.sourceLang, trgLang: options.targetLang}, files)
    : element('xliff', {xmlns: 'urn:oasis:names:tc:xliff:document:1.2', version: '1.2'}, files)
  const tree: Root = {
    type: 'root',
    children: [
      {type: 'instruction', name: 'xml', value: 'version="1.0" encoding="UTF-8"'},
      {type: 'text', value: '\n'},
      indent(root, new Set(['source', 'target', 'note']))
    ]
  }
  return writeXml(tree)
}

/** `Names: Selenskyj → Zelensky; Kursk → Kursk`: what the translator must keep. */
function namesNote(matches: readonly SegmentNameMatch[]): string {
  const pairs = [...new Map(matches.map((match) => [match.de, `${match.de} → ${match.en}`])).values()]
  return pairs.length === 0 ? '' : `Names: ${pairs.join('; ')}`
}

function element(name: string, attributes: Record<string, string>, children: ElementContent[] = []): Element {
  return {type: 'element', name, attributes, children}
}

function text(value: string): ElementContent {
  return {type: 'text', value}
}

/**
 * The units of an XLIFF 1.2 or 2.0 file that have a target, with the `original` of their file and
 * their id. Every problem is an error at its line and column on `file`; with any, no units.
 */
export function readXliff(file: VFile, bytes: Uint8Array): InterchangeUnit[] {
  const tree = readXml(file, bytes)
  if (!tree) return []
  const xliff = childElements(tree)[0]
  if (!xliff || localName(xliff) !== 'xliff') {
    fail(file, phrase('messages.xliff-root', 'not an XLIFF file: the root element is `<{{name}}>`, not `<xliff>`', {name: xliff?.name ?? ''}), xliff && placeOf(xliff))
    return []
  }
  const version = attribute(xliff, 'version') ?? ''
  if (version !== '1.2' && version !== '2.0' && version !== '2.1') {
    fail(file, phrase('messages.xliff-version', 'XLIFF version `{{version}}` is not one tandem reads (1.2, 2.0)', {version}), placeOf(xliff))
    return []
  }
  const v2 = version !== '1.2'
  if (v2 && !attribute(xliff, 'srcLang')) fail(file, phrase('messages.xliff-language.srcLang', 'the `<xliff>` element has no `srcLang`'), placeOf(xliff))
  const units: InterchangeUnit[] = []
  for (const fileElement of childElements(xliff, 'file')) {
    const original = attribute(fileElement, 'original')
    if (!original) {
      fail(file, phrase('messages.xliff-structure.original', 'this `<file>` has no `original`: tandem needs it to find the article'), placeOf(fileElement))
      continue
    }
    if (!v2 && !attribute(fileElement, 'source-language')) {
      fail(file, phrase('messages.xliff-language.sourceLanguage', 'this `<file>` has no `source-language`'), placeOf(fileElement))
    }
    const unitElements = v2 ? childElements(fileElement, 'unit') : childElements(childElement(fileElement, 'body') ?? fileElement, 'trans-unit')
    for (const unit of unitElements) {
      const id = attribute(unit, 'id')
      // XLIFF 2.0 splits a unit into segments; tandem writes one per unit.
      const holder = v2 ? childElement(unit, 'segment') : unit
      const source = holder && childElement(holder, 'source')
      const target = holder && childElement(holder, 'target')
      if (!id || !source) {
        fail(file, id ? phrase('messages.xliff-structure.source', 'this unit has no `<source>`') : phrase('messages.xliff-structure.id', 'this unit has no `id`'), placeOf(unit))
        continue
      }
      if (!target) continue
      const unitText = readUnitText(file, source, target, v2 ? 'xliff2' : 'xliff1')
      if (!unitText) continue
      units.push({
        ...unitText,
        place: placeOf(unit) ?? {line: 1, column: 1},
        targetPlace: placeOf(target) ?? {line: 1, column: 1},
        original,
        id
      })
    }
  }
  return hasErrors(file) ? [] : units
}
