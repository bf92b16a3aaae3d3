import {phrase} from '../core/phrase.ts'
import type {Element, ElementContent, Root} from 'xast'
import type {VFile} from 'vfile'
import {glossaryKinds, type GlossaryEntry, type GlossaryKind, type SourcePoint} from '../core/types.ts'
import {
  attribute,
  childElements,
  descendants,
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

/**
 * TBX-Basic 2.0 (`martif/text/body/termEntry`) of the name glossary: one entry per name, a `de` and an
 * `en` term, the kind as subject field and the note. OmegaT and translate-toolkit read it.
 */
export function writeTbx(entries: readonly Omit<GlossaryEntry, 'line'>[], options: {sourceLang: string; targetLang: string}): string {
  const termEntries = entries.map((entry, index) =>
    element('termEntry', {id: `name-${index + 1}`}, [
      element('descrip', {type: 'subjectField'}, [text(entry.kind)]),
      ...(entry.note ? [element('note', {}, [text(entry.note)])] : []),
      langSet(options.sourceLang, entry.de),
      langSet(options.targetLang, entry.en)
    ])
  )
  const martif = element('martif', {type: 'TBX-Basic', 'xml:lang': 'en'}, [
    element('martifHeader', {}, [
      element('fileDesc', {}, [element('sourceDesc', {}, [element('p', {}, [text('tandem name glossary (glossary/names.tsv)')])])]),
      element('encodingDesc', {}, [element('p', {type: 'XCSURI'}, [text('TBXBasicXCSV02.xcs')])])
    ]),
    element('text', {}, [element('body', {}, termEntries)])
  ])
  const tree: Root = {
    type: 'root',
    children: [
      {type: 'instruction', name: 'xml', value: 'version="1.0" encoding="UTF-8"'},
      {type: 'text', value: '\n'},
      {type: 'doctype', name: 'martif', system: 'TBXBasiccoreStructV02.dtd'},
      {type: 'text', value: '\n'},
      indent(martif, new Set(['term', 'note', 'descrip', 'p']))
    ]
  }
  return writeXml(tree)
}

function langSet(lang: string, term: string): Element {
  return element('langSet', {'xml:lang': lang}, [element('tig', {}, [element('term', {}, [text(term)])])])
}

function element(name: string, attributes: Record<string, string>, children: ElementContent[] = []): Element {
  return {type: 'element', name, attributes, children}
}

function text(value: string): ElementContent {
  return {type: 'text', value}
}

export interface TbxEntry extends Omit<GlossaryEntry, 'line'> {
  place: SourcePoint
}

const kinds = new Set<string>(glossaryKinds)

/**
 * The entries of a TBX file: TBX-Basic 2.0 (`termEntry`/`langSet`/`tig`/`term`) or TBX v3
 * (`conceptEntry`/`langSec`/`termSec`/`term`). An entry needs one term in each language; a subject
 * field that is no glossary kind is an error. With any error, no entries.
 */
export function readTbx(file: VFile, bytes: Uint8Array, options: {sourceLang: string; targetLang: string}): TbxEntry[] {
  const tree = readXml(file, bytes)
  if (!tree) return []
  const root = childElements(tree)[0]
  if (!root || (localName(root) !== 'martif' && localName(root) !== 'tbx')) {
    fail(file, phrase('messages.tbx-root', 'not a TBX file: the root element is `<{{name}}>`, not `<martif>` or `<tbx>`', {name: root?.name ?? ''}), root && placeOf(root))
    return []
  }
  const entries: TbxEntry[] = []
  for (const entry of [...descendants(root, 'termEntry'), ...descendants(root, 'conceptEntry')]) {
    const sets = [...childElements(entry, 'langSet'), ...childElements(entry, 'langSec')]
    const unnamed = sets.find((set) => !languageOf(set))
    if (unnamed) {
      fail(file, phrase('messages.tbx-language.unnamed', 'this language section has no `xml:lang`'), placeOf(unnamed))
      continue
    }
    const term = (lang: string, exact: boolean) => {
      const set =
        sets.find((candidate) => languageOf(candidate)?.toLowerCase() === lang.toLowerCase()) ??
        (exact ? undefined : sets.find((candidate) => sameLanguage(languageOf(candidate), lang)))
      const found = set && descendants(set, 'term')[0]
      return found ? textContent(found).trim() : undefined
    }
    const de = term(options.sourceLang, false)
    const en = term(options.targetLang, true) ?? term(options.targetLang, false)
    if (!de || !en) {
      fail(file, phrase('messages.tbx-language.missing', 'this entry has no `{{lang}}` term', {lang: de ? options.targetLang : options.sourceLang}), placeOf(entry))
      continue
    }
    const subject = descendants(entry, 'descrip').find((descrip) => attribute(descrip, 'type') === 'subjectField')
    const kind = subject ? textContent(subject).trim() : 'term'
    if (!kinds.has(kind)) {
      fail(file, phrase('messages.tbx-kind', 'subject field `{{kind}}` is not a glossary kind ({{kinds}})', {kind, kinds: glossaryKinds.join(', ')}), subject && placeOf(subject))
      continue
    }
    const notes = childElements(entry, 'note')
    const note = (notes.length > 0 ? notes : childElements(entry, 'descrip').filter((descrip) => attribute(descrip, 'type') === 'definition'))
      .map((node) => textContent(node).trim())
      .join(' ')
    entries.push({de, en, kind: kind as GlossaryKind, note, place: placeOf(entry) ?? {line: 1, column: 1}})
  }
  if (entries.length === 0 && !hasErrors(file)) fail(file, phrase('messages.tbx-structure', 'no term entries'), placeOf(root))
  return hasErrors(file) ? [] : entries
}
