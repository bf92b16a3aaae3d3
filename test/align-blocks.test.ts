/**
 * The block aligner (`tandem memory align`) on real pairs of the Open Source Guides (CC BY 4.0,
 * © GitHub, Inc. and contributors) against hand-written gold, on synthetic pairs of each shape, and
 * on random documents (fast-check).
 */
import {readFileSync} from 'node:fs'
import path from 'node:path'
import fc from 'fast-check'
import type {Root} from 'mdast'
import {VFile} from 'vfile'
import {afterEach, describe, expect, it} from 'vitest'
import {DEFAULTS} from '../src/core/defaults.ts'
import {alignBlocks, headingDepths, toAlignBlocks, type AlignBlock, type BlockLink} from '../src/align/align-blocks.ts'
import {alignedTargets, retag, taggedSentences} from '../src/align/aligned-targets.ts'
import {characterCount} from '../src/align/align-sentences.ts'
import {normalizeUrl, numbersIn, writtenInEnglish} from '../src/align/block-anchors.ts'
import {tandemData} from '../src/core/data.ts'
import {taggedToPlain} from '../src/core/tagged-text.ts'
import type {Segment} from '../src/core/types.ts'
import {alignedRecords} from '../src/memory/aligned-records.ts'
import {createSegmenter} from '../src/pipeline/processor.ts'
import {existsSync} from 'node:fs'
import {corpusDir as besideRepo} from './fidelity.ts'
import {createProject, removeProjects} from './project.ts'

// Beside the repository, or beside the worktrees folder for a git worktree.
const corpusDir = [besideRepo, path.join(besideRepo, '..', '..', '..', '..', 'shared', 'corpus', 'opensource-guide')].find((dir) => existsSync(dir)) ?? besideRepo
const articles = ['best-practices', 'building-community', 'code-of-conduct', 'finding-users', 'getting-paid', 'how-to-contribute', 'leadership-and-governance', 'legal']

interface GoldLink {
  de: number[]
  en: number[]
  text: [string, string]
}
interface GoldPair {
  file: string
  blocks: {de: number; en: number}
  links: GoldLink[]
}
const gold = JSON.parse(readFileSync(path.join(import.meta.dirname, 'fixtures', 'align', 'blocks-gold.json'), 'utf8')) as {pairs: GoldPair[]}

async function blocksOf(markdown: string, language: 'de' | 'en'): Promise<AlignBlock[]> {
  const processor = createSegmenter({sourceLang: 'de', targetLang: 'en-US', frontmatterFields: ['title', 'description', 'summary'], labelLanguage: language})
  const file = new VFile({path: `${language}.md`, value: markdown})
  const tree = (await processor.run(processor.parse(file), file)) as Root
  return toAlignBlocks(tandemData(file).segments, headingDepths(tree))
}

const corpusBlocks = (article: string, language: 'de' | 'en') => blocksOf(readFileSync(path.join(corpusDir, language, `${article}.md`), 'utf8'), language)

const shape = (link: {de: number[]; en: number[]}) => `${link.de.join(',')}-${link.en.join(',')}`
const paired = (link: {de: number[]; en: number[]}) => link.de.length > 0 && link.en.length > 0

/** Pairs that would be stored: paired, no conflict, at or above the confidence. */
const storedLinks = (links: readonly BlockLink[], minConfidence = DEFAULTS.align.minConfidence) =>
  links.filter((link) => paired(link) && link.conflicts.length === 0 && link.confidence >= minConfidence)

afterEach(removeProjects)

describe('gold block alignment (finding-users, getting-paid, legal)', () => {
  it('still names the blocks the segmenter makes', async () => {
    for (const pair of gold.pairs) {
      const article = pair.file.replace(/\.md$/, '')
      const de = await corpusBlocks(article, 'de')
      const en = await corpusBlocks(article, 'en')
      expect({de: de.length, en: en.length}).toEqual(pair.blocks)
      for (const link of pair.links) {
        const opening = (blocks: AlignBlock[], indices: number[]) =>
          indices.map((index) => taggedToPlain(blocks[index]?.segment.source ?? '').split(/\s+/).slice(0, 6).join(' ')).join(' + ') || '–'
        expect([opening(de, link.de), opening(en, link.en)]).toEqual(link.text)
      }
    }
  })

  it('is matched with precision ≥ 95 % and recall ≥ 90 % at the default confidence', async () => {
    let right = 0
    let stored = 0
    let goldPairs = 0
    let everyLinkRight = 0
    let links = 0
    const perFile: string[] = []
    for (const pair of gold.pairs) {
      const article = pair.file.replace(/\.md$/, '')
      const found = alignBlocks(await corpusBlocks(article, 'de'), await corpusBlocks(article, 'en'))
      const expected = new Set(pair.links.filter(paired).map(shape))
      goldPairs += expected.size
      const kept = storedLinks(found)
      const keptRight = kept.filter((link) => expected.has(shape(link))).length
      perFile.push(`${pair.file} ${keptRight}/${kept.length} stored right, ${keptRight}/${expected.size} gold pairs found`)
      stored += kept.length
      right += keptRight
      const all = new Set(pair.links.map(shape))
      links += pair.links.length
      everyLinkRight += found.filter((link) => all.has(shape(link))).length
    }
    const precision = right / stored
    const recall = right / goldPairs
    const f1 = (2 * precision * recall) / (precision + recall)
    console.log(
      `block alignment at min-confidence ${DEFAULTS.align.minConfidence}: precision ${(100 * precision).toFixed(1)} % (${right}/${stored}), ` +
        `recall ${(100 * recall).toFixed(1)} % (${right}/${goldPairs}), F1 ${f1.toFixed(3)}; every link incl. unpaired: ${everyLinkRight}/${links}; ${perFile.join('; ')}`
    )
    expect(precision).toBeGreaterThanOrEqual(0.95)
    expect(recall).toBeGreaterThanOrEqual(0.9)
  })

  it('finds getting-paid’s merge (two German paragraphs, one English) and cuts the English between its sentences', async () => {
    const de = await corpusBlocks('getting-paid', 'de')
    const en = await corpusBlocks('getting-paid', 'en')
    const links = alignBlocks(de, en)
    expect(links.filter((link) => link.de.length + link.en.length > 2).map(shape)).toEqual(['43,44-35'])
    // The newer English revision's bounty section and two new funds have no German.
    expect(links.filter((link) => link.de.length === 0).map(shape)).toEqual(['-27', '-28', '-29', '-50', '-51'])
    const targets = alignedTargets(de.map((block) => block.segment), en.map((block) => block.segment), links)
    expect(targets.filter((target) => target.de === 43 || target.de === 44).map(({de, target, problems}) => ({de, target, problems}))).toEqual([
      {de: 43, target: 'Finding sponsorships works well if you have a strong audience or reputation already, or your project is very popular.', problems: []},
      {de: 44, target: 'A few examples of sponsored projects include:', problems: []}
    ])
  })

  it('has its length model calibrated on the eight corpus pairs', async () => {
    // As the defaults were measured: aligned with Gale and Church's constants, 1-1 prose pairs of any confidence without conflicts.
    const lengths: Array<[number, number]> = []
    for (const article of articles) {
      const de = await corpusBlocks(article, 'de')
      const en = await corpusBlocks(article, 'en')
      for (const link of alignBlocks(de, en, {ratio: 0.9, variance: 6.8})) {
        if (link.de.length !== 1 || link.en.length !== 1 || link.conflicts.length > 0) continue
        const german = de[link.de[0] as number]?.segment as Segment
        const english = en[link.en[0] as number]?.segment as Segment
        if (german.kind !== 'paragraph' && german.kind !== 'listItem') continue
        lengths.push([characterCount(taggedToPlain(german.source)), characterCount(taggedToPlain(english.source))])
      }
    }
    const ratio = lengths.reduce((total, [, english]) => total + english, 0) / lengths.reduce((total, [german]) => total + german, 0)
    const variance = lengths.reduce((total, [german, english]) => total + (english - ratio * german) ** 2 / ((german + english / ratio) / 2), 0) / lengths.length
    console.log(`calibration: ${lengths.length} pairs, ratio ${ratio.toFixed(3)}, variance ${variance.toFixed(2)}`)
    expect(Math.abs(ratio - DEFAULTS.align.blockRatio)).toBeLessThan(0.01)
    expect(Math.abs(variance - DEFAULTS.align.blockVariance)).toBeLessThan(0.1)
  })
})

describe('synthetic pairs', () => {
  const text = (words: number, seed: string) => Array.from({length: words}, (_, index) => `${seed}${index % 7}`).join(' ') + '.'

  it('aligns an extra German paragraph and two English paragraphs merged into one', async () => {
    const de = await blocksOf(
      [
        '# Die Wahl 2024',
        'Die Wahl fand am 5. Mai 2024 statt, und die Beteiligung lag bei 61 Prozent, so hoch wie seit Jahren nicht.',
        'Dieser Absatz steht nur in der deutschen Fassung, er erklärt den Lesern in Deutschland, wie seit 1990 gewählt wird.',
        'Die Regierung trat zurück.',
        'Die Opposition feierte den Sieg bis in den frühen Morgen hinein, und ihre Anhänger zogen durch die Innenstadt.',
        'Am Ende zählten 18 Stimmen.'
      ].join('\n\n'),
      'de'
    )
    const en = await blocksOf(
      [
        '# The 2024 election',
        'The election took place on 5 May 2024, and turnout was 61 percent, the highest in years.',
        'The government resigned. The opposition celebrated its victory until the early morning, and its supporters marched through the city centre.',
        'In the end, 18 votes counted.'
      ].join('\n\n'),
      'en'
    )
    const links = alignBlocks(de, en)
    expect(links.map(shape)).toEqual(['0-0', '1-1', '2-', '3,4-2', '5-3'])
    const targets = alignedTargets(de.map((block) => block.segment), en.map((block) => block.segment), links)
    expect(targets.map((target) => [target.de, target.target])).toEqual([
      [0, 'The 2024 election'],
      [1, 'The election took place on 5 May 2024, and turnout was 61 percent, the highest in years.'],
      [3, 'The government resigned.'],
      [4, 'The opposition celebrated its victory until the early morning, and its supporters marched through the city centre.'],
      [5, 'In the end, 18 votes counted.']
    ])
  })

  it('pairs a German list with the English prose it became, item by sentence', async () => {
    const de = await blocksOf(
      ['## Gründe', 'Es gibt zwei Gründe:', '- Das Projekt braucht regelmäßige Pflege durch viele Hände.\n- Die Nutzer möchten wissen, wer für die Software verantwortlich ist.', '## Weiter'].join('\n\n'),
      'de'
    )
    const en = await blocksOf(
      ['## Reasons', 'There are two reasons.', 'The project needs regular care by many hands. Users want to know who is responsible for the software.', '## Next'].join('\n\n'),
      'en'
    )
    const links = alignBlocks(de, en)
    expect(links.map(shape)).toEqual(['0-0', '1-1', '2,3-2', '4-3'])
    const targets = alignedTargets(de.map((block) => block.segment), en.map((block) => block.segment), links)
    expect(targets.filter((target) => target.de === 2 || target.de === 3).map((target) => target.target)).toEqual([
      'The project needs regular care by many hands.',
      'Users want to know who is responsible for the software.'
    ])
  })

  it('pairs a newer German revision: an added paragraph and a rewritten one', async () => {
    const paragraphs = [
      'Open Source lebt von Menschen, die ihre Zeit geben, und von Projekten, die sie willkommen heißen.',
      'Im Jahr 2019 hatte das Projekt 40 Beitragende; heute sind es über 300.',
      'Lesen Sie zuerst die Datei [CONTRIBUTING](https://example.org/contributing), bevor Sie etwas ändern.'
    ]
    const de = await blocksOf(
      ['## Mitmachen', paragraphs[0], 'Neu in dieser Fassung: ein Absatz über die Sprechstunde, die jeden Donnerstag um 17 Uhr stattfindet.', paragraphs[1], paragraphs[2]].join('\n\n'),
      'de'
    )
    const en = await blocksOf(
      [
        '## Contributing',
        'Open source lives from people who give their time, and from projects that welcome them.',
        'In 2019 the project had 40 contributors.',
        'Read the [CONTRIBUTING](https://example.org/contributing) file first, before you change anything.'
      ].join('\n\n'),
      'en'
    )
    const links = alignBlocks(de, en)
    expect(links.map(shape)).toEqual(['0-0', '1-1', '2-', '3-2', '4-3'])
    // "300" is only in the German: the pair is kept out of the memory, whatever its confidence.
    expect(links[3]?.conflicts).toEqual(['number `300` only in German'])
    expect(storedLinks(links).map(shape)).toEqual(['0-0', '1-1', '4-3'])
  })

  it('tells by cognates which of two German paragraphs of the same length the English lacks', async () => {
    const de = await blocksOf(
      [
        '## Dokumentation',
        'Eine gute Dokumentation hilft dem Projekt und seiner Community, wenn neue Mitwirkende kommen.',
        'Dieser Absatz über das Wetter in Berlin steht nur in der deutschen Fassung, für unsere Leser hier.',
        'Lizenzen und Patente regeln die Nutzung der Software durch Firmen und Organisationen weltweit.',
        'Am Ende entscheidet die Community selbst, welche Regeln für das Projekt gelten sollen.'
      ].join('\n\n'),
      'de'
    )
    const en = await blocksOf(
      [
        '## Documentation',
        'Good documentation helps the project and its community when new contributors arrive.',
        'Licenses and patents govern how companies and organizations use the software worldwide.',
        'In the end the community itself decides which rules should apply to the project.'
      ].join('\n\n'),
      'en'
    )
    const links = alignBlocks(de, en)
    expect(links.map(shape)).toEqual(['0-0', '1-1', '2-', '3-2', '4-3'])
    expect(storedLinks(links).map(shape)).toEqual(['0-0', '1-1', '3-2', '4-3'])
  })

  it('pairs a quote’s German translation, not the German file’s copy of the original, with the English that is the original', async () => {
    const quote = 'It is closely aligned with our hacker culture, and with how our organization thinks about the work that we do.'
    const de = await blocksOf(
      ['## Firmen', 'Viele Firmen bezahlen ihre Leute für die Arbeit an Open Source, wie ein Mitarbeiter erzählt:', 'Es passt zu unserer Hackerkultur und zu unserem Denken über die Arbeit.', quote, 'Wenn Ihre Firma diesen Weg geht, fragen Sie nach.'].join('\n\n'),
      'de'
    )
    const en = await blocksOf(['## Companies', 'Many companies pay their people to work on open source, as one employee tells:', quote, 'If your company goes down this path, ask about it.'].join('\n\n'), 'en')
    const links = alignBlocks(de, en)
    expect(links.map(shape)).toEqual(['0-0', '1-1', '2-2', '3-', '4-3'])
    expect(storedLinks(links).map(shape)).toEqual(['0-0', '1-1', '2-2', '4-3'])
  })

  it('never stores a pair whose links or numbers contradict, however the paragraphs are shuffled', async () => {
    const paragraph = (index: number) =>
      `Absatz ${index + 10} verweist auf [die Quelle](https://example.org/${index}) und ${text(4 + ((index * 5) % 17), 'wort')}`
    const english = (index: number) => `Paragraph ${index + 10} links to [the source](https://example.org/${index}) and ${text(4 + ((index * 5) % 17), 'word')}`
    await fc.assert(
      fc.asyncProperty(fc.shuffledSubarray([0, 1, 2, 3, 4, 5, 6, 7], {minLength: 1}), async (order) => {
        const de = await blocksOf([0, 1, 2, 3, 4, 5, 6, 7].map(paragraph).join('\n\n'), 'de')
        const en = await blocksOf(order.map(english).join('\n\n'), 'en')
        const links = alignBlocks(de, en)
        const targets = alignedTargets(de.map((block) => block.segment), en.map((block) => block.segment), links)
        const records = alignedRecords(de.map((block) => block.segment), en.map((block) => block.segment), targets, {
          sourceLang: 'de',
          targetLang: 'en-US',
          origin: 'import',
          date: '2026-01-01',
          dePath: 'de.md',
          enPath: 'en.md'
        }).records
        for (const record of records) {
          const number = /^Absatz (\d+)/.exec(record.source)?.[1]
          expect(record.target.startsWith(`Paragraph ${number} `)).toBe(true)
        }
      }),
      {seed: 16, numRuns: 40}
    )
  })
})

describe('random documents (fast-check)', () => {
  const word = fc.constantFrom('Haus', 'Straße', 'und', 'die', 'Regierung', 'sagte', 'am', 'Montag', 'dass', 'Wahl', 'Stadt', 'nicht')
  const sentence = fc.array(word, {minLength: 3, maxLength: 30}).map((words) => `${words.join(' ')}.`)
  const paragraphText = fc.array(sentence, {minLength: 1, maxLength: 4}).map((sentences) => sentences.join(' '))
  const block = fc.oneof({arbitrary: paragraphText, weight: 5}, {arbitrary: fc.array(word, {minLength: 1, maxLength: 5}).map((words) => `## ${words.join(' ')}`), weight: 1})
  const document = fc.array(block, {minLength: 1, maxLength: 14})

  it('aligns a document with itself as the identity', async () => {
    await fc.assert(
      fc.asyncProperty(document, async (blocks) => {
        const markdown = blocks.join('\n\n')
        const de = await blocksOf(markdown, 'de')
        const en = await blocksOf(markdown, 'en')
        const links = alignBlocks(de, en)
        expect(links.map(shape)).toEqual(de.map((_, index) => `${index}-${index}`))
      }),
      {seed: 1, numRuns: 60}
    )
  })

  it('finds random insertions and deletions', async () => {
    // Each paragraph carries its own number, as real ones carry their links and figures.
    const numbered = fc.array(paragraphText, {minLength: 2, maxLength: 12}).map((texts) => texts.map((body, index) => `Punkt ${100 + index}: ${body}`))
    const edits = fc.array(fc.record({at: fc.nat(), insert: fc.boolean(), body: paragraphText}), {minLength: 1, maxLength: 4})
    await fc.assert(
      fc.asyncProperty(numbered, edits, async (paragraphs, changes) => {
        const english: Array<{from: number | undefined; text: string}> = paragraphs.map((text, index) => ({from: index, text}))
        changes.forEach((change, offset) => {
          const at = change.at % (english.length + 1)
          if (change.insert || english.length <= 1) english.splice(at, 0, {from: undefined, text: `Punkt ${900 + offset}: ${change.body}`})
          else english.splice(Math.min(at, english.length - 1), 1)
        })
        const de = await blocksOf(paragraphs.join('\n\n'), 'de')
        const en = await blocksOf(english.map((entry) => entry.text).join('\n\n'), 'en')
        const links = alignBlocks(de, en)
        const expected = english.flatMap((entry, index) => (entry.from === undefined ? [] : [`${entry.from}-${index}`]))
        // A deletion next to an insertion may look like a 1-1 pair, but their numbers differ: it is never stored.
        expect(links.filter((link) => link.de.length === 1 && link.en.length === 1).map(shape)).toEqual(expect.arrayContaining(expected))
        expect(storedLinks(links).map(shape)).toEqual(expected)
      }),
      {seed: 7, numRuns: 60}
    )
  })
})

describe('pieces', () => {
  it('normalizes URLs and numbers as both editions write them', () => {
    expect(normalizeUrl('https://OpenSource.Guide/de/starting-a-project/#lizenz')).toBe('//opensource.guide/starting-a-project')
    expect(normalizeUrl('/de/legal/')).toBe('/legal')
    expect([...numbersIn('Am 3. Mai kamen 1.000 Menschen, 2,5 Prozent mehr als 2019.')]).toEqual(['1000', '25', '2019'])
  })

  it('tells a German file’s English quote from German', () => {
    expect(writtenInEnglish('A mistake I made in those early days was not starting a Twitter account for the project.')).toBe(true)
    expect(writtenInEnglish('Ein Fehler der frühen Tage war, dass ich kein Twitter-Konto für das Projekt einrichtete.')).toBe(false)
  })

  it('cuts tagged text between sentences, never inside a tag pair', () => {
    expect(taggedSentences('One <b>two</b>. Three <a id="1">four. Five</a> six. <i>Seven</i> eight.')).toEqual([
      'One <b>two</b>.',
      'Three <a id="1">four. Five</a> six.',
      '<i>Seven</i> eight.'
    ])
  })

  it('renumbers the English placeholders to the German ones by link target', async () => {
    const [german] = await blocksOf('Erst [A](https://a.example/) und dann `code` und [B](https://b.example/).', 'de')
    const [english] = await blocksOf('First [B](https://b.example/), then [A](https://a.example/) and `code`.', 'en')
    const segment = (german as AlignBlock).segment
    expect(segment.source).toBe('Erst <a id="1">A</a> und dann <x id="2"/> und <a id="3">B</a>.')
    const englishSegment = (english as AlignBlock).segment
    expect(retag([{text: englishSegment.source, placeholders: englishSegment.placeholders}], segment.placeholders)).toBe(
      'First <a id="3">B</a>, then <a id="1">A</a> and <x id="2"/>.'
    )
    expect(retag([{text: 'Only <a id="1">one</a>.', placeholders: englishSegment.placeholders.slice(0, 1)}], segment.placeholders)).toEqual({
      problem: 'the German has 3 links or placeholders, the English 1 of them'
    })
  })

  it('keeps the words of a same-page link the German lacks ("see below"), never another link', async () => {
    const [german] = await blocksOf('Lesen Sie die [Lizenz](https://example.org/license) (siehe unten).', 'de')
    const [english] = await blocksOf('Read the [license](https://example.org/license) ([see below](#contributor-agreements)).', 'en')
    const [other] = await blocksOf('Read the [license](https://example.org/license) ([see there](https://example.org/agreements)).', 'en')
    const piece = (block: AlignBlock | undefined) => ({text: block?.segment.source ?? '', placeholders: block?.segment.placeholders ?? []})
    const placeholders = (german as AlignBlock).segment.placeholders
    expect(retag([piece(english)], placeholders)).toBe('Read the <a id="1">license</a> (see below).')
    expect(retag([piece(other)], placeholders)).toEqual({problem: 'the English `<a id="2">` has no German counterpart'})
  })
})

describe('tandem memory align', () => {
  const german = ['---', 'title: Die Wahl', '---', '', '## Ergebnis', '', 'Die Wahl fand am 5. Mai 2024 statt.', '', 'Nur auf Deutsch: ein Absatz mit Hintergrund für Leser in Deutschland.', ''].join('\n')
  const english = ['---', 'title: The election', '---', '', '## Result', '', 'The election took place on 5 May 2024.', ''].join('\n')

  it('prints the alignment with --dry-run and stores nothing', async () => {
    const project = await createProject({files: {'content/de/wahl.md': german, 'en/wahl.md': english}})
    const run = await project.cli(['memory', 'align', 'content/de/wahl.md', 'en/wahl.md', '--dry-run'])
    expect(run.code).toBe(0)
    expect(run.stdout).toEqual([
      '| confidence | Deutsch | English | stored |',
      '| ---: | --- | --- | --- |',
      '| 0.98 | 2: Die Wahl | 2: The election | yes |',
      '| 1.00 | 5: Ergebnis | 5: Result | yes |',
      '| 0.97 | 7: Die Wahl fand am 5. Mai 2024 statt. | 7: The election took place on 5 May 2024. | yes |',
      '|  | 9: Nur auf Deutsch: ein Absatz mit Hintergrund für… | – | no counterpart |'
    ])
    expect(run.stderr).toEqual(['3 of 3 pairs would be stored, 0 not (dry run, nothing written)'])
    expect(await project.exists('memory/de-en.jsonl')).toBe(false)
  })

  it('stores the pairs with origin import and alignedFrom, keyed so that a build of the German finds them', async () => {
    const project = await createProject({files: {'content/de/wahl.md': german, 'en/wahl.md': english}})
    const run = await project.cli(['memory', 'align', 'content/de/wahl.md', 'en/wahl.md', '--date', '2026-01-02'])
    expect(run.stderr).toEqual(['3 of 3 pairs stored in memory/de-en.jsonl, 0 not stored'])
    const records = await project.memory()
    expect(records.map(({source, target, origin, alignedFrom}) => ({source, target, origin, alignedFrom})).sort((a, b) => a.source.localeCompare(b.source))).toEqual([
      {source: 'Die Wahl', target: 'The election', origin: 'import', alignedFrom: {de: 'content/de/wahl.md:2:8', en: 'en/wahl.md:2:8', confidence: 0.98}},
      {source: 'Die Wahl fand am 5. Mai 2024 statt.', target: 'The election took place on 5 May 2024.', origin: 'import', alignedFrom: {de: 'content/de/wahl.md:7:1', en: 'en/wahl.md:7:1', confidence: 0.97}},
      {source: 'Ergebnis', target: 'Result', origin: 'import', alignedFrom: {de: 'content/de/wahl.md:5:1', en: 'en/wahl.md:5:1', confidence: 1}}
    ])
    // The dry run of a build now asks the provider only for the paragraph without English.
    const status = await project.cli(['build', '--dry-run', '--json'])
    const figures = JSON.parse(status.stdout.join('\n')) as {files: Array<{segments: number; memoryHits: number}>}
    expect(figures.files.map((file) => [file.segments, file.memoryHits])).toEqual([[4, 3]])
  })

  it('marks the English that came from alignment in the reader, with its confidence', async () => {
    const project = await createProject({files: {'content/de/wahl.md': german, 'en/wahl.md': english}})
    await project.cli(['memory', 'align', 'content/de/wahl.md', 'en/wahl.md'])
    expect((await project.cli(['site'])).code).toBe(0)
    const page = await project.read('site/articles/wahl.html')
    // The title, the heading and the first paragraph; the German-only paragraph has none.
    expect(page.match(/<span class="aligned"[^>]*>[^<]*<\/span>/g)).toEqual([
      '<span class="aligned" title="English from an existing translation, found by alignment; the figure is its confidence">aligned 0.98</span>',
      '<span class="aligned" title="English from an existing translation, found by alignment; the figure is its confidence">aligned 1.00</span>',
      '<span class="aligned" title="English from an existing translation, found by alignment; the figure is its confidence">aligned 0.97</span>'
    ])
  })

  it('writes a German paragraph whose English was split in two (a 1-2 pair) as the joined English, in a build with no key', async () => {
    const de = ['## Ergebnis', 'Die Wahl fand am 5. Mai 2024 statt, und die Beteiligung lag bei 61 Prozent. Die Regierung trat am Abend zurück, und die Opposition feierte ihren Sieg bis in den frühen Morgen.', '## Ausblick', 'Die neue Regierung will im Juni 2024 ihr Programm vorlegen.', '']
    const en = ['## Result', 'The election took place on 5 May 2024, and turnout was 61 percent.', 'The government resigned in the evening, and the opposition celebrated its victory until the early morning.', '## Outlook', 'The new government wants to present its programme in June 2024.', '']
    const project = await createProject({files: {'content/de/wahl.md': de.join('\n\n'), 'en/wahl.md': en.join('\n\n')}})
    const dry = await project.cli(['memory', 'align', 'content/de/wahl.md', 'en/wahl.md', '--dry-run'])
    expect(dry.stdout[3]).toMatch(/^\| 0\.\d\d \| 3: Die Wahl fand am 5\. Mai 2024 statt, und die Bet… \| 3: The election took place on 5 May 2024, and turn… \+ 5: The government resigned in the evening, and the… \| yes \|$/)
    expect((await project.cli(['memory', 'align', 'content/de/wahl.md', 'en/wahl.md'])).stderr).toEqual(['4 of 4 pairs stored in memory/de-en.jsonl, 0 not stored'])
    // No provider key in the environment: every block must come from the memory.
    const build = await project.cli(['build'])
    expect(build.code).toBe(0)
    const written = await project.read('content/en/wahl.md')
    expect(written.slice(written.indexOf('## Result'))).toBe(
      ['## Result', `${en[1]} ${en[2]}`, '## Outlook', en[4]].join('\n\n') + '\n'
    )
  })

  it('refuses a confidence outside 0–1', async () => {
    const project = await createProject({files: {'content/de/wahl.md': german, 'en/wahl.md': english}})
    const run = await project.cli(['memory', 'align', 'content/de/wahl.md', 'en/wahl.md', '--min-confidence', '2'])
    expect(run.code).toBe(2)
    expect(run.stderr.join('\n')).toContain('expected a number from 0 to 1')
  })
})

describe('the eight corpus pairs', () => {
  it('give the memory the official English of most blocks, word for word', async () => {
    const shares: string[] = []
    let reproduced = 0
    let official = 0
    for (const article of articles) {
      const deBlocks = await corpusBlocks(article, 'de')
      const enBlocks = await corpusBlocks(article, 'en')
      const de = deBlocks.map((block) => block.segment)
      const en = enBlocks.map((block) => block.segment)
      const targets = alignedTargets(de, en, alignBlocks(deBlocks, enBlocks))
      const {records} = alignedRecords(de, en, targets, {sourceLang: 'de', targetLang: 'en-US', origin: 'import', date: '2026-01-01', dePath: 'de', enPath: 'en'})
      // An English block is reproduced when a stored German block's English is exactly its text (tags aside: ids are the German's).
      const stored = new Set(records.map((record) => taggedToPlain(record.target)))
      const hits = en.filter((segment) => stored.has(taggedToPlain(segment.source))).length
      reproduced += hits
      official += en.length
      shares.push(`${article} ${hits}/${en.length}`)
    }
    console.log(`official English blocks held word for word: ${reproduced}/${official} (${((100 * reproduced) / official).toFixed(1)} %); ${shares.join(', ')}`)
    // Measured: 93.4 % (646 of 692; 90.0 % before cognates and same-page links); the goal is 90 %.
    expect(reproduced / official).toBeGreaterThanOrEqual(0.9)
  })
})
