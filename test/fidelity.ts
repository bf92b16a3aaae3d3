/**
 * Helpers of the Markdown fidelity tests: tandem's own Markdown syntax, trees compared without
 * positions, and an identity provider (target = source) that needs no server.
 */
import path from 'node:path'
import type {Nodes, Root} from 'mdast'
import remarkFrontmatter from 'remark-frontmatter'
import remarkGfm from 'remark-gfm'
import remarkMath from 'remark-math'
import remarkParse from 'remark-parse'
import remarkStringify from 'remark-stringify'
import {unified} from 'unified'
import {visit} from 'unist-util-visit'
import {markdownStyle} from '../src/core/markdown-options.ts'
import type {Provider, TranslationRequest, TranslationResult} from '../src/providers/provider.ts'
import remarkTemplateTags from '../src/segment/template-tags.ts'
import {repoRoot} from './project.ts'

/** The eight German Open Source Guides (CC BY 4.0, © GitHub, Inc. and contributors) and their LICENSE. */
export const corpusDir = path.join(repoRoot, '..', 'shared', 'corpus', 'opensource-guide')

/** The syntax `createSegmenter` parses with (front matter, GFM, `$$` math, template tags), and tandem's style. */
export const markdown = unified()
  .use(remarkParse)
  .use(remarkFrontmatter, ['yaml'])
  .use(remarkGfm)
  .use(remarkMath, {singleDollarTextMath: false})
  .use(remarkTemplateTags)
  .use(remarkStringify, markdownStyle)

export function parse(text: string): Root {
  return markdown.parse(text)
}

/** Parsed and written again in tandem's style: a well-formed English edition comes back unchanged. */
export function rewrite(text: string): string {
  return markdown.stringify(markdown.parse(text))
}

const remarkDefaults = unified()
  .use(remarkParse)
  .use(remarkFrontmatter, ['yaml'])
  .use(remarkGfm)
  .use(remarkMath, {singleDollarTextMath: false})
  .use(remarkTemplateTags)
  .use(remarkStringify)

/**
 * remark's own round trip, with its default style: what tandem's output is measured against.
 * (tandem's style writes a thematic break as `---`, which right after the start of a file would
 * read as front matter; an English edition always starts with its own front matter, so that
 * cannot happen there.)
 */
export function roundTrip(text: string): string {
  return remarkDefaults.stringify(remarkDefaults.parse(text))
}

/**
 * A tree as plain data for `toEqual`: positions dropped, and runs of white space in text folded to
 * one space. tandem folds them on purpose (tagged text is hashed and sent whitespace-normalized), and
 * CommonMark gives a soft line break and a space the same meaning.
 */
export function comparable(tree: Nodes): unknown {
  const copy = structuredClone(tree)
  visit(copy, (node) => {
    delete node.position
    if (node.type === 'text') node.value = node.value.replace(/[ \t\n]+/g, ' ')
  })
  return copy
}

/** Every node of `type`, in document order. */
export function nodesOf<Type extends Nodes['type']>(tree: Root, type: Type): Array<Extract<Nodes, {type: Type}>> {
  const found: Array<Extract<Nodes, {type: Type}>> = []
  visit(tree, (node) => {
    if (node.type === type) found.push(node as Extract<Nodes, {type: Type}>)
  })
  return found
}

/** Answers every request with its own text, and records what it was sent. */
export class IdentityProvider implements Provider {
  readonly name = 'identity'
  readonly limits = {maxTexts: 50, maxBytes: 120 * 1024}
  readonly requests: TranslationRequest[] = []

  async translate(batch: readonly TranslationRequest[]): Promise<TranslationResult[]> {
    this.requests.push(...batch)
    return batch.map((request) => ({id: request.id, text: request.text, billedCharacters: 0, provider: this.name}))
  }
}
