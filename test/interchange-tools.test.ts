/**
 * tandem's TMX, XLIFF and TBX against the real tools, Debian's `omegat` (OmegaT 3.6, headless console
 * modes) and `translate-toolkit` (its commands and Python API). Without them the suite is skipped with
 * a printed reason, except under CI (`CI` set), where a missing tool fails it: .ci/run installs both.
 *
 * OmegaT 3.6 facts found by running it here: the console modes need a project folder with an
 * `omegat.project`; the pseudo-translation mode is `--mode=console-createpseudotranslatetmx` (its
 * `--help` says `console-pseudotranslatetmx`, which silently starts the GUI and fails headless);
 * `/usr/bin/omegat` passes `$*` unquoted, so paths must not contain spaces.
 */
import {execFile} from 'node:child_process'
import {existsSync} from 'node:fs'
import {mkdir, readFile, rm, writeFile} from 'node:fs/promises'
import path from 'node:path'
import {promisify} from 'node:util'
import {afterEach, beforeAll, describe, expect, it} from 'vitest'
import {VFile} from 'vfile'
import {tandemData} from '../src/core/data.ts'
import {taggedToPlain} from '../src/core/tagged-text.ts'
import {createSegmenter} from '../src/pipeline/processor.ts'
import {closeServers, copyFromRepo, createProject, removeProjects, type Project} from './project.ts'
import {builtProject} from './interchange-project.ts'

const run = promisify(execFile)
const omegat = '/usr/bin/omegat'
const python = '/usr/bin/python3'
const xliff2po = '/usr/bin/xliff2po'
const inCi = Boolean(process.env.CI)
const missing = [omegat, xliff2po, python].filter((tool) => !existsSync(tool))
let hasToolkit = missing.length === 0
if (hasToolkit) {
  try {
    await run(python, ['-c', 'import translate.storage.xliff'])
  } catch {
    hasToolkit = false
    missing.push('python3 module translate (translate-toolkit)')
  }
}
const available = missing.length === 0 && hasToolkit
if (!available && !inCi) {
  console.log(`SKIPPED test/interchange-tools.test.ts: ${missing.join(', ')} absent (apt-get install omegat translate-toolkit); under CI this is a failure`)
}

afterEach(async () => {
  await closeServers()
  await removeProjects()
})

const omegatProject = `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<omegat>
  <project version="1.0">
    <source_dir>__DEFAULT__</source_dir>
    <source_dir_excludes/>
    <target_dir>__DEFAULT__</target_dir>
    <tm_dir>__DEFAULT__</tm_dir>
    <glossary_dir>__DEFAULT__</glossary_dir>
    <glossary_file>__DEFAULT__</glossary_file>
    <dictionary_dir>__DEFAULT__</dictionary_dir>
    <source_lang>de</source_lang>
    <target_lang>en-US</target_lang>
    <source_tok>org.omegat.tokenizer.LuceneGermanTokenizer</source_tok>
    <target_tok>org.omegat.tokenizer.LuceneEnglishTokenizer</target_tok>
    <sentence_seg>false</sentence_seg>
    <support_default_translations>true</support_default_translations>
    <remove_tags>false</remove_tags>
  </project>
</omegat>
`

/** An OmegaT project inside `project` holding `source` as a plain-text file; returns its folder. */
async function createOmegatProject(project: Project, source: string): Promise<string> {
  const dir = path.join(project.root, 'omegat')
  for (const folder of ['source', 'target', 'tm/auto', 'glossary', 'dictionary', 'omegat']) await mkdir(path.join(dir, folder), {recursive: true})
  await writeFile(path.join(dir, 'omegat.project'), omegatProject)
  await writeFile(path.join(dir, 'source', 'article.txt'), source)
  return dir
}

async function runOmegat(dir: string, ...args: string[]): Promise<void> {
  await run(omegat, [...args, `--config-dir=${path.join(dir, '..', 'omegat-config')}`, '--disable-project-locking', '--no-team', '--quiet', dir], {
    env: {...process.env, DISPLAY: ''},
    timeout: 120_000
  })
}

/** The segments of a Markdown file, as the build sees them; English files with English labels. */
async function segmentsOf(project: Project, file: string, labelLanguage: 'de' | 'en') {
  const segmenter = createSegmenter({sourceLang: 'de', targetLang: 'en-US', frontmatterFields: ['title', 'description', 'summary'], labelLanguage})
  const vfile = new VFile({path: file, value: await project.read(file)})
  await segmenter.run(segmenter.parse(vfile), vfile)
  return tandemData(vfile).segments.filter((segment) => segment.source !== '')
}

const slug = 'russland-gesteht-nordkoreanische-soldaten-kaempfen-in-kursk'

describe.skipIf(!available && !inCi)('OmegaT and translate-toolkit read and write tandem’s files', () => {
  beforeAll(() => {
    if (!available) throw new Error(`CI is set but ${missing.join(', ')} is missing: .ci/run must \`apt-get install -y omegat translate-toolkit\``)
  })

  it('OmegaT, given tandem’s TMX in tm/auto, translates the seed’s German paragraphs into exactly tandem’s English edition', async () => {
    const project = await createProject()
    await copyFromRepo(project, 'content', 'glossary', 'memory')
    expect((await project.cli(['memory', 'export', '--format', 'tmx', '-o', 'omegat/tm/auto/tandem.tmx'])).code).toBe(0)
    const german = await segmentsOf(project, `content/de/${slug}.md`, 'de')
    const english = await segmentsOf(project, `content/en/${slug}.md`, 'en')
    expect(english.length).toBe(german.length)
    const dir = await createOmegatProject(project, german.map((segment) => taggedToPlain(segment.source)).join('\n\n') + '\n')
    await runOmegat(dir, '--mode=console-translate')
    const translated = await readFile(path.join(dir, 'target', 'article.txt'), 'utf8')
    expect(translated).toBe(english.map((segment) => taggedToPlain(segment.source)).join('\n\n') + '\n')
    expect(german.length).toBe(13)
    // OmegaT's own project memory goes back into an empty tandem memory, and a build needs nothing more.
    await project.write('memory/de-en.jsonl', '')
    const imported = await project.cli(['memory', 'import', 'omegat/omegat-omegat.tmx', '--origin', 'human'])
    expect(imported.stderr).toEqual([
      'omegat/omegat-omegat.tmx: 13 units, 13 matched a segment of content/de, 13 new, 0 already in the memory, 0 conflicted with a human translation'
    ])
    const dry = await project.cli(['build', '--dry-run', '--json'])
    expect(JSON.parse(dry.stdout.join('\n')).total.toTranslate).toBe(0)
  }, 180_000)

  it('a TMX that OmegaT wrote (console-createpseudotranslatetmx), its targets edited, is imported and the next build uses it', async () => {
    const project = await createProject({files: {'content/de/a.md': '# Die Lage in Kursk\n\nSelenskyj spricht in Kursk.\n\nDer zweite Absatz.\n'}})
    await project.write('glossary/names.tsv', 'de\ten\tkind\tnote\nKursk\tKursk\tplace\t\nSelenskyj\tZelensky\tperson\t\n')
    const dir = await createOmegatProject(project, 'Die Lage in Kursk\n\nSelenskyj spricht in Kursk.\n\nDer zweite Absatz.\n')
    const tmxPath = path.join(project.root, 'omegat-pseudo.tmx')
    await runOmegat(dir, '--mode=console-createpseudotranslatetmx', `--pseudotranslatetmx=${tmxPath}`, '--pseudotranslatetype=equal')
    const written = await readFile(tmxPath, 'utf8')
    expect(written).toContain('<tmx version="1.1">')
    expect(written).toContain('creationtool="OmegaT"')
    expect(written).toContain('<tuv lang="de">')
    // The translator's work: each German target replaced by English.
    const english: Record<string, string> = {
      'Die Lage in Kursk': 'The situation in Kursk',
      'Selenskyj spricht in Kursk.': 'Zelensky speaks in Kursk.',
      'Der zweite Absatz.': 'The second paragraph.'
    }
    let edited = written
    for (const [de, en] of Object.entries(english)) {
      edited = edited.replace(`<tuv lang="en-US">\n        <seg>${de}</seg>`, `<tuv lang="en-US">\n        <seg>${en}</seg>`)
    }
    expect(edited).not.toBe(written)
    await project.write('edited.tmx', edited)
    const imported = await project.cli(['memory', 'import', 'edited.tmx'])
    expect(imported.stderr).toEqual(['edited.tmx: 3 units, 3 matched a segment of content/de, 3 new, 0 already in the memory, 0 conflicted with a human translation'])
    const build = await project.cli(['build'])
    expect(build.code).toBe(0)
    expect(await project.read('content/en/a.md')).toContain('# The situation in Kursk\n\nZelensky speaks in Kursk.\n\nThe second paragraph.\n')
  }, 180_000)

  it('OmegaT opens tandem’s XLIFF in a project and writes it back with every unit and target; tandem reads what it wrote', async () => {
    const project = await builtProject()
    await project.cli(['xliff', 'export', 'content/de/a.md', '-o', 'a.xlf'])
    const dir = await createOmegatProject(project, '')
    await rm(path.join(dir, 'source', 'article.txt'))
    await writeFile(path.join(dir, 'source', 'a.xlf'), await project.read('a.xlf'))
    await runOmegat(dir, '--mode=console-translate')
    const written = await readFile(path.join(dir, 'target', 'a.xlf'), 'utf8')
    // OmegaT 3.6 keeps the targets of a bilingual file as they are; only its serialization differs.
    expect(written).toBe((await project.read('a.xlf')).replaceAll('" />', '"/>').replace(/\n$/, ''))
    await project.write('from-omegat.xlf', written)
    const imported = await project.cli(['xliff', 'import', 'from-omegat.xlf'])
    expect(imported.stderr).toEqual(['from-omegat.xlf: 0 targets now current, 4 unchanged, 0 for segments that no longer exist, 0 whose German changed'])
  }, 180_000)

  it('OmegaT’s own TBX reader (run by a console-mode script) reads every name of tandem’s TBX with its kind and note', async () => {
    const project = await createProject()
    await copyFromRepo(project, 'glossary')
    const dir = await createOmegatProject(project, 'Selenskyj.\n')
    expect((await project.cli(['glossary', 'export', '--format', 'tbx', '-o', 'omegat/glossary/names.tbx'])).code).toBe(0)
    const script = path.join(project.root, 'read-glossary.groovy')
    await writeFile(
      script,
      [
        'import org.omegat.gui.glossary.GlossaryReaderTBX',
        'def dir = new File(org.omegat.core.Core.getProject().getProjectProperties().getGlossaryRoot())',
        "new File(dir.parentFile, 'glossary-read.tsv').withWriter('UTF-8') { writer ->",
        "  GlossaryReaderTBX.read(new File(dir, 'names.tbx'), false).each { entry ->",
        "    writer << entry.srcText << '\\t' << entry.locText << '\\t' << entry.commentText.replace('\\n', ' | ') << '\\n'",
        '  }',
        '}',
        ''
      ].join('\n')
    )
    await runOmegat(dir, '--mode=console-translate', `--script=${script}`)
    const read = (await readFile(path.join(dir, 'glossary-read.tsv'), 'utf8')).split('\n').filter(Boolean)
    const entries = (await project.read('glossary/names.tsv')).split('\n').slice(1).filter((line) => line !== '' && !line.startsWith('#'))
    expect(read.length).toBe(entries.length)
    expect(read[0]).toBe('Abbas Araghtschi\tAbbas Araghchi\tsubjectField: person | Foreign Minister of Iran')
    expect(read).toContain('Ägypten\tEgypt\tsubjectField: place')
  }, 180_000)

  it('translate-toolkit’s xliff2po reads tandem’s XLIFF with every unit, and its Python API reads the TMX and the TBX', async () => {
    const project = await builtProject()
    await project.cli(['xliff', 'export', 'content/de/a.md', '-o', 'a.xlf'])
    await project.cli(['memory', 'export', '-o', 'a.tmx'])
    await project.cli(['glossary', 'export', '-o', 'a.tbx'])
    await run(xliff2po, [path.join(project.root, 'a.xlf'), path.join(project.root, 'a.po')])
    const po = await project.read('a.po')
    const ids = [...po.matchAll(/^#: (.+)$/gm)].map((match) => match[1])
    const segments = await segmentsOf(project, 'content/de/a.md', 'de')
    expect(ids).toEqual(segments.map((segment) => segment.id))
    expect(po).toContain('msgid "Ein zweiter Absatz ohne Auszeichnung."')
    const {stdout} = await run(python, [
      '-c',
      [
        'import json, sys',
        'from translate.storage import tmx, tbx',
        `m = tmx.tmxfile.parsefile(${JSON.stringify(path.join(project.root, 'a.tmx'))})`,
        `t = tbx.tbxfile.parsefile(${JSON.stringify(path.join(project.root, 'a.tbx'))})`,
        'print(json.dumps({"tmx": [[u.source, u.target] for u in m.units], "tbx": [[u.source, u.target] for u in t.units]}))'
      ].join('\n')
    ])
    const read = JSON.parse(stdout) as {tmx: [string, string][]; tbx: [string, string][]}
    expect(read.tbx).toEqual([
      ['Kursk', 'Kursk'],
      ['Selenskyj', 'Zelensky']
    ])
    const memory = await project.memory()
    expect(read.tmx.length).toBe(memory.length)
    expect(read.tmx).toContainEqual(['Ein zweiter Absatz ohne Auszeichnung.', 'A zweiter Absatz without Auszeichnung.'])
  }, 120_000)

  it('XLIFF targets written by translate-toolkit’s Python API are imported, and the build uses them', async () => {
    const project = await builtProject()
    await project.cli(['xliff', 'export', 'content/de/a.md', '-o', 'a.xlf'])
    await run(python, [
      '-c',
      [
        'from translate.storage import xliff',
        `f = xliff.xlifffile.parsefile(${JSON.stringify(path.join(project.root, 'a.xlf'))})`,
        'for u in f.units:',
        '    if u.source == "Ein zweiter Absatz ohne Auszeichnung.":',
        '        u.target = "A second paragraph, post-edited."',
        '        u.markapproved(True)',
        `f.savefile(${JSON.stringify(path.join(project.root, 'edited.xlf'))})`
      ].join('\n')
    ])
    const imported = await project.cli(['xliff', 'import', 'edited.xlf'])
    expect(imported.stderr).toEqual(['edited.xlf: 1 targets now current, 3 unchanged, 0 for segments that no longer exist, 0 whose German changed'])
    expect((await project.cli(['build'])).code).toBe(0)
    expect(await project.read('content/en/a.md')).toContain('\nA second paragraph, post-edited.\n')
  }, 120_000)

  it('a TBX that translate-toolkit writes (csv2tbx) labels its terms `en` and `xx` whatever the languages: tandem says so at its line and writes nothing', async () => {
    const project = await createProject({files: {'glossary/names.tsv': 'de\ten\tkind\tnote\n'}})
    await project.write('names.csv', '"source","target"\n"Moskau","Moscow"\n')
    await run('/usr/bin/csv2tbx', [path.join(project.root, 'names.csv'), path.join(project.root, 'names.tbx')])
    expect(await project.read('names.tbx')).toContain('<langSet xml:lang="xx"><tig><term>Moscow</term></tig></langSet>')
    const tbx = await project.cli(['glossary', 'import', 'names.tbx'])
    expect(tbx.code).toBe(1)
    expect(tbx.stderr).toEqual(['names.tbx:13:13  error  this entry has no `de` term  tbx-language'])
    expect(await project.read('glossary/names.tsv')).toBe('de\ten\tkind\tnote\n')
  }, 120_000)
})
