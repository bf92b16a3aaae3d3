import type {Parent, PhrasingContent, Root} from 'mdast'
import type {VFile} from 'vfile'
import {visit} from 'unist-util-visit'
import {parseDocument} from 'yaml'
import {tandemData} from '../pipeline/data.ts'

export interface Options {
  /** Value written to a `lang` front-matter key that the source has (default: `en`). */
  lang?: string
  /** sha256 of glossary/names.tsv, recorded as `translation.glossary`. */
  glossaryHash?: string
}

/** Turn the German tree into the English edition: same blocks, translated inline content and front matter. */
export default function englishEdition(options: Options = {}) {
  const lang = options.lang ?? 'en'
  return function (tree: Root, file: VFile): undefined {
    const data = tandemData(file)
    const byNodes = new Map<PhrasingContent[], PhrasingContent[]>()
    const fields = new Map<string, string>()
    for (const segment of data.segments) {
      const target = segment.targetNodes ?? []
      if (segment.kind === 'frontmatter' && segment.field) fields.set(segment.field, target.map(plainText).join(''))
      else byNodes.set(segment.nodes, target)
    }

    const translation = {lang, of: data.sourcePath, sourceHash: data.sourceHash, glossary: options.glossaryHash ?? ''}
    // Every English edition says what it was made from, so that a stale one can be found.
    if (tree.children[0]?.type !== 'yaml') tree.children.unshift({type: 'yaml', value: ''})
    visit(tree, (node) => {
      if (node.type === 'yaml') {
        node.value = translateFrontmatter(node.value, fields, translation)
        return
      }
      const parent = node as Partial<Parent>
      const target = parent.children && byNodes.get(parent.children as PhrasingContent[])
      if (target) (parent as Parent).children = target
    })
  }
}

function plainText(node: PhrasingContent): string {
  if (node.type === 'text') return node.value
  return 'children' in node ? node.children.map(plainText).join('') : ''
}

function translateFrontmatter(
  yaml: string,
  fields: ReadonlyMap<string, string>,
  translation: {lang: string; of: string; sourceHash: string; glossary: string}
): string {
  const document = parseDocument(yaml)
  for (const [field, value] of fields) document.set(field, value)
  if (document.has('lang')) document.set('lang', translation.lang)
  document.set('translation', {of: translation.of, sourceHash: translation.sourceHash, glossary: translation.glossary})
  return document.toString({lineWidth: 0}).replace(/\n$/, '')
}
