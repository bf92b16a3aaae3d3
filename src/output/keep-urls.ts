import type {Definition, Image, Link} from 'mdast'
import {defaultHandlers, type Handle, type Options} from 'mdast-util-to-markdown'
import type {Processor} from 'unified'

// Stands for a `&` while the default handler escapes the rest of the URL.
const ampersand = '\uE000'
// A `&` that starts a character reference must stay escaped, or it would be decoded.
const bareAmpersand = /&(?!#[0-9]+;|#[xX][0-9a-fA-F]+;|[A-Za-z][A-Za-z0-9]*;)/g

function keepAmpersands<Node extends Link | Image | Definition>(handle: Handle): Handle {
  return (node: Node, parent, state, info) => {
    if (!node.url.includes('&')) return handle(node, parent, state, info)
    const url = node.url.replace(bareAmpersand, ampersand)
    // An autolink's text is its URL: both change, or `<https://x?a&b>` would be written as a link in brackets
    // (which inside another link's text is no link at all; found by test/fuzz.test.ts).
    const [only] = 'children' in node ? node.children : []
    const autolink = only?.type === 'text' && 'children' in node && node.children.length === 1 && only.value === node.url
    const written = handle(autolink ? {...node, url, children: [{...only, value: url}]} : {...node, url}, parent, state, info)
    return written.replaceAll(ampersand, '&')
  }
}

/**
 * URLs written as they were read: remark escapes every `&` before a letter (`?a=1\&b=2`), which
 * means the same URL but not the same bytes. Only a `&` that would start a character reference is.
 */
export const keepUrls: Options = {
  handlers: {
    link: keepAmpersands<Link>(defaultHandlers.link),
    image: keepAmpersands<Image>(defaultHandlers.image),
    definition: keepAmpersands<Definition>(defaultHandlers.definition)
  }
}

/** remark plugin: serialize with `keepUrls`. */
export default function remarkKeepUrls(this: Processor): undefined {
  const data = this.data()
  ;(data.toMarkdownExtensions ??= []).push(keepUrls)
}
