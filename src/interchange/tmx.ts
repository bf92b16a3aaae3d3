import {phrase} from '../core/phrase.ts'
import type {Element, ElementContent, Root} from 'xast'
import type {VFile} from 'vfile'
import {recordId} from '../core/key.ts'
import type {Placeholder} from '../core/types.ts'
import type {MemoryRecord} from '../memory/translation-memory.ts'
import {taggedToInline} from './inline-codes.ts'
import {isoDate, readUnitText, type InterchangeUnit} from './unit.ts'
import {
  attribute,
  childElement,
  childElements,
  fail,
  hasErrors,
  indent,
  languageOf,
  localName,
  placeOf,
  readXml,
  sameLanguage,
  textContent,
  writeXml
} from './xml.ts'

export interface TmxExportOptions {
  sourceLang: string
  targetLang: string
  toolVersion: string
  /** The placeholders of the German segment a record translates, for the Markdown in its codes. */
  placeholders?: (record: MemoryRecord) => readonly Placeholder[] | undefined
}

/**
 * TMX 1.4b of memory records: one `<tu>` per record, German and English as text with
 * `<bpt>/<ept>/<ph>` codes holding the Markdown, dates, origin, provider and model as `<prop>`, and
 * `creationid="MT!"` on machine translations, as Okapi and Trados mark them.
 */
export function writeTmx(records: Iterable<MemoryRecord>, options: TmxExportOptions): string {
  const units: Element[] = []
  for (const record of records) {
    // A piece of a segment too long for one request is no translation unit of its own.
    if (record.part) continue
    const placeholders = options.placeholders?.(record) ?? []
    const date = tmxDate(record.date)
    const props: [string, string | undefined][] = [
      ['x-origin', record.origin],
      ['x-provider', record.provider],
      ['x-model', record.model]
    ]
    const author = record.origin === 'mt' ? 'MT!' : record.author
    units.push(
      element(
        'tu',
        {
          tuid: recordId(record),
          ...(author ? {creationid: author, changeid: author} : {}),
          creationdate: date,
          changedate: date
        },
        [
          ...(record.note ? [element('note', {}, [{type: 'text', value: record.note}])] : []),
          ...props.flatMap(([type, value]) => (value ? [element('prop', {type}, [{type: 'text', value}])] : [])),
          variant(record.sourceLang, record.source, placeholders),
          variant(record.targetLang, record.target, placeholders)
        ]
      )
    )
  }
  const tmx = element('tmx', {version: '1.4'}, [
    element('header', {
      creationtool: 'tandem',
      creationtoolversion: options.toolVersion,
      segtype: 'paragraph',
      'o-tmf': 'tandem',
      adminlang: 'en',
      srclang: options.sourceLang,
      datatype: 'plaintext'
    }),
    element('body', {}, units)
  ])
  const tree: Root = {
    type: 'root',
    children: [
      {type: 'instruction', name: 'xml', value: 'version="1.0" encoding="UTF-8"'},
      {type: 'text', value: '\n'},
      {type: 'doctype', name: 'tmx', system: 'tmx14.dtd'},
      {type: 'text', value: '\n'},
      indent(tmx, new Set(['seg', 'prop', 'note']))
    ]
  }
  return writeXml(tree)
}

function variant(lang: string, tagged: string, placeholders: readonly Placeholder[]): Element {
  return element('tuv', {'xml:lang': lang}, [element('seg', {}, taggedToInline(tagged, 'tmx', placeholders))])
}

function element(name: string, attributes: Record<string, string>, children: ElementContent[] = []): Element {
  return {type: 'element', name, attributes, children}
}

/** `2026-11-28` as TMX's `20261128T000000Z`. */
function tmxDate(date: string): string {
  return `${date.replaceAll('-', '').slice(0, 8)}T000000Z`
}

export interface TmxReadOptions {
  sourceLang: string
  targetLang: string
}

/**
 * The units of a TMX 1.1–1.4b file in `sourceLang` and `targetLang` (`lang` or `xml:lang`, any case,
 * region optional). Every problem is an error on `file` at its line and column; with any, no units.
 */
export function readTmx(file: VFile, bytes: Uint8Array, options: TmxReadOptions): InterchangeUnit[] {
  const tree = readXml(file, bytes)
  if (!tree) return []
  const tmx = childElements(tree)[0]
  if (!tmx || localName(tmx) !== 'tmx') {
    fail(file, phrase('messages.tmx-root', 'not a TMX file: the root element is `<{{name}}>`, not `<tmx>`', {name: tmx?.name ?? ''}), tmx && placeOf(tmx))
    return []
  }
  const version = attribute(tmx, 'version') ?? ''
  if (!/^1\.[1-4]b?$/.test(version)) {
    fail(file, phrase('messages.tmx-version', 'TMX version `{{version}}` is not one tandem reads (1.1 to 1.4b)', {version}), placeOf(tmx))
    return []
  }
  const header = childElement(tmx, 'header')
  const body = childElement(tmx, 'body')
  if (!header || !body) {
    fail(file, phrase('messages.tmx-structure.parts', 'a TMX file needs a `<header>` and a `<body>`'), placeOf(tmx))
    return []
  }
  const srclang = attribute(header, 'srclang')
  if (!srclang) fail(file, phrase('messages.tmx-language.noSrclang', 'the `<header>` has no `srclang`'), placeOf(header))
  else if (srclang !== '*all*' && !sameLanguage(srclang, options.sourceLang)) {
    fail(file, phrase('messages.tmx-language.source', 'the source language is `{{found}}`, not `{{expected}}`', {found: srclang, expected: options.sourceLang}), placeOf(header))
  }

  const units: InterchangeUnit[] = []
  for (const tu of childElements(body, 'tu')) {
    const variants = childElements(tu, 'tuv')
    const unnamed = variants.find((tuv) => !languageOf(tuv))
    if (unnamed) {
      fail(file, phrase('messages.tmx-language.unnamed', 'this `<tuv>` has no `xml:lang` (or `lang`)'), placeOf(unnamed))
      continue
    }
    const source = variants.find((tuv) => sameLanguage(languageOf(tuv), options.sourceLang))
    const target =
      variants.find((tuv) => languageOf(tuv)?.toLowerCase() === options.targetLang.toLowerCase()) ??
      variants.find((tuv) => tuv !== source && sameLanguage(languageOf(tuv), options.targetLang))
    if (!source || !target) {
      const missing = source ? options.targetLang : options.sourceLang
      fail(file, phrase('messages.tmx-language.missing', 'this `<tu>` has no `{{lang}}` variant', {lang: missing}), placeOf(tu))
      continue
    }
    const sourceSeg = childElement(source, 'seg')
    const targetSeg = childElement(target, 'seg')
    if (!sourceSeg || !targetSeg) {
      fail(file, phrase('messages.tmx-structure.seg', 'this `<tuv>` has no `<seg>`'), placeOf(sourceSeg ? target : source))
      continue
    }
    // An empty target (OmegaT's `--pseudotranslatetype=empty`) is no translation.
    if (textContent(targetSeg).trim() === '' && childElements(targetSeg).length === 0) continue
    const text = readUnitText(file, sourceSeg, targetSeg, 'tmx')
    if (!text) continue
    const date = isoDate(attribute(tu, 'changedate', 'creationdate') ?? attribute(target, 'changedate', 'creationdate'))
    const author = attribute(tu, 'changeid', 'creationid') ?? attribute(target, 'changeid', 'creationid')
    const note = childElements(tu, 'note').map((node) => textContent(node)).join('\n')
    units.push({
      ...text,
      place: placeOf(tu) ?? {line: 1, column: 1},
      targetPlace: placeOf(targetSeg) ?? {line: 1, column: 1},
      ...(date ? {date} : {}),
      ...(author && author !== 'MT!' ? {author} : {}),
      ...(note ? {note} : {})
    })
  }
  return hasErrors(file) ? [] : units
}
