/**
 * The name glossary in builds, end to end: `main([...], io)` in temporary projects, translating
 * through the real DeepL provider against the test server, whose word list does not know the
 * names (so a name that is not protected comes back German). Expected texts are written by hand.
 */
import {readFile} from 'node:fs/promises'
import path from 'node:path'
import {afterEach, describe, expect, it} from 'vitest'
import {memoryKey, type KeyedGlossaryEntry} from '../src/core/key.ts'
import type {MemoryRecord} from '../src/memory/translation-memory.ts'
import {sha256} from '../src/core/hash.ts'
import type {GlossaryKind} from '../src/core/types.ts'
import {glossaryFingerprint} from '../src/glossary/glossary-fingerprint.ts'
import {NameMatcher} from '../src/glossary/matcher.ts'
import {billedCharacters, type DeepLServer} from './servers/deepl.ts'
import {copyFromRepo, createProject, memoryFile, memoryRecord, removeProjects, repoRoot, type Project, startServer, closeServers, deeplEnv} from './project.ts'

const fixtures = path.join(repoRoot, 'test', 'fixtures', 'glossary')
/** Rows of the real glossary: Gerassimow line 3, Kiew 4, Kursk 5, Moskau 6, Nordkorea 7, Russland 8, Selenskyj 9, Türkei 10, Waleri Gerassimow 11, Wolodymyr Selenskyj 12. */
const glossary = await readFile(path.join(fixtures, 'names.tsv'), 'utf8')
/** Lines 1, 3, 5, …, 15: a heading and seven paragraphs. */
const article = await readFile(path.join(fixtures, 'article.md'), 'utf8')

const server = startServer

const env = deeplEnv

afterEach(async () => {
  await closeServers()
  await removeProjects()
})

/** The texts of every translate request, in order. */
const sent = (deepl: DeepLServer): string[] => deepl.translateRequests().flatMap((request) => request.params.texts)

const key = (source: string, glossaryEntries: KeyedGlossaryEntry[]): string =>
  memoryKey({source, glossary: glossaryEntries, sourceLang: 'de', targetLang: 'en-US'})

const Selenskyj = {de: 'Selenskyj', en: 'Zelensky'}
const Gerassimow = {de: 'Gerassimow', en: 'Gerasimov'}
const WaleriGerassimow = {de: 'Waleri Gerassimow', en: 'Valery Gerasimov'}
const Russland = {de: 'Russland', en: 'Russia'}
const Kursk = {de: 'Kursk', en: 'Kursk'}
const Nordkorea = {de: 'Nordkorea', en: 'North Korea'}
const Moskau = {de: 'Moskau', en: 'Moscow'}

/** What the build sends for the article: every name as its English form inside `<n>`. */
const articleRequests = [
  '<n>Zelensky</n> und <n>Gerasimov</n>',
  '<n>Zelensky</n> erklärte, dass <n>Russia</n> Soldaten in <n>Kursk</n> hat.',
  '<n>Zelensky’s</n> Unterstützung für die Truppen ist groß.',
  'Die <n>Zelensky</n>-Regierung bestätigt die Berichte.',
  '<n>Valery Gerasimov</n> äußerte Besorgnis.',
  '<n>North Korea’s</n> Soldaten kämpfen in <n>Kursk</n>.',
  'Die Gespräche in <n>Moscow</n> werden erwartet.',
  'Der Krieg ist nicht vorbei.'
]

/** The article's segments: German source, the server's English, and the glossary entries in the key. */
const articleSegments: Array<[string, string, KeyedGlossaryEntry[]]> = [
  ['Selenskyj und Gerassimow', 'Zelensky and Gerasimov', [Selenskyj, Gerassimow]],
  ['Selenskyj erklärte, dass Russland Soldaten in Kursk hat.', 'Zelensky stated, that Russia Soldiers in Kursk has.', [Selenskyj, Russland, Kursk]],
  ['Selenskyjs Unterstützung für die Truppen ist groß.', 'Zelensky’s Support for the Troops is big.', [Selenskyj]],
  ['Die Selenskyj-Regierung bestätigt die Berichte.', 'The Zelensky-Regierung confirmed the Reports.', [Selenskyj]],
  ['Waleri Gerassimow äußerte Besorgnis.', 'Valery Gerasimov said Concern.', [WaleriGerassimow]],
  ['Nordkoreas Soldaten kämpfen in Kursk.', 'North Korea’s Soldiers fight in Kursk.', [Nordkorea, Kursk]],
  ['Die Gespräche in Moskau werden erwartet.', 'The Talks in Moscow are expected.', [Moskau]],
  ['Der Krieg ist nicht vorbei.', 'The War is not vorbei.', []]
]

/** The fingerprint the English front matter records: of the entries of `names` (TSV) that the German matches. */
function matchedFingerprint(names: string, source: string): string {
  const entries = names
    .split('\n')
    .slice(1)
    .filter((line) => line !== '' && !line.startsWith('#'))
    .map((line, index) => {
      const [de = '', en = '', kind = 'person', note = ''] = line.split('\t')
      return {de, en, kind: kind as GlossaryKind, note, line: index + 2}
    })
  return glossaryFingerprint(new NameMatcher(entries).match(source).map((match) => match.entry))
}

function english(body: string[], names = glossary, source = article, of = 'content/de/x.md'): string {
  return [
    '---',
    'translation:',
    `  of: ${of}`,
    `  sourceHash: ${sha256(Buffer.from(source))}`,
    `  glossary: ${matchedFingerprint(names, source) || '""'}`,
    '---',
    '',
    ...body.flatMap((block) => [block, '']),
  ].join('\n')
}

const articleEnglish = [
  '# Zelensky and Gerasimov',
  'Zelensky stated, that Russia Soldiers in Kursk has.',
  'Zelensky’s Support for the Troops is big.',
  'The Zelensky-Regierung confirmed the Reports.',
  'Valery Gerasimov said Concern.',
  'North Korea’s Soldiers fight in Kursk.',
  'The Talks in Moscow are expected.',
  'The War is not vorbei.'
]

async function builtProject(): Promise<{project: Project; deepl: DeepLServer}> {
  const deepl = await server()
  const project = await createProject({files: {'content/de/x.md': article, 'glossary/names.tsv': glossary}})
  const run = await project.cli(['build', '--concurrency', '1'], env(deepl))
  expect(run).toEqual({code: 0, stdout: [], stderr: ['1 file: 1 built, 0 unchanged, 0 failed; 8 segments translated (313 characters billed)']})
  deepl.reset()
  return {project, deepl}
}

/** Rewrite memory targets in place (the keys stay as the build made them). */
async function editTargets(project: Project, edit: (record: MemoryRecord) => string): Promise<void> {
  const records = (await project.memory()).map((record) => ({...record, target: edit(record)}))
  await project.write('memory/de-en.jsonl', memoryFile(records))
}

describe('a build with the name glossary', () => {
  it('sends every name protected in its English form, and the English edition has the English names in fluent possessives', async () => {
    const deepl = await server()
    const fresh = await createProject({files: {'content/de/x.md': article, 'glossary/names.tsv': glossary}})
    const run = await fresh.cli(['build', '--concurrency', '1'], env(deepl))
    expect(run).toEqual({code: 0, stdout: [], stderr: ['1 file: 1 built, 0 unchanged, 0 failed; 8 segments translated (313 characters billed)']})

    const requests = deepl.translateRequests()
    expect(requests).toHaveLength(1)
    const params = requests[0]?.params
    expect(params?.texts).toEqual(articleRequests)
    expect(params?.tagHandling).toBe('xml')
    expect(params?.ignoreTags).toEqual(['n'])
    expect(params?.raw['ignore_tags']).toEqual(['n'])
    expect(deepl.billedCharacters).toBe(313)
    expect(articleRequests.reduce((sum, text) => sum + billedCharacters(text, 'xml'), 0)).toBe(313)

    const output = await fresh.read('content/en/x.md')
    expect(output).toBe(english(articleEnglish))
    for (const name of ['Zelensky’s Support', 'Zelensky-Regierung', 'Valery Gerasimov', 'North Korea’s Soldiers', 'Moscow', 'Gerasimov']) {
      expect(output).toContain(name)
    }
    for (const german of ['Selenskyj', 'Gerassimow', 'Nordkorea', 'Moskau', 'Russland', '<n>']) expect(output).not.toContain(german)

    expect(await fresh.read('content/parallel/x.md')).toContain(
      '\n| Selenskyjs Unterstützung für die Truppen ist groß. | Zelensky’s Support for the Troops is big. |\n'
    )

    // The memory: German source, unwrapped English target, keyed on the source and the entries matched in it.
    const records = await fresh.memory()
    const today = new Date().toISOString().slice(0, 10)
    expect(records).toEqual(
      articleSegments
        .map(([source, target, entries], index) => ({
          key: key(source, entries),
          source,
          target,
          origin: 'mt',
          sourceLang: 'de',
          targetLang: 'en-US',
          provider: 'deepl',
          date: today,
          billedCharacters: billedCharacters(articleRequests[index] ?? '', 'xml')
        }))
        .sort((a, b) => (a.key < b.key ? -1 : 1))
    )
  })

  it('writes an inflected multi-word name and a plural in English: the United Nations, the Houthis', async () => {
    const deepl = await server()
    const names = 'de\ten\tkind\tnote\nHuthi\tHouthi\torg\t\nVereinte Nationen\tUnited Nations\torg\t\n'
    const project = await createProject({
      files: {
        'content/de/h.md': 'Ein Sprecher der Vereinten Nationen verurteilte die Huthis.\n\nDie Huthis greifen Schiffe an.\n',
        'glossary/names.tsv': names
      }
    })
    const run = await project.cli(['build'], env(deepl))
    expect(run.code).toBe(0)
    expect(sent(deepl)).toEqual([
      'Ein Sprecher der <n>United Nations</n> verurteilte die <n>Houthis</n>.',
      'Die <n>Houthis</n> greifen Schiffe an.'
    ])
    // The test server's word list knows the articles (der, die → the), not every other word.
    const output = await project.read('content/en/h.md')
    expect(output.split('\n---\n')[1]).toBe('\nA Sprecher the United Nations verurteilte the Houthis.\n\nThe Houthis greifen Schiffe at.\n')
    // QA counts the plural as the English name.
    expect(await project.cli(['check'])).toEqual({code: 0, stdout: [], stderr: ['1 file checked: 0 errors, 0 warnings']})
  })

  it('protects names in a German file saved in decomposed Unicode (NFD) as in NFC', async () => {
    const deepl = await server()
    const project = await createProject({
      files: {'content/de/t.md': 'Die Tu\u0308rkei und Russland verhandeln.\n', 'glossary/names.tsv': glossary}
    })
    const run = await project.cli(['build'], env(deepl))
    expect(run.code).toBe(0)
    expect(sent(deepl)).toEqual(['Die <n>Turkey</n> und <n>Russia</n> verhandeln.'])
    expect(await project.read('content/en/t.md')).toContain('\nThe Turkey and Russia verhandeln.\n')
  })
})

describe('glossary QA: tandem check', () => {
  it('reports each violation at the German line:column, as warnings, and as errors with --strict', async () => {
    const {project, deepl} = await builtProject()
    // A clean memory: nothing to report.
    expect(await project.cli(['check'])).toEqual({code: 0, stdout: [], stderr: ['1 file checked: 0 errors, 0 warnings']})

    await editTargets(project, (record) =>
      record.source.startsWith('Selenskyj erklärte')
        ? 'The president stated, that the country Soldiers in Kursk has.'
        : record.source.startsWith('Nordkoreas')
          ? 'Nordkoreas Soldiers fight in Kursk.'
          : record.source.startsWith('Die Gespräche')
            ? 'The Talks in Moskau (Moscow) are expected.'
            : record.target
    )
    const violations = [
      'content/de/x.md:3:1  warning  "Selenskyj" should read "Zelensky" in the English text  glossary-missing-name',
      'content/de/x.md:3:26  warning  "Russland" should read "Russia" in the English text  glossary-missing-name',
      'content/de/x.md:11:1  warning  "Nordkoreas" should read "North Korea’s" in the English text  glossary-missing-name',
      'content/de/x.md:11:1  warning  the German "Nordkorea" is still in the English text; it should read "North Korea"  glossary-german-name',
      'content/de/x.md:13:18  warning  the German "Moskau" is still in the English text; it should read "Moscow"  glossary-german-name'
    ]
    expect(await project.cli(['check'])).toEqual({code: 0, stdout: [], stderr: [...violations, '1 file checked: 0 errors, 5 warnings']})
    expect(await project.cli(['glossary', 'check'])).toEqual({
      code: 0,
      stdout: [],
      stderr: [...violations, '1 file checked: 0 errors, 5 warnings']
    })
    expect(await project.cli(['check', '--strict'])).toEqual({
      code: 1,
      stdout: [],
      stderr: [...violations.map((line) => line.replace('  warning  ', '  error  ')), '1 file checked: 5 errors, 0 warnings']
    })

    // A build serves the memory, and runs the same QA on it.
    const rebuilt = await project.cli(['build', '--concurrency', '1'], env(deepl))
    expect(rebuilt).toEqual({code: 0, stdout: [], stderr: [...violations, '1 file: 1 built, 0 unchanged, 0 failed']})
    expect(sent(deepl)).toEqual([])
    expect(await project.read('content/en/x.md')).toContain('\nThe Talks in Moskau (Moscow) are expected.\n')
  })

  it('reports a German form left instead of the English one as glossary-german-name too', async () => {
    const {project} = await builtProject()
    await editTargets(project, (record) =>
      record.source.startsWith('Selenskyj erklärte') ? 'Selenskyj stated, that Russia Soldiers in Kursk has.' : record.target
    )
    expect(await project.cli(['check'])).toEqual({
      code: 0,
      stdout: [],
      stderr: [
        'content/de/x.md:3:1  warning  "Selenskyj" should read "Zelensky" in the English text  glossary-missing-name',
        'content/de/x.md:3:1  warning  the German "Selenskyj" is still in the English text; it should read "Zelensky"  glossary-german-name',
        '1 file checked: 0 errors, 2 warnings'
      ]
    })
  })

  // Each German file has Selenskyj (and Moskau) where the Markdown puts them; the memory's English lacks them.
  const placed: Array<[string, string, string[]]> = [
    ['a heading', '## Besorgnis über Selenskyj\n', ['1:19 "Selenskyj"']],
    ['a table cell', '| Ort | Treffen in Moskau |\n| --- | --- |\n| A | B |\n', ['1:20 "Moskau"']],
    ['text after inline markup', '**Moskau** und Selenskyj\n', ['1:3 "Moskau"', '1:16 "Selenskyj"']],
    ['a plain front-matter title', '---\ntitle: Treffen mit Selenskyj\n---\n\nDer Krieg ist nicht vorbei.\n', ['2:20 "Selenskyj"']],
    ['a quoted front-matter title', '---\ntitle: "Treffen mit Selenskyj"\n---\n\nDer Krieg ist nicht vorbei.\n', ['2:21 "Selenskyj"']],
    ['the second line of a block quote', '> Das sagte\n> Selenskyj heute.\n', ['2:3 "Selenskyj"']],
    ['the second line of a list item', '- Punkt eins\n  und Selenskyj sagte\n', ['2:7 "Selenskyj"']],
    ['an indented second line of a paragraph', 'Der Text\n   von Selenskyj\n', ['2:8 "Selenskyj"']],
    ['a line with a character reference before the name', 'AT&amp;T und Selenskyj\n', ['1:14 "Selenskyj"']],
    ['a line with an escaped character before the name', 'Die \\*Sterne\\* und Selenskyj\n', ['1:20 "Selenskyj"']]
  ]

  it.each(placed)('reports a name in %s at its exact line:column', async (_where, markdown, expected) => {
    const deepl = await server()
    const project = await createProject({files: {'content/de/x.md': markdown, 'glossary/names.tsv': glossary}})
    expect((await project.cli(['build'], env(deepl))).code).toBe(0)
    await editTargets(project, (record) => record.target.replaceAll('Zelensky', 'someone').replaceAll('Moscow', 'somewhere'))
    const english = {'"Selenskyj"': 'Zelensky', '"Moskau"': 'Moscow'} as Record<string, string>
    const run = await project.cli(['check'])
    expect(run.stderr).toEqual([
      ...expected.map((item) => {
        const [place, name = ''] = item.split(' ')
        return `content/de/x.md:${place}  warning  ${name} should read "${english[name]}" in the English text  glossary-missing-name`
      }),
      `1 file checked: 0 errors, ${expected.length} warnings`
    ])
  })
})

describe('changing the glossary', () => {
  it('re-sends exactly the segments that contain the changed entry, and nothing for a note or an unused entry', async () => {
    const {project, deepl} = await builtProject()
    const firstRecords = await project.memory()

    // Selenskyj → Zelenskyy (the Ukrainian government's spelling). Wolodymyr Selenskyj is another entry.
    const zelenskyy = glossary.replace('Selenskyj\tZelensky\t', 'Selenskyj\tZelenskyy\t')
    expect(zelenskyy).not.toBe(glossary)
    await project.write('glossary/names.tsv', zelenskyy)
    const changed = await project.cli(['build', '--concurrency', '1'], env(deepl))
    // 22 + 53 + 50 + 46 characters, one more for each Zelenskyy.
    expect(changed).toEqual({code: 0, stdout: [], stderr: ['1 file: 1 built, 0 unchanged, 0 failed; 4 segments translated (175 characters billed)']})
    expect(sent(deepl)).toEqual([
      '<n>Zelenskyy</n> und <n>Gerasimov</n>',
      '<n>Zelenskyy</n> erklärte, dass <n>Russia</n> Soldaten in <n>Kursk</n> hat.',
      '<n>Zelenskyy’s</n> Unterstützung für die Truppen ist groß.',
      'Die <n>Zelenskyy</n>-Regierung bestätigt die Berichte.'
    ])
    expect(await project.read('content/en/x.md')).toBe(
      english(
        [
          '# Zelenskyy and Gerasimov',
          'Zelenskyy stated, that Russia Soldiers in Kursk has.',
          'Zelenskyy’s Support for the Troops is big.',
          'The Zelenskyy-Regierung confirmed the Reports.',
          ...articleEnglish.slice(4)
        ],
        zelenskyy
      )
    )
    // The old records stay; four new ones.
    const records = await project.memory()
    expect(records).toHaveLength(12)
    expect(records).toEqual(expect.arrayContaining(firstRecords))

    // A note is not part of any key: nothing is sent, but translation.glossary follows the entries the article matches.
    deepl.reset()
    const noted = zelenskyy.replace('Kursk\tKursk\tplace\tRussian region and city', 'Kursk\tKursk\tplace\tRussian region, and its capital')
    expect(noted).not.toBe(zelenskyy)
    await project.write('glossary/names.tsv', noted)
    const afterNote = await project.cli(['build', '--concurrency', '1'], env(deepl))
    expect(afterNote).toEqual({code: 0, stdout: [], stderr: ['1 file: 1 built, 0 unchanged, 0 failed']})
    expect(sent(deepl)).toEqual([])
    const withNote = await project.read('content/en/x.md')
    expect(withNote).toContain(`\n  glossary: ${matchedFingerprint(noted, article)}\n`)
    expect(withNote).not.toContain(matchedFingerprint(zelenskyy, article))

    // An entry the article does not use: nothing is sent, and the article is not even parsed, its outputs as they were.
    const kyjiw = noted.replace('Kiew\tKyiv\t', 'Kiew\tKyjiw\t')
    await project.write('glossary/names.tsv', kyjiw)
    const unused = await project.cli(['build', '--concurrency', '1'], env(deepl))
    expect(unused).toEqual({code: 0, stdout: [], stderr: ['1 file: 0 built, 1 unchanged, 0 failed']})
    expect(sent(deepl)).toEqual([])
    expect(await project.read('content/en/x.md')).toBe(withNote)
    expect(await project.memory()).toHaveLength(12)
  })
})

describe('a broken glossary', () => {
  const lines = glossary.split('\n')
  const broken: Array<[string, string, string]> = [
    ['duplicate', glossary + 'Kursk\tKursk\tplace\t\n', '13:1  error  duplicate entry `Kursk` (first on line 5)  glossary-duplicate'],
    ['conflict', glossary + 'Selenskyj\tZelenskyy\tperson\t\n', '13:1  error  `Selenskyj` is `Zelensky` on line 9 but `Zelenskyy` here  glossary-conflict'],
    ['CRLF', glossary.replace(/\n/g, '\r\n'), '1:1  error  the glossary has CRLF (or CR) line endings; save it with LF line endings  glossary-line-ending'],
    ['BOM', '\uFEFF' + glossary, '1:1  error  the glossary starts with a byte order mark; save it as UTF-8 without BOM  glossary-bom'],
    [
      'missing header',
      lines.slice(2).join('\n'),
      '1:1  error  the first line must be the header `de\\ten\\tkind\\tnote`, not `Gerassimow\\tGerasimov\\tperson\\tsurname of Valery Gerasimov`  glossary-header'
    ],
    ['wrong column count', glossary.replace('Moskau\tMoscow\tplace\t\n', 'Moskau\tMoscow\tplace\n'), '6:1  error  expected 4 tab-separated fields (de, en, kind, note), found 3  glossary-columns'],
    ['empty field', glossary.replace('Moskau\tMoscow\tplace\t\n', 'Moskau\t\tplace\t\n'), '6:8  error  `en` is empty  glossary-empty-field'],
    ['stray whitespace', glossary.replace('Moskau\tMoscow\t', 'Moskau \tMoscow\t'), '6:1  error  stray whitespace in `de` `Moskau `  glossary-whitespace'],
    ['chain', glossary + 'Moskwa\tMoskau\tplace\t\n', '13:8  error  the English `Moskau` is itself a German entry (line 6, → `Moscow`)  glossary-chain']
  ]

  it.each(broken)('%s: tandem build exits 1 with the glossary line, and writes and sends nothing', async (_problem, names, message) => {
    const deepl = await server()
    const project = await createProject({
      files: {'content/de/x.md': article, 'glossary/names.tsv': names, 'memory/de-en.jsonl': memoryFile([memoryRecord('Der Krieg ist nicht vorbei.', 'The war is not over.')])}
    })
    const memoryBefore = await project.read('memory/de-en.jsonl')
    const run = await project.cli(['build', '--concurrency', '1'], env(deepl))
    expect(run).toEqual({code: 1, stdout: [], stderr: [`glossary/names.tsv:${message}`, '0 files: 0 built, 0 unchanged, 0 failed']})
    expect(deepl.requests).toEqual([])
    expect(await project.exists('content/en')).toBe(false)
    expect(await project.exists('content/parallel')).toBe(false)
    expect(await project.read('memory/de-en.jsonl')).toBe(memoryBefore)
    expect(await project.read('glossary/names.tsv')).toBe(names)

    // The other commands refuse it as well.
    for (const argv of [['check'], ['glossary', 'lint'], ['memory', 'rekey']]) {
      const other = await project.cli(argv)
      expect(other.code, argv.join(' ')).toBe(1)
      expect(other.stderr[0], argv.join(' ')).toBe(`glossary/names.tsv:${message}`)
    }
    expect(await project.read('memory/de-en.jsonl')).toBe(memoryBefore)
  })
})

describe('tandem glossary add, list and lint', () => {
  it('add keeps the file sorted (Ä with A) and its comment, with kind and note', async () => {
    const project = await createProject({files: {'glossary/names.tsv': glossary}})
    expect(await project.cli(['glossary', 'add', 'Ägypten', 'Egypt', '--kind', 'place'])).toEqual({
      code: 0,
      stdout: [],
      stderr: ['added Ägypten → Egypt to glossary/names.tsv']
    })
    expect(await project.cli(['glossary', 'add', 'Odessa', 'Odesa', '--kind', 'place', '--note', 'Ukrainian spelling'])).toEqual({
      code: 0,
      stdout: [],
      stderr: ['added Odessa → Odesa to glossary/names.tsv']
    })
    expect(await project.cli(['glossary', 'add', 'Lawrow', 'Lavrov'])).toEqual({code: 0, stdout: [], stderr: ['added Lawrow → Lavrov to glossary/names.tsv']})
    expect(await project.read('glossary/names.tsv')).toBe(
      [
        'de\ten\tkind\tnote',
        '# Names for test/glossary-build.test.ts: rows of glossary/names.tsv, sorted as `tandem glossary add` keeps them.',
        'Ägypten\tEgypt\tplace\t',
        'Gerassimow\tGerasimov\tperson\tsurname of Valery Gerasimov',
        'Kiew\tKyiv\tplace\tUkrainian spelling, as English news use it',
        'Kursk\tKursk\tplace\tRussian region and city',
        'Lawrow\tLavrov\tperson\t',
        'Moskau\tMoscow\tplace\t',
        'Nordkorea\tNorth Korea\tplace\t',
        'Odessa\tOdesa\tplace\tUkrainian spelling',
        'Russland\tRussia\tplace\t',
        'Selenskyj\tZelensky\tperson\tsurname of Volodymyr Zelensky',
        'Türkei\tTurkey\tplace\t',
        'Waleri Gerassimow\tValery Gerasimov\tperson\tChief of the Russian General Staff',
        'Wolodymyr Selenskyj\tVolodymyr Zelensky\tperson\tPresident of Ukraine',
        ''
      ].join('\n')
    )
    expect(await project.cli(['glossary', 'lint'])).toEqual({code: 0, stdout: [], stderr: ['glossary/names.tsv: 13 entries, no problems']})
  })

  it('add refuses a duplicate and a conflict with the existing line, and leaves the file alone', async () => {
    const project = await createProject({files: {'glossary/names.tsv': glossary}})
    expect(await project.cli(['glossary', 'add', 'Kursk', 'Kursk', '--kind', 'place'])).toEqual({
      code: 1,
      stdout: [],
      stderr: ['glossary/names.tsv:5:1  error  `Kursk` is already in the glossary  glossary-add']
    })
    expect(await project.cli(['glossary', 'add', 'Kiew', 'Kiev', '--kind', 'place'])).toEqual({
      code: 1,
      stdout: [],
      stderr: ['glossary/names.tsv:4:1  error  `Kiew` is already `Kyiv`; edit that line to change it  glossary-add']
    })
    expect(await project.read('glossary/names.tsv')).toBe(glossary)
  })

  it('add refuses an entry that would make a chain, either way round', async () => {
    const project = await createProject({files: {'glossary/names.tsv': glossary}})
    // Its English is an existing German form.
    expect(await project.cli(['glossary', 'add', 'Moskwa', 'Moskau', '--kind', 'place'])).toEqual({
      code: 1,
      stdout: [],
      stderr: ['glossary/names.tsv:7:8  error  the English `Moskau` is itself a German entry (line 6, → `Moscow`)  glossary-chain']
    })
    // Its German is an existing English form (Kiew → Kyiv would then lead on to Kiev).
    const reverse = await project.cli(['glossary', 'add', 'Kyiv', 'Kiev', '--kind', 'place'])
    expect(reverse.code).toBe(1)
    expect(reverse.stdout).toEqual([])
    expect(reverse.stderr).toHaveLength(1)
    expect(reverse.stderr[0]).toMatch(/^glossary\/names\.tsv:4:6 {2}error {2}the English `Kyiv` is itself a German entry \(line \d+, → `Kiev`\) {2}glossary-chain$/)
    expect(await project.read('glossary/names.tsv')).toBe(glossary)
  })

  it('list prints the entries as TSV, all or of one kind', async () => {
    const project = await createProject({files: {'glossary/names.tsv': glossary}})
    expect(await project.cli(['glossary', 'list', '--kind', 'place'])).toEqual({
      code: 0,
      stdout: [
        'Kiew\tKyiv\tplace\tUkrainian spelling, as English news use it',
        'Kursk\tKursk\tplace\tRussian region and city',
        'Moskau\tMoscow\tplace\t',
        'Nordkorea\tNorth Korea\tplace\t',
        'Russland\tRussia\tplace\t',
        'Türkei\tTurkey\tplace\t'
      ],
      stderr: []
    })
    expect(await project.cli(['glossary', 'list', '--kind', 'person'])).toEqual({
      code: 0,
      stdout: [
        'Gerassimow\tGerasimov\tperson\tsurname of Valery Gerasimov',
        'Selenskyj\tZelensky\tperson\tsurname of Volodymyr Zelensky',
        'Waleri Gerassimow\tValery Gerasimov\tperson\tChief of the Russian General Staff',
        'Wolodymyr Selenskyj\tVolodymyr Zelensky\tperson\tPresident of Ukraine'
      ],
      stderr: []
    })
    expect(await project.cli(['glossary', 'list', '--kind', 'org'])).toEqual({code: 0, stdout: [], stderr: []})
    const all = await project.cli(['glossary', 'list'])
    expect(all.code).toBe(0)
    expect(all.stdout).toEqual(glossary.split('\n').slice(2, -1))
  })

  it('lint exits 0 on the repository’s glossary', async () => {
    const project = await createProject()
    await copyFromRepo(project, 'glossary')
    const run = await project.cli(['glossary', 'lint'])
    expect(run.code).toBe(0)
    expect(run.stdout).toEqual([])
    expect(run.stderr).toHaveLength(1)
    const count = Number(/^glossary\/names\.tsv: (\d+) entries, no problems$/.exec(run.stderr[0] ?? '')?.[1])
    expect(count).toBeGreaterThanOrEqual(78)
  })
})

describe('tandem memory rekey', () => {
  const german = '# Selenskyj in Kursk\n\nGerassimow erklärte, dass Nordkoreas Soldaten in Kursk kämpfen.\n\nDer Krieg ist nicht vorbei.\n'
  const human = [
    memoryRecord('Selenskyj in Kursk', 'Zelensky in Kursk'),
    memoryRecord('Gerassimow erklärte, dass Nordkoreas Soldaten in Kursk kämpfen.', 'Gerasimov said that North Korea’s soldiers are fighting in Kursk.'),
    memoryRecord('Der Krieg ist nicht vorbei.', 'The war is not over.')
  ]

  it('lets human translations from before the glossary serve the build (no request) and keeps the old records', async () => {
    const project = await createProject({files: {'content/de/y.md': german, 'memory/de-en.jsonl': memoryFile(human)}})
    expect(await project.cli(['build'])).toEqual({code: 0, stdout: [], stderr: ['1 file: 1 built, 0 unchanged, 0 failed']})

    // The glossary arrives: the two segments with names have new keys, and miss.
    await project.write('glossary/names.tsv', glossary)
    const hint = 'set DEEPL_AUTH_KEY or add it to memory/de-en.jsonl  no-translation'
    expect(await project.cli(['build'])).toEqual({
      code: 1,
      stdout: [],
      stderr: [
        `content/de/y.md:1:1  error  no translation for "Selenskyj in Kursk"; ${hint}`,
        `content/de/y.md:3:1  error  no translation for "Gerassimow erklärte, dass…"; ${hint}`,
        '1 file: 0 built, 0 unchanged, 1 failed'
      ]
    })

    expect(await project.cli(['memory', 'rekey'])).toEqual({code: 0, stdout: [], stderr: ['2 translations re-keyed in memory/de-en.jsonl']})
    const deepl = await server()
    expect(await project.cli(['build'], env(deepl))).toEqual({code: 0, stdout: [], stderr: ['1 file: 1 built, 0 unchanged, 0 failed']})
    expect(deepl.translateRequests()).toEqual([])
    expect(await project.read('content/en/y.md')).toBe(
      english(
        ['# Zelensky in Kursk', 'Gerasimov said that North Korea’s soldiers are fighting in Kursk.', 'The war is not over.'],
        glossary,
        german,
        'content/de/y.md'
      )
    )
    const [title, gerassimow] = human as [MemoryRecord, MemoryRecord, MemoryRecord]
    expect(await project.read('memory/de-en.jsonl')).toBe(
      memoryFile([
        ...human,
        {...title, key: key(title.source, [Selenskyj, Kursk])},
        {...gerassimow, key: key(gerassimow.source, [Gerassimow, Nordkorea, Kursk])}
      ])
    )
    expect(await project.cli(['check', '--strict'])).toEqual({code: 0, stdout: [], stderr: ['1 file checked: 0 errors, 0 warnings']})

    // Nothing left to re-key.
    expect(await project.cli(['memory', 'rekey'])).toEqual({code: 0, stdout: [], stderr: ['0 translations re-keyed in memory/de-en.jsonl']})

    // A paragraph the memory has never seen: nothing to carry over, and rekey says so; check says it skipped it.
    await project.write('content/de/y.md', `${german}\nEin neuer Absatz.\n`)
    expect(await project.cli(['memory', 'rekey'])).toEqual({
      code: 0,
      stdout: [],
      stderr: [
        'content/de/y.md:7:1  info  not re-keyed: the memory has no translation of this German under any key; a build translates it  rekey-no-translation',
        '0 translations re-keyed in memory/de-en.jsonl; 1 not carried over (listed above, with the reason)'
      ]
    })
    expect(await project.cli(['check'])).toEqual({
      code: 0,
      stdout: [],
      stderr: ['1 file checked: 0 errors, 0 warnings; 1 segment skipped: the memory has no translation of it yet (`tandem build` translates it)']
    })
    expect((await project.cli(['--ui', 'de', 'check'])).stderr).toEqual([
      '1 Datei geprüft: 0 Fehler, 0 Warnungen; 1 Segment nicht geprüft: Der Speicher hat noch keine Übersetzung davon (`tandem build` übersetzt es)'
    ])
  })

  it('after a changed entry, carries over no translation that writes the old name: the build re-sends exactly those segments', async () => {
    const {project, deepl} = await builtProject()
    const before = await project.memory()
    await project.write('glossary/names.tsv', glossary.replace('Selenskyj\tZelensky\t', 'Selenskyj\tZelenskyy\t'))
    // Every stored translation with Selenskyj in its source says "Zelensky", which the glossary no longer allows: each is listed, at the name.
    const reason = (de: string, en: string) => `info  not re-keyed: the stored translation does not write "${de}" as "${en}", as the glossary now has it; a build translates it anew  rekey-name-changed`
    expect(await project.cli(['memory', 'rekey'])).toEqual({
      code: 0,
      stdout: [],
      stderr: [
        `content/de/x.md:1:3  ${reason('Selenskyj', 'Zelenskyy')}`,
        `content/de/x.md:3:1  ${reason('Selenskyj', 'Zelenskyy')}`,
        `content/de/x.md:5:1  ${reason('Selenskyjs', 'Zelenskyy’s')}`,
        `content/de/x.md:7:5  ${reason('Selenskyj', 'Zelenskyy')}`,
        '0 translations re-keyed in memory/de-en.jsonl; 4 not carried over (listed above, with the reason)'
      ]
    })
    const run = await project.cli(['build', '--concurrency', '1'], env(deepl))
    expect(run.code).toBe(0)
    expect(run.stderr.filter((line) => line.includes('glossary-'))).toEqual([])
    expect(sent(deepl)).toEqual([
      '<n>Zelenskyy</n> und <n>Gerasimov</n>',
      '<n>Zelenskyy</n> erklärte, dass <n>Russia</n> Soldaten in <n>Kursk</n> hat.',
      '<n>Zelenskyy’s</n> Unterstützung für die Truppen ist groß.',
      'Die <n>Zelenskyy</n>-Regierung bestätigt die Berichte.'
    ])
    const after = await project.memory()
    expect(after).toEqual(expect.arrayContaining(before))
    expect(after).toHaveLength(before.length + 4)
  })
})

describe('the repository', () => {
  it('passes tandem check --strict on a copy of its content, memory and glossary', async () => {
    const project = await createProject({memoryDir: false})
    await copyFromRepo(project, 'content', 'memory', 'glossary')
    expect(await project.cli(['check', '--strict'])).toEqual({code: 0, stdout: [], stderr: ['1 file checked: 0 errors, 0 warnings']})
  })

  it('has the English names in the seed’s committed English edition, and none of the German ones', async () => {
    const seed = await readFile(path.join(repoRoot, 'content', 'en', 'russland-gesteht-nordkoreanische-soldaten-kaempfen-in-kursk.md'), 'utf8')
    for (const name of ['Gerasimov', 'Vladimir Putin', 'Zelensky', 'Choe Son Hui', 'Kursk', 'Valery Gerasimov', 'Volodymyr Zelensky', 'North Korea', 'Moscow']) {
      expect(seed, name).toContain(name)
    }
    for (const name of ['Gerassimow', 'Selenskyj', 'Wladimir', 'Wolodymyr', 'Waleri', 'Moskau', 'Nordkorea']) expect(seed, name).not.toContain(name)
  })
})
