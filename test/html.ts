/**
 * Reading generated HTML as a browser would: parse5 (the WHATWG parsing algorithm) and a few
 * queries over its tree, so that tests assert on elements and attributes, never on regexes of markup.
 */
import {parse, type DefaultTreeAdapterTypes} from 'parse5'

export type Element = DefaultTreeAdapterTypes.Element
type Node = DefaultTreeAdapterTypes.Node

export function parseHtml(html: string): Element {
  const document = parse(html)
  const root = document.childNodes.find((node): node is Element => 'tagName' in node && node.tagName === 'html')
  if (!root) throw new Error('no <html> element')
  return root
}

/** Every element below `root`, in document order (`<template>` content included). */
export function allElements(root: Element): Element[] {
  const found: Element[] = []
  const walk = (node: Node) => {
    if ('tagName' in node) {
      found.push(node)
      if (node.tagName === 'template' && 'content' in node) walk(node.content as Node)
    }
    if ('childNodes' in node) for (const child of node.childNodes) walk(child)
  }
  for (const child of root.childNodes) walk(child)
  return found
}

export function attr(element: Element, name: string): string | undefined {
  return element.attrs.find((attribute) => attribute.name === name)?.value
}

export function hasClass(element: Element, name: string): boolean {
  return (attr(element, 'class') ?? '').split(/\s+/).includes(name)
}

/** Elements below `root` with tag `tag` (or any, for `*`) and every class in `classes`. */
export function select(root: Element, tag: string, ...classes: string[]): Element[] {
  return allElements(root).filter((element) => (tag === '*' || element.tagName === tag) && classes.every((name) => hasClass(element, name)))
}

/** The text of an element as a browser's `textContent` has it. */
export function textOf(node: Node): string {
  if (node.nodeName === '#text' && 'value' in node) return node.value
  if ('tagName' in node && node.tagName === 'template' && 'content' in node) return textOf(node.content as Node)
  return 'childNodes' in node ? node.childNodes.map(textOf).join('') : ''
}

/** Text with the tooltips of glossary names left out, as it reads on the page. */
export function visibleText(node: Node): string {
  if ('tagName' in node && hasClass(node, 'tip')) return ''
  if (node.nodeName === '#text' && 'value' in node) return node.value
  return 'childNodes' in node ? node.childNodes.map(visibleText).join('') : ''
}

/** The nearest ancestor-or-self of `element` below `root` that matches. */
export function closest(root: Element, element: Element, test: (candidate: Element) => boolean): Element | undefined {
  let node: Element | undefined = element
  while (node && node !== root) {
    if (test(node)) return node
    const parent: unknown = node.parentNode
    node = parent && typeof parent === 'object' && 'tagName' in parent ? (parent as Element) : undefined
  }
  return undefined
}
