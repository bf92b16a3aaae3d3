import type {Parent, PhrasingContent, Root} from 'mdast'
import type {VFile} from 'vfile'
import type {Processor} from 'unified'
import {visit} from 'unist-util-visit'
import {CST, Parser, parseAllDocuments, stringify} from 'yaml'
import {tandemData} from '../core/data.ts'
import {fileMessage, phrase} from '../core/phrase.ts'
import {attributeTargets, plainText} from './restore-targets.ts'
import type {SegmentAttribute} from '../core/types.ts'
import remarkKeepUrls from './keep-urls.ts'

export interface Options {
  /** Value written to a `lang` front-matter key that the source has (default: `en`). */
  lang?: string
}

interface Translation {
  lang: string
  of: string
  sourceHash: string
  glossary: string
}

/** Turn the German tree into the English edition: same blocks, translated inline content and front matter. */
export default function englishEdition(this: Processor, options: Options = {}) {
  const lang = options.lang ?? 'en'
  // The English edition is written by the remark-stringify that follows; its URLs keep their bytes.
  remarkKeepUrls.call(this)
  return function (tree: Root, file: VFile): undefined {
    const data = tandemData(file)
    const byNodes = new Map<PhrasingContent[], PhrasingContent[]>()
    const fields = new Map<string, string>()
    for (const segment of data.segments) {
      const target = segment.targetNodes ?? []
      if (segment.kind === 'frontmatter' && segment.field) fields.set(segment.field, target.map(plainText).join(''))
      else if (!segment.attribute) byNodes.set(segment.nodes, target)
    }
    // Images and links of blocks that were not translated (an image alone in its paragraph) are
    // still the German nodes; those of translated blocks are copies that already carry their English.
    const attributes = attributeTargets(data.segments)

    const translation = {lang, of: data.sourcePath, sourceHash: data.sourceHash, glossary: data.glossary ?? ''}
    // Every English edition says what it was made from, so that a stale one can be found: the German's hash, and
    // the hash of the glossary entries matched in it (so that a glossary change touching none leaves it alone).
    if (tree.children[0]?.type !== 'yaml') tree.children.unshift({type: 'yaml', value: ''})
    visit(tree, (node) => {
      if (node.type === 'yaml') {
        const english = translateFrontmatter(node.value, fields, translation)
        if (english === undefined) {
          fileMessage(file, 'warning', phrase('messages.frontmatter-not-a-map', 'the front matter is not a YAML mapping; it is kept as it is, without `translation`'), node.position)
        } else {
          node.value = english
        }
        return
      }
      const english = attributes.get(node as SegmentAttribute['node'])
      if (english) Object.assign(node, english)
      const parent = node as Partial<Parent>
      const target = parent.children && byNodes.get(parent.children as PhrasingContent[])
      if (target) (parent as Parent).children = target
    })
  }
}

/**
 * The English front matter: the translated fields and `lang` replaced in place, keeping their
 * quoting style, and `translation` set. Everything else (keys, order, comments, spacing) stays
 * byte for byte, because only those scalar tokens of the YAML syntax tree are rewritten.
 * Undefined when the front matter is not a mapping, or not valid YAML.
 */
export function translateFrontmatter(
  yaml: string,
  fields: ReadonlyMap<string, string>,
  translation: Translation
): string | undefined {
  const parsed = parseAllDocuments(yaml)
  if (!Array.isArray(parsed) || parsed.some((document) => document.errors.length > 0)) return undefined
  const tokens = [...new Parser().parse(`${yaml}\n`)]
  const documents = tokens.filter((token) => token.type === 'document')
  if (documents.length > 1) return undefined
  const [document] = documents
  const block = translationBlock(translation)
  const map = document?.value
  const empty = !map || (CST.isScalar(map) && map.source.trim() === '')
  if (document && !empty && map.type !== 'block-map') return undefined

  let replaced = false
  if (map?.type === 'block-map') {
    map.items.forEach((item, index) => {
      const key = item.key && CST.isScalar(item.key) ? CST.resolveAsScalar(item.key)?.value : undefined
      if (key === undefined || !item.value) return
      const english = key === 'lang' ? translation.lang : fields.get(key)
      if (english !== undefined && CST.isScalar(item.value)) CST.setScalarValue(item.value, english, {afterKey: true})
      if (key === 'translation') {
        map.items[index] = block
        replaced = true
      }
    })
    if (!replaced) map.items.push(block)
  }
  let text = tokens.map((token) => CST.stringify(token)).join('')
  if (!document || empty) text = `${text.trimEnd()}${text.trim() === '' ? '' : '\n'}${CST.stringify(oneItemMap(translation))}`
  return text.replace(/\n$/, '')
}

/** `translation:` with its three keys, as a block-map item of the top level. */
function translationBlock(translation: Translation) {
  const [item] = oneItemMap(translation).items
  if (!item) throw new Error('the translation block did not parse')
  return item
}

function oneItemMap(translation: Translation) {
  const {of, sourceHash, glossary} = translation
  const text = stringify({translation: {of, sourceHash, glossary}}, {lineWidth: 0})
  const document = [...new Parser().parse(text)].find((token) => token.type === 'document')
  const map = document?.type === 'document' ? document.value : undefined
  if (map?.type !== 'block-map') throw new Error('the translation block did not parse')
  return map
}
