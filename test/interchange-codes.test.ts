import fc from 'fast-check'
import {describe, expect, it} from 'vitest'
import type {Element} from 'xast'
import {fromXml} from 'xast-util-from-xml'
import {toXml} from 'xast-util-to-xml'
import {escapeText} from '../src/core/tagged-text.ts'
import {inlineToTagged, InlineIds, taggedToInline, type Dialect} from '../src/interchange/inline-codes.ts'

type Spec = {text: string} | {mark: 'b' | 'i' | 's'; children: Spec[]} | {link: Spec[]} | {placeholder: true}

const text = fc.string({unit: fc.constantFrom('a', 'ß', 'Ü', ' ', '&', '<', '>', '"', "'", '–', '\u00a0', '😀'), minLength: 1, maxLength: 6})
const specs = fc.letrec<{nodes: Spec[]; node: Spec}>((tie) => ({
  node: fc.oneof(
    {depthSize: 'small', withCrossShrink: true},
    text.map((value): Spec => ({text: value})),
    fc.record({mark: fc.constantFrom<'b' | 'i' | 's'>('b', 'i', 's'), children: tie('nodes') as fc.Arbitrary<Spec[]>}),
    fc.record({link: tie('nodes') as fc.Arbitrary<Spec[]>}),
    fc.constant<Spec>({placeholder: true})
  ),
  nodes: fc.array(tie('node') as fc.Arbitrary<Spec>, {maxLength: 4})
})).nodes

/** Tagged text as the codec writes it: escaped text, ids in document order. */
function tagged(nodes: readonly Spec[]): string {
  let id = 0
  const write = (list: readonly Spec[]): string =>
    list
      .map((node) => {
        if ('text' in node) return escapeText(node.text)
        if ('mark' in node) return `<${node.mark}>${write(node.children)}</${node.mark}>`
        if ('link' in node) {
          const own = ++id
          return `<a id="${own}">${write(node.link)}</a>`
        }
        return `<x id="${++id}"/>`
      })
      .join('')
  return write(nodes)
}

describe('inline codes, property', () => {
  for (const dialect of ['tmx', 'xliff1', 'xliff2'] as Dialect[]) {
    it(`tagged text → ${dialect} → XML → tagged text is the identity`, () => {
      fc.assert(
        fc.property(specs, (nodes) => {
          const source = tagged(nodes)
          const xml = toXml({type: 'element', name: 'seg', attributes: {}, children: taggedToInline(source, dialect)})
          expect(xml).not.toContain('<n>')
          const seg = fromXml(xml).children[0] as Element
          expect(inlineToTagged(seg.children, dialect, new InlineIds(), 'source')).toBe(source)
        }),
        {seed: 13, numRuns: 300}
      )
    })
  }
})
