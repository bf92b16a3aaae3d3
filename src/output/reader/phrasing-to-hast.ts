import type {ElementContent, Element as HastElement} from 'hast'
import {h} from 'hastscript'
import type {Definition, Nodes, PhrasingContent} from 'mdast'
import {toHast, type Handler, type State} from 'mdast-util-to-hast'
import {imageSource, safeLinkUrl} from './sanitize-url.ts'

/** What turning an article's inline Markdown into hast needs besides the nodes. */
export interface PhrasingOptions {
  definitions: ReadonlyMap<string, Definition>
  /** Footnote identifiers in order of definition: their numbers. */
  footnotes: readonly string[]
  /** Interface strings: the title of a removed link, the label of an image without alt text. */
  strings: {unsafeLink: string; image: string}
}

/**
 * The hast of an article's inline content, made safe while it is built: links and images go
 * through `safeLinkUrl` and `imageSource`, raw HTML is dropped (a line break excepted), footnote
 * calls point at the page's own numbered notes. The page's sanitizer checks all of it again.
 */
export function phrasingToHast(nodes: readonly PhrasingContent[], options: PhrasingOptions): ElementContent[] {
  const link = (url: string, title: string | null | undefined, children: ElementContent[]): ElementContent[] => {
    if (children.length === 0) return []
    const href = safeLinkUrl(url)
    if (href === undefined) return [h('span.unsafe-link', {title: options.strings.unsafeLink}, children)]
    const external = /^(?:https?:)?\/\//i.test(href)
    return [h('a', {href, title: title ?? undefined, rel: external ? ['noopener', 'noreferrer'] : undefined}, children)]
  }
  const image = (url: string, alt: string, title: string | null | undefined): ElementContent => {
    const source = imageSource(url)
    const label = `[${alt || options.strings.image}]`
    switch (source.kind) {
      case 'inline':
        return h('img', {src: source.src, alt, title: title ?? undefined, loading: 'lazy'})
      case 'remote':
        // Loading it would be a request to another host; a link lets the reader choose.
        return h('a.image-link', {href: source.href, title: title ?? undefined, rel: ['noopener', 'noreferrer']}, label)
      case 'refused':
        return h('span.unsafe-link', {title: options.strings.unsafeLink}, label)
    }
  }
  const code = (value: string): HastElement => h('code', value)

  const handlers: Record<string, Handler> = {
    // As written: the sentence spans are placed by offsets into this text (the default trims around line ends).
    text: (_state, node: {value: string}) => ({type: 'text', value: node.value}),
    // One element, no added line feed: a break is one character of the text sentences are found in.
    break: () => h('br'),
    link: (state: State, node: Extract<PhrasingContent, {type: 'link'}>) => link(node.url, node.title, state.all(node)),
    linkReference: (state: State, node: Extract<PhrasingContent, {type: 'linkReference'}>) => {
      const definition = options.definitions.get(node.identifier)
      return definition ? link(definition.url, definition.title, state.all(node)) : state.all(node)
    },
    image: (_state, node: Extract<PhrasingContent, {type: 'image'}>) => image(node.url, node.alt ?? '', node.title),
    imageReference: (_state, node: Extract<PhrasingContent, {type: 'imageReference'}>) => {
      const definition = options.definitions.get(node.identifier)
      return definition ? image(definition.url, node.alt ?? '', definition.title) : {type: 'text', value: node.alt ?? ''}
    },
    footnoteReference: (_state, node: Extract<PhrasingContent, {type: 'footnoteReference'}>) => {
      const number = options.footnotes.indexOf(node.identifier) + 1
      // Ids are the note's number, never its label: nothing from the article becomes an id.
      return number > 0 ? h('sup', h('a.fnref', {href: `#fn-${number}`}, String(number))) : h('sup', node.identifier)
    },
    // HTML from an article is never rendered; a line break is the one tag worth keeping.
    html: (_state, node: {value: string}) => (/^<br\s*\/?>$/i.test(node.value.trim()) ? h('br') : undefined),
    inlineMath: (_state, node: {value: string}) => code(node.value)
  }

  const root = toHast({type: 'paragraph', children: [...nodes]} satisfies Nodes, {
    handlers,
    // Whatever later extensions add: its text as code, or its children.
    unknownHandler: (state: State, node: Nodes) =>
      'value' in node && typeof node.value === 'string' ? code(node.value) : 'children' in node ? state.all(node) : undefined
  })
  return root.type === 'element' ? root.children : []
}
