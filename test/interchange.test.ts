import {afterEach, describe, expect, it} from 'vitest'
import {VFile} from 'vfile'
import {tandemData} from '../src/core/data.ts'
import {NameMatcher} from '../src/glossary/matcher.ts'
import {parseNamesFile} from '../src/glossary/names-file.ts'
import {keyTaggedSource} from '../src/interchange/unit.ts'
import {taggedToInline} from '../src/interchange/inline-codes.ts'
import {toXml} from 'xast-util-to-xml'
import {createSegmenter} from '../src/pipeline/processor.ts'
import {closeServers, copyFromRepo, createProject, removeProjects} from './project.ts'
import {article, builtProject, keepsSeveralRecordsPerKey, names} from './interchange-project.ts'

const severalPerKey = await keepsSeveralRecordsPerKey()
if (!severalPerKey) console.log('SKIPPED one conflict test in test/interchange.test.ts: this memory keeps one record per key (the shared model is on the memory branch)')

afterEach(async () => {
  await closeServers()
  await removeProjects()
})

describe('keys', () => {
  it('keys a tagged source as the build keys its segment, for every segment of the repository and the fixtures', async () => {
    const glossary = new VFile()
    const {readFile} = await import('node:fs/promises')
    const entries = parseNamesFile(glossary, await readFile('glossary/names.tsv'))
    const matcher = new NameMatcher(entries)
    const segmenter = createSegmenter({sourceLang: 'de', targetLang: 'en-US', frontmatterFields: ['title', 'description', 'summary'], matcher})
    const {listFiles} = await import('./project.ts')
    const files = [
      ...(await listFiles('content/de')).map((file) => `content/de/${file}`),
      ...(await listFiles('test/fixtures')).filter((file) => file.endsWith('.md')).map((file) => `test/fixtures/${file}`)
    ]
    let checked = 0
    let named = 0
    for (const path of files) {
      const file = new VFile({path, value: await readFile(path, 'utf8')})
      try {
        await segmenter.run(segmenter.parse(file), file)
      } catch {
        continue
      }
      for (const segment of tandemData(file).segments) {
        if (segment.source === '') continue
        expect(keyTaggedSource(segment.source, matcher, {sourceLang: 'de', targetLang: 'en-US'}), `${path} ${segment.id}`).toBe(segment.key)
        checked++
        if (segment.matches.length > 0) named++
      }
    }
    expect(checked).toBeGreaterThan(100)
    expect(named).toBeGreaterThan(10)
  })
})

describe('inline codes', () => {
  const placeholders = async () => {
    const segmenter = createSegmenter({sourceLang: 'de', targetLang: 'en-US', frontmatterFields: ['title']})
    const file = new VFile({value: 'Ein **fetter** Satz mit [Link](https://example.org/a "T") und `code` und ~~alt~~.\n'})
    await segmenter.run(segmenter.parse(file), file)
    const [segment] = tandemData(file).segments
    if (!segment) throw new Error('no segment')
    return segment
  }

  it('writes marks, links and placeholders with their Markdown in each dialect', async () => {
    const segment = await placeholders()
    expect(segment.source).toBe('Ein <b>fetter</b> Satz mit <a id="1">Link</a> und <x id="2"/> und <s>alt</s>.')
    const xml = (dialect: 'tmx' | 'xliff1' | 'xliff2') =>
      toXml({type: 'root', children: taggedToInline(segment.source, dialect, segment.placeholders)}, {closeEmptyElements: true})
    expect(xml('tmx')).toBe(
      'Ein <bpt i="1" type="bold">**</bpt>fetter<ept i="1">**</ept> Satz mit <bpt i="2" x="1" type="link">[</bpt>Link<ept i="2">](https://example.org/a "T")</ept> und <ph x="2" type="x-markdown">`code`</ph> und <bpt i="3" type="x-strike">~~</bpt>alt<ept i="3">~~</ept>.'
    )
    expect(xml('xliff1')).toBe(
      'Ein <g id="m1" ctype="bold">fetter</g> Satz mit <g id="1" ctype="link">Link</g> und <x id="2" ctype="x-markdown" equiv-text="`code`" /> und <g id="m3" ctype="x-strike">alt</g>.'
    )
    expect(xml('xliff2')).toBe(
      'Ein <pc id="m1" type="fmt" subType="xlf:b">fetter</pc> Satz mit <pc id="1" type="link" dispStart="[" dispEnd="](https://example.org/a &#x22;T&#x22;)">Link</pc> und <ph id="2" type="other" disp="`code`" /> und <pc id="m3" type="fmt" subType="tandem:s">alt</pc>.'
    )
  })

  it('never writes the glossary protection tag', () => {
    const xml = toXml({type: 'root', children: taggedToInline('Präsident <b><n>Zelensky</n></b> sprach.', 'tmx')})
    expect(xml).toBe('Präsident <bpt i="1" type="bold">**</bpt>Zelensky<ept i="1">**</ept> sprach.')
  })
})

describe('TMX', () => {
  it('exports the memory as TMX 1.4b: codes with Markdown, dates, props, MT! on machine translations', async () => {
    const project = await builtProject()
    const run = await project.cli(['memory', 'export', '--format', 'tmx', '-o', 'out/memory.tmx'])
    expect(run.code).toBe(0)
    expect(run.stderr).toEqual(['wrote 4 units to out/memory.tmx'])
    const tmx = await project.read('out/memory.tmx')
    expect(tmx.startsWith('<?xml version="1.0" encoding="UTF-8"?>\n<!DOCTYPE tmx SYSTEM "tmx14.dtd">\n<tmx version="1.4">\n  <header creationtool="tandem"')).toBe(true)
    expect(tmx).toContain('segtype="paragraph"')
    expect(tmx).toContain('srclang="de"')
    expect(tmx).toMatch(/<tu tuid="[0-9a-f]{16}" creationid="MT!" changeid="MT!" creationdate="\d{8}T000000Z" changedate="\d{8}T000000Z">/)
    expect(tmx).toContain('<prop type="x-origin">mt</prop>')
    expect(tmx).toContain('<prop type="x-provider">deepl</prop>')
    expect(tmx).toContain(
      '<seg>Präsident <bpt i="1" type="bold">**</bpt>Selenskyj<ept i="1">**</ept> besuchte <bpt i="2" x="1" type="link">[</bpt>Kursk<ept i="2">](https://example.org/kursk "Die Stadt")</ept> und sagte <ph x="2" type="x-markdown">`hallo`</ph>.</seg>'
    )
    expect(tmx).not.toContain('<n>')
    expect(tmx).not.toContain('&lt;n&gt;')
  })

  it('round-trips: export, import into an empty memory, and the next build finds every segment', async () => {
    const project = await builtProject()
    const before = await project.memory()
    await project.cli(['memory', 'export', '-o', 'memory.tmx'])
    await project.write('memory/de-en.jsonl', '')
    const run = await project.cli(['memory', 'import', 'memory.tmx'])
    expect(run.stderr).toEqual([
      'memory.tmx: 4 units, 4 matched a segment of content/de, 4 new, 0 already in the memory, 0 conflicted with a human translation'
    ])
    expect(run.code).toBe(0)
    const after = await project.memory()
    expect(after.map((record) => [record.key, record.source, record.target, record.origin])).toEqual(
      before.map((record) => [record.key, record.source, record.target, 'import'])
    )
    const dry = await project.cli(['build', '--dry-run', '--json'])
    expect(JSON.parse(dry.stdout.join('\n')).total.toTranslate).toBe(0)
    // Importing the same file again adds nothing.
    const again = await project.cli(['memory', 'import', 'memory.tmx'])
    expect(again.stderr).toEqual(['memory.tmx: 4 units, 4 matched a segment of content/de, 0 new, 4 already in the memory, 0 conflicted with a human translation'])
  })

  it('reads TMX 1.1 (`lang`), language codes in any case, and keeps units that match no segment', async () => {
    const project = await createProject({files: {'content/de/a.md': 'Ein Satz über Selenskyj.\n', 'glossary/names.tsv': names}})
    await project.write(
      'agency.tmx',
      [
        '<?xml version="1.0" encoding="UTF-8"?>',
        '<!DOCTYPE tmx SYSTEM "tmx11.dtd">',
        '<tmx version="1.1">',
        '  <header creationtool="Agency" segtype="sentence" o-tmf="x" adminlang="EN-US" srclang="DE-DE" datatype="plaintext"/>',
        '  <body>',
        '    <tu changedate="20240102T101010Z" changeid="anna"><tuv lang="DE-DE"><seg>Ein Satz über Selenskyj.</seg></tuv><tuv lang="EN-US"><seg>A sentence about Zelensky.</seg></tuv></tu>',
        '    <tu><tuv lang="de"><seg>Ein Satz, den es noch nicht gibt.</seg></tuv><tuv lang="fr"><seg>Une phrase.</seg></tuv><tuv lang="en-GB"><seg>A sentence that does not exist yet.</seg></tuv></tu>',
        '  </body>',
        '</tmx>',
        ''
      ].join('\n')
    )
    const run = await project.cli(['memory', 'import', 'agency.tmx', '--origin', 'human'])
    expect(run.stderr).toEqual(['agency.tmx: 2 units, 1 matched a segment of content/de, 2 new, 0 already in the memory, 0 conflicted with a human translation'])
    const records = await project.memory()
    expect(records.map((record) => [record.source, record.target, record.origin, record.date, record.author])).toEqual(
      expect.arrayContaining([
        ['Ein Satz über Selenskyj.', 'A sentence about Zelensky.', 'human', '2024-01-02', 'anna'],
        ['Ein Satz, den es noch nicht gibt.', 'A sentence that does not exist yet.', 'human', expect.any(String), undefined]
      ])
    )
    const dry = await project.cli(['build', '--dry-run', '--json'])
    expect(JSON.parse(dry.stdout.join('\n')).total.toTranslate).toBe(0)
  })

  // The shared memory model (several records per key) lands from the `memory` branch; until then a conflict cannot keep both.
  it.skipIf(!severalPerKey)('keeps an existing human record current on a conflict and keeps both; --prefer import makes the unit current', async () => {
    const project = await createProject({files: {'content/de/a.md': 'Ein Satz.\n'}})
    await project.write('content/en/a.md', 'One sentence.\n')
    expect((await project.cli(['memory', 'import', 'content/de/a.md', 'content/en/a.md'])).code).toBe(0)
    const tmx = (target: string) =>
      `<?xml version="1.0"?>\n<tmx version="1.4"><header srclang="de" segtype="paragraph" o-tmf="x" adminlang="en" datatype="plaintext" creationtool="x" creationtoolversion="1"/><body><tu><tuv xml:lang="de"><seg>Ein Satz.</seg></tuv><tuv xml:lang="en"><seg>${target}</seg></tuv></tu></body></tmx>\n`
    await project.write('a.tmx', tmx('A sentence.'))
    const run = await project.cli(['memory', 'import', 'a.tmx'])
    expect(run.stderr).toEqual(['a.tmx: 1 units, 1 matched a segment of content/de, 1 new, 0 already in the memory, 1 conflicted with a human translation'])
    const records = await project.memory()
    expect(records.map((record) => [record.target, record.origin])).toEqual([
      ['One sentence.', 'human'],
      ['A sentence.', 'import']
    ])
    await project.write('b.tmx', tmx('Just one sentence.'))
    const preferred = await project.cli(['memory', 'import', 'b.tmx', '--prefer', 'import'])
    expect(preferred.code).toBe(0)
    const current = (await project.memory()).find((record) => record.target === 'Just one sentence.')
    expect(current?.origin).toBe('human')
    expect(current?.replaces).toMatch(/^[0-9a-f]{16}$/)
    expect((await project.memory()).map((record) => record.target)).toContain('One sentence.')
  })

  const broken: [string, string, string][] = [
    ['not well-formed', '<tmx version="1.4">\n<header srclang="de"/>\n<body><tu></body></tmx>\n', 'bad.tmx:3:101  error  not well-formed XML: Missing end tag for element tu  xml-not-well-formed'],
    [
      'a missing language',
      '<tmx version="1.4">\n<header srclang="de"/>\n<body>\n<tu><tuv><seg>Ein Satz.</seg></tuv></tu>\n</body></tmx>\n',
      'bad.tmx:4:5  error  this `<tuv>` has no `xml:lang` (or `lang`)  tmx-language'
    ],
    [
      'a unit with broken tags',
      '<tmx version="1.4">\n<header srclang="de"/>\n<body>\n<tu><tuv xml:lang="de"><seg>Ein <bpt i="1">**</bpt>Satz.</seg></tuv><tuv xml:lang="en"><seg>A sentence.</seg></tuv></tu>\n</body></tmx>\n',
      'bad.tmx:4:24  error  `<bpt i="1">` is never closed by an `<ept>`  interchange-tags'
    ],
    ['a BOM', '\uFEFF<tmx version="1.4"><header srclang="de"/><body/></tmx>\n', 'bad.tmx:1:1  error  the file starts with a byte order mark; save it as UTF-8 without BOM  xml-bom'],
    ['CRLF', '<tmx version="1.4">\r\n<header srclang="de"/><body/></tmx>\r\n', 'bad.tmx:1:20  error  the file has CRLF (or CR) line endings; save it with LF line endings  xml-line-ending']
  ]
  for (const [name, content, message] of broken) {
    it(`reports ${name} at file:line:column and imports nothing`, async () => {
      const good = '<tu><tuv xml:lang="de"><seg>Gut.</seg></tuv><tuv xml:lang="en"><seg>Good.</seg></tuv></tu>'
      const project = await createProject({files: {'content/de/a.md': 'Ein Satz.\n'}})
      await project.write('bad.tmx', content.replace('<body>', `<body>${good}`))
      const run = await project.cli(['memory', 'import', 'bad.tmx'])
      expect(run.code).toBe(1)
      expect(run.stderr).toEqual([message])
      expect(await project.memory()).toEqual([])
    })
  }
})

describe('XLIFF', () => {
  it('exports one unit per segment with state, note and inline codes (1.2)', async () => {
    const project = await builtProject()
    const run = await project.cli(['xliff', 'export', 'content/de/a.md', '-o', 'a.xlf'])
    expect(run.code).toBe(0)
    expect(run.stderr).toEqual(['wrote 4 units of 1 articles to a.xlf'])
    const xlf = await project.read('a.xlf')
    expect(xlf).toContain('<file original="content/de/a.md" source-language="de" target-language="en-US" datatype="x-markdown">')
    expect(xlf).toContain(
      '<source xml:lang="de">Präsident <g id="m1" ctype="bold">Selenskyj</g> besuchte <g id="1" ctype="link">Kursk</g> und sagte <x id="2" ctype="x-markdown" equiv-text="`hallo`" />.</source>'
    )
    expect(xlf).toContain('<target xml:lang="en-US" state="needs-review-translation">')
    expect(xlf).toContain('<note from="tandem">Names: Selenskyj → Zelensky; Kursk → Kursk</note>')
    expect(xlf).not.toContain('<n>')
  })

  it('exports XLIFF 2.0 with pc/ph and state initial', async () => {
    const project = await builtProject()
    await project.cli(['xliff', 'export', 'content/de/a.md', '-o', 'a.xlf', '--xliff-version', '2.0'])
    const xlf = await project.read('a.xlf')
    expect(xlf).toContain('<xliff xmlns="urn:oasis:names:tc:xliff:document:2.0" version="2.0" srcLang="de" trgLang="en-US">')
    expect(xlf).toContain('<segment state="initial">')
    expect(xlf).toContain('<pc id="m1" type="fmt" subType="xlf:b">Selenskyj</pc>')
    expect(xlf).toContain('<ph id="2" type="other" disp="`hallo`" />')
  })

  for (const version of ['1.2', '2.0']) {
    it(`imports post-edited ${version} targets as human records that replace the mt record; unchanged targets add nothing`, async () => {
      const project = await builtProject()
      await project.cli(['xliff', 'export', 'content/de/a.md', '-o', 'a.xlf', '--xliff-version', version])
      const exported = await project.read('a.xlf')
      const before = await project.memory()
      const mt = before.find((record) => record.source === 'Ein zweiter Absatz ohne Auszeichnung.')
      if (!mt) throw new Error('no mt record')
      await project.write('a.xlf', exported.replace(`>${mt.target}</target>`, '>A second paragraph without markup.</target>'))
      const run = await project.cli(['xliff', 'import', 'a.xlf'])
      expect(run.stderr).toEqual(['a.xlf: 1 targets now current, 3 unchanged, 0 for segments that no longer exist, 0 whose German changed'])
      const human = (await project.memory()).find((record) => record.target === 'A second paragraph without markup.')
      expect(human).toMatchObject({key: mt.key, origin: 'human'})
      expect(human?.replaces).toMatch(/^[0-9a-f]{16}$/)
      await project.cli(['build'])
      expect(await project.read('content/en/a.md')).toContain('\nA second paragraph without markup.\n')
      const again = await project.cli(['xliff', 'import', 'a.xlf'])
      expect(again.stderr).toEqual(['a.xlf: 0 targets now current, 4 unchanged, 0 for segments that no longer exist, 0 whose German changed'])
    })
  }

  it('rejects a target whose tags do not match its source at line:column, and imports nothing from the file', async () => {
    const project = await builtProject()
    await project.cli(['xliff', 'export', 'content/de/a.md', '-o', 'a.xlf'])
    const exported = await project.read('a.xlf')
    const before = await project.memory()
    const lines = exported.split('\n')
    const index = lines.findIndex((line) => line.includes('<target') && line.includes('ctype="link"'))
    lines[index] = (lines[index] ?? '').replace(/<g id="1" ctype="link">([^<]*)<\/g>/, '$1')
    const second = lines.findIndex((line) => line.includes('<target') && line.includes('second'))
    lines[second] = (lines[second] ?? '').replace(/>[^<]*<\/target>/, '>Changed.</target>')
    await project.write('a.xlf', lines.join('\n'))
    const run = await project.cli(['xliff', 'import', 'a.xlf'])
    expect(run.code).toBe(1)
    const column = (lines[index] ?? '').indexOf('<target') + 1
    expect(run.stderr).toEqual([`a.xlf:${index + 1}:${column}  error  the inline codes of this target do not match its source: the tag with id \`1\` was lost  interchange-tags`])
    expect(await project.memory()).toEqual(before)
  })

  const brokenXliff: [string, (xlf: string) => string, string][] = [
    ['not well-formed', (xlf) => xlf.replace('</source>', ''), 'a.xlf:12:7  error  not well-formed XML: Missing end tag for element source  xml-not-well-formed'],
    ['a missing language', (xlf) => xlf.replace(' source-language="de"', ''), 'a.xlf:3:3  error  this `<file>` has no `source-language`  xliff-language'],
    ['a BOM', (xlf) => '\uFEFF' + xlf, 'a.xlf:1:1  error  the file starts with a byte order mark; save it as UTF-8 without BOM  xml-bom'],
    ['CRLF', (xlf) => xlf.replaceAll('\n', '\r\n'), 'a.xlf:1:39  error  the file has CRLF (or CR) line endings; save it with LF line endings  xml-line-ending']
  ]
  for (const [name, damage, message] of brokenXliff) {
    it(`reports an XLIFF with ${name} at file:line:column and imports nothing`, async () => {
      const project = await builtProject()
      await project.cli(['xliff', 'export', 'content/de/a.md', '-o', 'a.xlf'])
      const before = await project.memory()
      const edited = (await project.read('a.xlf')).replace('Ein zweiter Absatz ohne Auszeichnung.</source>\n        <target xml:lang="en-US" state="needs-review-translation">', '$&Changed. ')
      await project.write('a.xlf', damage(edited))
      const run = await project.cli(['xliff', 'import', 'a.xlf'])
      expect(run.code).toBe(1)
      expect(run.stderr).toEqual([message])
      expect(await project.memory()).toEqual(before)
    })
  }

  it('reports units for segments that no longer exist', async () => {
    const project = await builtProject()
    await project.cli(['xliff', 'export', 'content/de/a.md', '-o', 'a.xlf'])
    await project.write('content/de/a.md', article.replace('Ein zweiter Absatz ohne Auszeichnung.', 'Ein ganz anderer Absatz.'))
    const xlf = await project.read('a.xlf')
    const run = await project.cli(['xliff', 'import', 'a.xlf'])
    const line = xlf.split('\n').findIndex((text) => text.includes('paragraph-') && xlf.split('\n')[xlf.split('\n').indexOf(text) + 1]?.includes('zweiter')) + 1
    expect(run.code).toBe(0)
    expect(run.stderr[0]).toMatch(new RegExp(`^a\\.xlf:${line}:7  warning  segment \`paragraph-[0-9a-f]{10}\` is no longer in content/de/a\\.md; its target was not imported  xliff-missing-segment$`))
    expect(run.stderr.at(-1)).toBe('a.xlf: 0 targets now current, 3 unchanged, 1 for segments that no longer exist, 0 whose German changed')
  })
})

describe('TBX', () => {
  it('exports TBX-Basic and imports it back: the same glossary, byte for byte', async () => {
    const project = await createProject()
    await copyFromRepo(project, 'glossary')
    const original = await project.read('glossary/names.tsv')
    const run = await project.cli(['glossary', 'export', '--format', 'tbx', '-o', 'names.tbx'])
    expect(run.code).toBe(0)
    const tbx = await project.read('names.tbx')
    expect(tbx).toContain('<martif type="TBX-Basic" xml:lang="en">')
    expect(tbx).toContain(
      '<termEntry id="name-1">\n        <descrip type="subjectField">person</descrip>\n        <note>Foreign Minister of Iran</note>\n        <langSet xml:lang="de">\n          <tig>\n            <term>Abbas Araghtschi</term>'
    )
    const again = await project.cli(['glossary', 'import', 'names.tbx'])
    expect(again.code).toBe(0)
    const count = (original.match(/^[^#\n].*\t/gm) ?? []).length - 1
    expect(again.stderr).toEqual([`names.tbx: 0 names added to glossary/names.tsv, ${count} already there`])
    expect(await project.read('glossary/names.tsv')).toBe(original)
    // Into an empty glossary: every entry, sorted, linted.
    await project.write('glossary/names.tsv', 'de\ten\tkind\tnote\n')
    await project.cli(['glossary', 'import', 'names.tbx'])
    const rows = (text: string) => text.split('\n').filter((line) => line !== '' && !line.startsWith('#'))
    expect(rows(await project.read('glossary/names.tsv'))).toEqual(rows(original))
  })

  it('reads TBX v3 and refuses a name the glossary writes differently', async () => {
    const project = await createProject({files: {'glossary/names.tsv': names}})
    await project.write(
      'v3.tbx',
      [
        '<?xml version="1.0" encoding="UTF-8"?>',
        '<tbx type="TBX-Basic" style="dca" xml:lang="en" xmlns="urn:iso:std:iso:30042:ed-2">',
        '  <tbxHeader><fileDesc><sourceDesc><p>x</p></sourceDesc></fileDesc></tbxHeader>',
        '  <text><body>',
        '    <conceptEntry id="c1"><descrip type="subjectField">place</descrip><langSec xml:lang="de"><termSec><term>Moskau</term></termSec></langSec><langSec xml:lang="en"><termSec><term>Moscow</term></termSec></langSec></conceptEntry>',
        '    <conceptEntry id="c2"><langSec xml:lang="de"><termSec><term>Selenskyj</term></termSec></langSec><langSec xml:lang="en"><termSec><term>Zelenskyy</term></termSec></langSec></conceptEntry>',
        '  </body></text>',
        '</tbx>',
        ''
      ].join('\n')
    )
    const run = await project.cli(['glossary', 'import', 'v3.tbx'])
    expect(run.code).toBe(1)
    expect(run.stderr).toEqual(['v3.tbx:6:5  error  `Selenskyj` is `Zelenskyy` here but `Zelensky` in glossary/names.tsv:3; change one of them  tbx-conflict'])
    expect(await project.read('glossary/names.tsv')).toBe(names)
    await project.write('v3.tbx', (await project.read('v3.tbx')).replace('Zelenskyy', 'Zelensky'))
    const fixed = await project.cli(['glossary', 'import', 'v3.tbx'])
    expect(fixed.stderr).toEqual(['v3.tbx: 1 names added to glossary/names.tsv, 1 already there'])
    expect(await project.read('glossary/names.tsv')).toBe(names.replace('Selenskyj', 'Moskau\tMoscow\tplace\t\nSelenskyj'))
  })
})
