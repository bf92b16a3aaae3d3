import type {Nodes, Root} from 'mdast'
import type {Position} from 'unist'
import {SKIP, visit} from 'unist-util-visit'
import {sha256} from '../core/hash.ts'

/** One block of a file's structure, as the English edition must keep it from the German. */
export interface SkeletonBlock {
  /**
   * Its type (with a heading's depth and a list's kind); for what tandem copies rather than translates
   * (code, math, HTML, reference definitions) also a hash of its content, so that an edit of it shows.
   */
  signature: string
  position?: Position
}

/**
 * The blocks of a tree in document order, without their translated inline content: the German file and
 * its English edition have the same skeleton, and an edited English file whose skeleton no longer matches
 * what tandem wrote (a paragraph deleted, merged or added, a code block changed) cannot be paired.
 */
export function blockSkeleton(tree: Root): SkeletonBlock[] {
  const blocks: SkeletonBlock[] = []
  visit(tree, (node: Nodes) => {
    if (node.type === 'root') return undefined
    const add = (signature: string) => blocks.push({signature, ...(node.position ? {position: node.position} : {})})
    switch (node.type) {
      case 'heading':
        add(`heading${node.depth}`)
        return SKIP
      case 'paragraph':
      case 'tableCell':
      case 'yaml':
        add(node.type)
        return SKIP
      case 'code':
        add(`code:${sha256(`${node.lang ?? ''}\n${node.meta ?? ''}\n${node.value}`).slice(0, 16)}`)
        return SKIP
      case 'math':
      case 'html':
        add(`${node.type}:${sha256(node.value).slice(0, 16)}`)
        return SKIP
      case 'definition':
        add(`definition:${sha256(`${node.identifier}\n${node.url}`).slice(0, 16)}`)
        return SKIP
      case 'list':
        add(node.ordered ? 'list-ordered' : 'list')
        return undefined
      default:
        // Inline content outside a paragraph (none in mdast from remark-parse) is not structure.
        if ('children' in node || node.type === 'thematicBreak') add(node.type)
        return undefined
    }
  })
  return blocks
}
