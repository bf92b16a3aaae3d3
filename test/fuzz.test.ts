/**
 * Fuzzing (issue 17): property tests with fast-check over the tagged-text codec, the segmenter and the importer.
 * `npm test` runs them with a fixed seed and few runs; `npm run fuzz` runs many, with a new seed each time
 * (`FUZZ_RUNS`, `FUZZ_SEED`). A failure prints its seed and path: keep the input it found in `regressions` below.
 */
import {mkdtemp, rm} from 'node:fs/promises'
import os from 'node:os'
import path from 'node:path'
import spec from 'commonmark-spec'
import fc from 'fast-check'
import type {PhrasingContent, Root} from 'mdast'
import {VFile} from 'vfile'
import {VFileMessage} from 'vfile-message'
import {afterAll, beforeAll, describe, expect, it} from 'vitest'
import {fromTaggedText, toTaggedText} from '../src/core/tagged-text.ts'
import {createI18n} from '../src/i18n/index.ts'
import {importPlainText} from '../src/import/index.ts'
import {TranslationMemory} from '../src/memory/translation-memory.ts'
import {createFinisher, createSegmenter, createWriter} from '../src/pipeline/processor.ts'
import {checkSourceBytes} from '../src/pipeline/read-source.ts'
import {DEFAULTS} from '../src/core/defaults.ts'
import {roundTrip} from './fidelity.ts'

const runs = (fallback: number) => Number(process.env.FUZZ_RUNS ?? fallback)
/** Fixed in `npm test`, so that a run is repeatable; `npm run fuzz` leaves it unset for a new one each time. */
const seed = process.env.FUZZ_SEED ? Number(process.env.FUZZ_SEED) : process.env.FUZZ_RUNS ? undefined : 17
const settings = (numRuns: number): fc.Parameters<unknown> => ({numRuns: runs(numRuns), ...(seed === undefined ? {} : {seed})})

const marks = new Set(['emphasis', 'strong', 'delete'])

/**
 * A tree as data, as the codec gives it back: no positions, adjacent texts joined, and marks of one kind that touch
 * or stand apart by white space only joined into one (`**a** **b**` is `<b>a b</b>`, on purpose: one tag pair fewer).
 */
function normalize(nodes: readonly PhrasingContent[]): unknown[] {
  const out: Array<Record<string, unknown>> = []
  const list = nodes.map((node) => {
    const {position: _position, ...rest} = node as PhrasingContent & {position?: unknown}
    return rest as Record<string, unknown> & {type: string; children?: PhrasingContent[]; value?: string}
  })
  for (let index = 0; index < list.length; index++) {
    const copy = {...list[index]} as Record<string, unknown> & {type: string; children?: PhrasingContent[]; value?: string}
    const previous = out[out.length - 1] as (Record<string, unknown> & {type: string; children?: PhrasingContent[]}) | undefined
    const next = list[index + 1]
    const sameMark = (candidate: {type: string} | undefined) => candidate !== undefined && marks.has(candidate.type) && previous?.type === candidate.type
    if (previous && sameMark(copy)) {
      previous.children = [...(previous.children ?? []), ...(copy.children ?? [])]
    } else if (previous && marks.has(previous.type) && copy.type === 'text' && copy.value?.trim() === '' && sameMark(next)) {
      previous.children = [...(previous.children ?? []), copy as unknown as PhrasingContent, ...(next?.children ?? [])]
      index++
    } else if (previous && previous.type === 'text' && copy.type === 'text') {
      previous.value = String(previous.value) + String(copy.value)
    } else {
      out.push(copy)
    }
  }
  for (const node of out) if (Array.isArray(node.children)) node.children = normalize(node.children as PhrasingContent[])
  return out
}

describe('the tagged-text codec', () => {
  // Text with the characters XML and Markdown care about, and words.
  const text = fc
    .array(fc.constantFrom('Haus', 'die', ' ', '<', '>', '&', '"', "'", '&amp;', '<b>', 'x="1"', 'ß', '😀', '\u00a0', '1'), {minLength: 1, maxLength: 6})
    .map((parts): PhrasingContent => ({type: 'text', value: parts.join('')}))
  const url = fc.constantFrom('https://example.org/a?b=1&c=2', 'mailto:x@example.org', '/relative "quoted"', '')
  const title = fc.constantFrom(null, 'Titel', 'a "quote" <b>')
  const leaf = fc.oneof(
    {arbitrary: text, weight: 4},
    {arbitrary: fc.constantFrom('code', 'a<b>', '`tick`').map((value): PhrasingContent => ({type: 'inlineCode', value})), weight: 1},
    {arbitrary: fc.constantFrom('<br>', '<span class="x">', '</span>').map((value): PhrasingContent => ({type: 'html', value})), weight: 1},
    {
      arbitrary: fc.record({url, title, alt: fc.constantFrom('Bild', '', 'a <b>')}).map((image): PhrasingContent => ({type: 'image', ...image})),
      weight: 1
    },
    {arbitrary: fc.constant<PhrasingContent>({type: 'break'}), weight: 1}
  )
  const inline = fc.letrec<{node: PhrasingContent; nodes: PhrasingContent[]}>((tie) => ({
    node: fc.oneof(
      {depthSize: 'small'},
      {arbitrary: leaf, weight: 5},
      {arbitrary: tie('nodes').map((children): PhrasingContent => ({type: 'emphasis', children: children as never})), weight: 1},
      {arbitrary: tie('nodes').map((children): PhrasingContent => ({type: 'strong', children: children as never})), weight: 1},
      {arbitrary: tie('nodes').map((children): PhrasingContent => ({type: 'delete', children: children as never})), weight: 1},
      {
        arbitrary: fc.record({url, title, children: tie('nodes')}).map((link): PhrasingContent => ({type: 'link', ...link, children: link.children as never})),
        weight: 1
      }
    ),
    nodes: fc.array(tie('node'), {minLength: 1, maxLength: 4}) as fc.Arbitrary<PhrasingContent[]>
  }))

  it('gives back the same tree for any inline mdast (inline → tagged → inline)', () => {
    fc.assert(
      fc.property(inline.nodes, (nodes) => {
        const tagged = toTaggedText(nodes)
        expect(normalize(fromTaggedText(tagged.text, tagged.placeholders))).toEqual(normalize(nodes))
      }),
      settings(300)
    )
  })
})

/** Inputs fuzzing found that once broke a stage, kept as fixed cases (and as seeds for mutation). */
const regressions: Array<{found: string; markdown: string}> = [
  {
    found: 'seed -859811664: an autolink with `&` was written as `[url](url)`, a link inside the outer link',
    markdown: '[<https://foo.bar.baz/test?q=hello&id=22&boolean>\nlink [foo [bar]]](/uri)\n'
  },
  {
    found: 'seed 1229041033: a template tag over a line ending was one token, which broke micromark\'s subtokenizer',
    markdown: '{{<a  /><b2\ndata="foo" >\n x }}\tfoo\tbaz\t\tbim\n'
  },
  {
    found: 'seed -968662092: an escaped `\\{{` was written as `{{`, which read again is a template tag',
    markdown: '\\{{ x }}*\tfoo\tbaz\t\tbim\n'
  }
]
const examples = [...spec.tests.map((example) => example.markdown.replaceAll('→', '\t')), ...regressions.map((entry) => entry.markdown)]

/** Random edits with Markdown's own characters: inserted, deleted, doubled, and two examples joined. */
const mutated = fc
  .record({
    base: fc.constantFrom(...examples),
    other: fc.constantFrom(...examples),
    edits: fc.array(
      fc.record({
        kind: fc.constantFrom('insert', 'delete', 'double', 'join'),
        at: fc.nat(),
        length: fc.nat({max: 12}),
        piece: fc.constantFrom('*', '_', '**', '[', ']', '(', ')', '<', '>', '!', '#', '-', '+', '|', '`', '~', '$$', '\n', '\n\n', ' ', '    ', '\t', '---\n', '> ', '- ', '1. ', '{{ x }}', '&amp;', 'Haus', '\\', ':', '"', '\r\n', '\u0000')
      }),
      {maxLength: 6}
    )
  })
  .map(({base, other, edits}) => {
    let text = base
    for (const edit of edits) {
      const at = text.length === 0 ? 0 : edit.at % (text.length + 1)
      if (edit.kind === 'insert') text = text.slice(0, at) + edit.piece + text.slice(at)
      else if (edit.kind === 'delete') text = text.slice(0, at) + text.slice(at + edit.length)
      else if (edit.kind === 'double') text = text.slice(0, at + edit.length) + text.slice(at, at + edit.length) + text.slice(at + edit.length)
      else text = text.slice(0, at) + other + text.slice(at)
    }
    return text
  })

describe('the segmenter, on mutated CommonMark examples', () => {
  let dir: string
  let memory: TranslationMemory
  beforeAll(async () => {
    dir = await mkdtemp(path.join(os.tmpdir(), 'tandem-fuzz-'))
    memory = await TranslationMemory.open(path.join(dir, 'de-en.jsonl'))
  })
  afterAll(async () => {
    await rm(dir, {recursive: true, force: true})
  })

  const options = {sourceLang: DEFAULTS.sourceLang, targetLang: DEFAULTS.targetLang, frontmatterFields: DEFAULTS.frontmatterFields}
  const t = createI18n('en').t

  /** German in, the English edition out with every target its own source (an identity provider), or the messages. */
  async function build(markdown: string): Promise<{file: VFile; english?: string}> {
    const file = new VFile({path: path.join(dir, 'content', 'de', 'x.md'), cwd: dir})
    if (!checkSourceBytes(file, Buffer.from(markdown))) return {file}
    const segmenter = createSegmenter(options)
    try {
      const tree = segmenter.parse(file)
      await segmenter.run(tree, file)
      for (const segment of file.data.tandem?.segments ?? []) segment.target = segment.source
      const finished = (await createFinisher({memory, t}).run(tree, file)) as Root
      const writer = createWriter({t, memoryLabel: DEFAULTS.memoryPath})
      const written = (await writer.run(finished, file)) as Root
      return {file, english: writer.stringify(written, file)}
    } catch (error) {
      // The one way a stage may stop: `file.fail()`, a message with a place, on the file.
      if (error instanceof VFileMessage && file.messages.includes(error) && error.line !== undefined) return {file}
      throw error
    }
  }

  /** The segment sources of a German (or identity-English) text, as tandem would send them. */
  async function sources(markdown: string): Promise<string[]> {
    const file = new VFile({path: path.join(dir, 'x.md'), value: markdown})
    const segmenter = createSegmenter(options)
    await segmenter.run(segmenter.parse(file), file)
    return (file.data.tandem?.segments ?? []).filter((segment) => segment.kind !== 'frontmatter').map((segment) => segment.source)
  }

  /** Never a throw: an English edition with the German's segments, or fatal messages with a place. */
  async function check(markdown: string): Promise<void> {
    const {file, english} = await build(markdown)
    const fatal = file.messages.filter((message) => message.fatal)
    if (english === undefined) {
      expect(fatal.length).toBeGreaterThan(0)
      for (const message of fatal) expect(message.line).toBeGreaterThan(0)
      return
    }
    expect(fatal).toEqual([])
    // The identity translation, read again, has the German's segments: nothing lost, nothing invented. Or else those
    // of remark's own round trip of the German: remark-stringify has limits of its own (nested emphasis of one
    // marker, `_a _b_ c_`, is written ambiguously), which are remark's business, not tandem's.
    const got = await sources(english)
    if (JSON.stringify(got) === JSON.stringify(await sources(String(file.value)))) return
    expect(got).toEqual(await sources(roundTrip(String(file.value))))
  }

  it.each(regressions)('builds what fuzzing once broke: $found', async ({markdown}) => {
    await check(markdown)
  })

  // Found by fuzzing (seed 17, once `regressions` had two cases) and not fixed yet: mdast-util-to-markdown turns
  // the line ending before inline HTML that is not a tag into a space, so a hard break before a template tag is
  // written `\ ` (syntax-tree/mdast-util-to-markdown#15). It fails until it is fixed; then move it to `regressions`.
  it.fails('keeps a hard break before a template tag', async () => {
    const german = 'Foo\\\n{{ x }}----\n'
    const {english} = await build(german)
    expect(await sources(english ?? '')).toEqual(await sources(german))
  })

  it('never throws, and either builds an English edition with the same segments or gives messages with a place', async () => {
    await fc.assert(fc.asyncProperty(mutated, check), settings(150))
  })
})

describe('the importer', () => {
  const line = fc.oneof(
    fc.string({unit: 'grapheme', maxLength: 80}),
    fc.constantFrom('', ' ', '\t', '# Titel', '- Punkt', '1. Eins', '> Zitat', '---', '***', '| a | b |', '```', '<div>', '[x](y)', '*', '_', '\\', '\r', '\u00a0')
  )
  const plainText = fc.array(line, {maxLength: 30}).map((lines) => lines.join('\n'))

  it('never throws on random plain text: it gives an article or a message with a place', () => {
    fc.assert(
      fc.property(plainText, (text) => {
        const file = new VFile({path: 'article.txt', value: text})
        try {
          const article = importPlainText(file)
          expect(article.markdown.endsWith('\n')).toBe(true)
          expect(article.slug).toMatch(/^[a-z\d]+(?:-[a-z\d]+)*$/)
        } catch (error) {
          expect(error).toBeInstanceOf(VFileMessage)
          expect(file.messages).toContain(error)
        }
      }),
      settings(300)
    )
  })
})
