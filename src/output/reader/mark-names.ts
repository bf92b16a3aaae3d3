import type {ElementContent} from 'hast'
import {h} from 'hastscript'
import {composed} from '../../core/source-offsets.ts'
import type {GlossaryEntry} from '../../core/types.ts'
import type {NameMatcher} from '../../glossary/matcher.ts'

export interface MarkNamesOptions {
  matcher: NameMatcher
  /** The tooltip's content for a glossary entry. */
  tooltip: (entry: GlossaryEntry) => ElementContent[]
  /** A fresh id on the page, for the tooltip. */
  nextId: () => string
}

/**
 * `nodes` with each glossary name in its text (code aside) wrapped in a `<span class="name">` that
 * holds its tooltip, described by it. Names are matched as `applyNameGlossary` matches them: on the
 * composed text, mapped back to the text as written.
 */
export function markNames(nodes: readonly ElementContent[], options: MarkNamesOptions): ElementContent[] {
  return nodes.flatMap((node): ElementContent[] => {
    if (node.type === 'element') {
      return node.tagName === 'code' ? [node] : [{...node, children: markNames(node.children, options)}]
    }
    if (node.type !== 'text') return [node]
    const text = composed(node.value)
    const found = options.matcher.match(text.text)
    if (found.length === 0) return [node]
    const result: ElementContent[] = []
    let at = 0
    for (const match of found) {
      const start = text.original(match.start)
      const end = text.original(match.end)
      if (start < at) continue
      if (start > at) result.push({type: 'text', value: node.value.slice(at, start)})
      const id = options.nextId()
      result.push(
        h('span.name', {tabIndex: -1, ariaDescribedBy: [id]}, [node.value.slice(start, end), h('span.tip', {role: 'tooltip', id}, options.tooltip(match.entry))])
      )
      at = end
    }
    if (at < node.value.length) result.push({type: 'text', value: node.value.slice(at)})
    return result
  })
}
