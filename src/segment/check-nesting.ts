import type {Root} from 'mdast'
import type {Node, Parent} from 'unist'
import type {VFile} from 'vfile'
import {fileMessage, phrase} from '../core/phrase.ts'

export interface Options {
  /** Deepest nesting of nodes built (default: `maxNestingDepth`). */
  maxDepth?: number
}

/**
 * How deep the tree may be. The unified utilities tandem uses (remark-stringify, mdast-util-to-hast, the HTML
 * serializer) recurse once or more per level; a list 600 levels deep still builds, 1,000 overflow the stack.
 * No article needs a tenth of this.
 */
export const maxNestingDepth = 300

/** A tree nested deeper than the stack can take (lists, block quotes, emphasis) is an error at the first node too deep, not a crash. */
export default function checkNesting(options: Options = {}) {
  const maxDepth = options.maxDepth ?? maxNestingDepth
  return function (tree: Root, file: VFile): undefined {
    // Iterative on purpose: a recursive walk is what would overflow.
    const stack: Array<[Node, number]> = [[tree, 0]]
    for (let next = stack.pop(); next; next = stack.pop()) {
      const [node, depth] = next
      if (depth > maxDepth) {
        const start = node.position?.start
        const reason = phrase('messages.too-deep.levels', 'nested more than {{depth}} levels deep (lists, block quotes, emphasis); tandem does not build it', {depth: maxDepth})
        throw fileMessage(file, 'error', reason, {line: start?.line ?? 1, column: start?.column ?? 1})
      }
      const children = (node as Partial<Parent>).children
      if (children) for (const child of children) stack.push([child, depth + 1])
    }
  }
}
