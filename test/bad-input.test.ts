/**
 * The table of bad inputs (README "Bad input", issue 17): for each class, the exact messages at relative
 * file:line:column, no output for the bad file, no stack trace, nothing sent for it, and `ok.md` beside it still
 * builds. One row per class; the README table lists the same rows.
 */
import {mkdir, symlink, writeFile} from 'node:fs/promises'
import os from 'node:os'
import path from 'node:path'
import {afterEach, describe, expect, it} from 'vitest'
import {
  closeServers,
  createProject,
  deeplEnv,
  memoryFile,
  memoryRecord,
  removeProjects,
  startServer,
  type CliRun,
  type Project
} from './project.ts'
import {damagedTranslation, type DeepLServerOptions} from './servers/deepl.ts'

afterEach(async () => {
  await closeServers()
  await removeProjects()
})

const ok = {'content/de/ok.md': '# Die Truppen\n\nDer Krieg ist nicht vorbei.\n'}
const okTexts = ['Die Truppen', 'Der Krieg ist nicht vorbei.']
const okEnglish = '# The Troops\n\nThe War is not vorbei.\n'
/** ok.md's translations, for rows where the server answers badly: ok.md then needs no request. */
const okMemory = memoryFile([memoryRecord('Die Truppen', 'The troops', 'mt'), memoryRecord('Der Krieg ist nicht vorbei.', 'The war is not over.', 'mt')])

interface Row {
  /** The class, as the README's table names it. */
  name: string
  files: Record<string, string | Uint8Array>
  /** Done to the project after its files are written (links, folders). */
  setup?: (project: Project) => Promise<void>
  glossary?: 'required'
  server?: DeepLServerOptions
  argv?: string[]
  code: number
  /** Every message line, exactly. */
  messages: string[]
  /** Outputs that must not exist afterwards. */
  notWritten: string[]
  /** Texts the server must have received, in any order (default: ok.md's). */
  sent?: string[]
  /** ok.md is built as usual (default: true). */
  okBuilds?: boolean
}

const latin1 = Buffer.from('# Titel\n\nDie Gr\xf6\xdfe der Truppen.\n', 'latin1')
const deepList = '- '.repeat(1000) + 'Punkt\n'
const deepQuote = '> '.repeat(1000) + 'Tief\n'

const rows: Row[] = [
  {
    name: 'invalid UTF-8',
    files: {'content/de/bad.md': latin1},
    code: 1,
    messages: ['content/de/bad.md:3:7  error  not valid UTF-8 (byte 0xf6 at offset 15); save the file as UTF-8  invalid-utf8'],
    notWritten: ['content/en/bad.md', 'content/parallel/bad.md']
  },
  {
    name: 'UTF-16',
    files: {'content/de/bad.md': Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from('# Die Truppen\n', 'utf16le')])},
    code: 1,
    messages: ['content/de/bad.md:1:1  error  UTF-16 (little-endian) text, not UTF-8; save the file as UTF-8  utf16'],
    notWritten: ['content/en/bad.md']
  },
  {
    name: 'UTF-16 without a byte order mark',
    files: {'content/de/bad.md': Buffer.from('# Die Truppen\n\nDer Krieg.\n', 'utf16le').swap16()},
    code: 1,
    messages: ['content/de/bad.md:1:1  error  UTF-16 (big-endian) text, not UTF-8; save the file as UTF-8  utf16'],
    notWritten: ['content/en/bad.md']
  },
  {
    name: 'binary file',
    files: {'content/de/bad.md': Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13, 0x49, 0x48, 0x44, 0x52])},
    code: 1,
    messages: ['content/de/bad.md:1:1  error  a binary file, not text (a NUL byte at offset 8); tandem builds Markdown saved as UTF-8  binary-file'],
    notWritten: ['content/en/bad.md']
  },
  {
    name: 'empty file',
    files: {'content/de/bad.md': '\n\n'},
    code: 1,
    messages: ['content/de/bad.md:1:1  error  the file is empty  empty-file'],
    notWritten: ['content/en/bad.md']
  },
  {
    name: 'only front matter',
    files: {'content/de/bad.md': '---\ntitle: Nur ein Titel\n---\n'},
    code: 1,
    messages: ['content/de/bad.md:4:1  error  the file has front matter but no text after it  empty-body'],
    notWritten: ['content/en/bad.md']
  },
  {
    name: 'broken YAML',
    files: {'content/de/bad.md': '---\ntitle: "Die Truppen\ndescription: Der Krieg\n---\n\nDer Krieg ist vorbei.\n'},
    code: 1,
    messages: ['content/de/bad.md:3:23  error  the front matter is not valid YAML: Missing closing "quote  frontmatter-yaml'],
    notWritten: ['content/en/bad.md']
  },
  {
    name: 'front matter without its closing ---',
    files: {'content/de/bad.md': '---\ntitle: Die Truppen\n\nDer Krieg ist vorbei.\n'},
    code: 1,
    messages: ['content/de/bad.md:1:1  error  the front matter has no closing `---`; add one after its last line  frontmatter-unclosed'],
    notWritten: ['content/en/bad.md']
  },
  {
    name: 'a title that is not a string',
    files: {'content/de/bad.md': '---\nlang: de\ntitle: 1984\n---\n\nDer Krieg ist vorbei.\n'},
    code: 1,
    messages: ['content/de/bad.md:3:8  error  `title` must be a string, not a number; quote it (`title: "1984"`) to have it translated  frontmatter-not-a-string'],
    notWritten: ['content/en/bad.md']
  },
  {
    name: 'duplicate front-matter keys',
    files: {'content/de/bad.md': '---\ntitle: Eins\nlang: de\ntitle: Zwei\n---\n\nDer Krieg ist vorbei.\n'},
    code: 1,
    messages: ['content/de/bad.md:4:1  error  the front matter is not valid YAML: Map keys must be unique  frontmatter-duplicate-key'],
    notWritten: ['content/en/bad.md']
  },
  {
    name: 'front matter that is not a mapping',
    files: {'content/de/bad.md': '---\n- Eins\n- Zwei\n---\n\nDer Krieg ist vorbei.\n'},
    code: 0,
    messages: ['content/de/bad.md:1:1  warning  the front matter is not a YAML mapping; it is kept as it is, without `translation`  frontmatter-not-a-map'],
    notWritten: [],
    sent: [...okTexts, 'Der Krieg ist vorbei.']
  },
  {
    name: 'missing glossary/names.tsv',
    files: {},
    glossary: 'required',
    code: 1,
    messages: [
      'glossary/names.tsv:1:1  error  no such file: without it no name is protected; create it (`tandem glossary add` does), or set `"glossary": "optional"` in tandem.config.json for a project without one  glossary-missing'
    ],
    notWritten: ['content/en/ok.md'],
    sent: [],
    okBuilds: false
  },
  {
    name: 'unreadable glossary/names.tsv',
    files: {},
    setup: (project) => mkdir(path.join(project.root, 'glossary', 'names.tsv'), {recursive: true}).then(() => undefined),
    code: 1,
    messages: ['glossary/names.tsv:1:1  error  this is a folder, not the names file  glossary-unreadable'],
    notWritten: ['content/en/ok.md'],
    sent: [],
    okBuilds: false
  },
  {
    name: 'CRLF line endings',
    files: {'content/de/ok.md': ok['content/de/ok.md'].replace(/\n/g, '\r\n')},
    code: 0,
    messages: ['content/de/ok.md:1:14  warning  the file has CR or CRLF line endings; they are read as LF  crlf'],
    notWritten: []
  },
  {
    name: 'a byte order mark',
    files: {'content/de/ok.md': '\uFEFF' + ok['content/de/ok.md']},
    code: 0,
    messages: ['content/de/ok.md:1:1  warning  the file starts with a byte order mark; it is ignored  bom'],
    notWritten: []
  },
  {
    name: 'lists nested 1,000 deep',
    files: {'content/de/bad.md': deepList},
    code: 1,
    messages: ['content/de/bad.md:1:301  error  nested more than 300 levels deep (lists, block quotes, emphasis); tandem does not build it  too-deep'],
    notWritten: ['content/en/bad.md']
  },
  {
    name: 'block quotes nested 1,000 deep',
    files: {'content/de/bad.md': deepQuote},
    code: 1,
    messages: ['content/de/bad.md:1:601  error  nested more than 300 levels deep (lists, block quotes, emphasis); tandem does not build it  too-deep'],
    notWritten: ['content/en/bad.md']
  },
  {
    name: 'a symbolic link out of the project',
    files: {},
    async setup(project) {
      const outside = path.join(os.tmpdir(), `tandem-outside-${process.pid}.md`)
      await writeFile(outside, '# Geheim\n\nNicht für DeepL.\n')
      await symlink(outside, path.join(project.root, 'content', 'de', 'link.md'))
    },
    code: 1,
    messages: ['content/de/link.md:1:1  error  a symbolic link to a file outside the project; tandem does not follow it  outside-project'],
    notWritten: ['content/en/link.md']
  },
  {
    name: '`tandem import --slug ../x`',
    files: {'article.txt': 'Die Truppen\n\nDer Krieg ist nicht vorbei.\n'},
    argv: ['import', 'article.txt', '--slug', '../x'],
    code: 1,
    messages: [
      'article.txt:1:1  error  Unexpected slug `../x`; expected lowercase ASCII letters and digits joined by single hyphens, such as `x`  invalid-slug'
    ],
    notWritten: ['x.md', 'content/x.md', 'content/de/x.md'],
    sent: [],
    okBuilds: false
  },
  {
    name: 'a provider answer with the wrong number of texts',
    files: {'content/de/bad.md': '# Kaputt\n\nDie Antwort fehlt.\n', 'memory/de-en.jsonl': okMemory},
    server: {rewriteTranslations: (translations) => translations.slice(1)},
    code: 1,
    messages: ['content/de/bad.md:1:1  error  DeepL answered 1 translations for 2 texts  provider-error'],
    notWritten: ['content/en/bad.md'],
    sent: ['Kaputt', 'Die Antwort fehlt.']
  },
  {
    name: 'a provider answer with null texts',
    files: {'content/de/bad.md': '# Kaputt\n\nDie Antwort fehlt.\n', 'memory/de-en.jsonl': okMemory},
    server: {rewriteTranslations: (translations) => translations.map((translation, index) => (index === 1 ? {...translation, text: null} : translation))},
    code: 1,
    messages: ['content/de/bad.md:1:1  error  DeepL answered no text for text 2 of 2  provider-error'],
    notWritten: ['content/en/bad.md'],
    sent: ['Kaputt', 'Die Antwort fehlt.']
  },
  {
    name: 'a provider answer with an unknown tag',
    files: {'content/de/bad.md': 'Die Soldaten kämpfen für **Russland**.\n', 'memory/de-en.jsonl': okMemory},
    server: {translate: damagedTranslation('invent')},
    code: 0,
    messages: ['content/de/bad.md:1:1  warning  the translation\'s tags are damaged (`<x>` refers to unknown id `99`); kept as plain text  tag-damage'],
    notWritten: [],
    sent: ['Die Soldaten kämpfen für <b>Russland</b>.']
  },
  {
    name: 'a provider answer with mismatched tags',
    files: {'content/de/bad.md': 'Die Soldaten kämpfen für **Russland** in [der Region](https://example.org).\n', 'memory/de-en.jsonl': okMemory},
    server: {translate: damagedTranslation('misnest')},
    code: 0,
    messages: ['content/de/bad.md:1:1  warning  the translation\'s tags are damaged (`</b>` closes `<a>`); kept as plain text  tag-damage'],
    notWritten: [],
    sent: ['Die Soldaten kämpfen für <b>Russland</b> in <a id="1">der Region</a>.']
  },
  {
    name: 'a memory line with the wrong types',
    files: {'memory/de-en.jsonl': '{"key":"k1","source":"Eins","target":42,"origin":"mt","sourceLang":"de","targetLang":"en-US","date":"2025-01-01"}\n'},
    code: 1,
    messages: ['memory/de-en.jsonl:1:38  error  field `target` must be a string  memory-field'],
    notWritten: ['content/en/ok.md'],
    sent: [],
    okBuilds: false
  }
]

/** Lines that look like a place, `file:line:column  severity  …`. */
const messageLines = (run: CliRun) => run.stderr.filter((line) => /^\S+:\d+:\d+ {2}(error|warning|info) {2}/.test(line))

describe('bad input', () => {
  it.each(rows)('$name', async (row) => {
    const project = await createProject({files: {...ok, ...row.files}, ...(row.glossary ? {glossary: row.glossary} : {})})
    await row.setup?.(project)
    const server = await startServer(row.server)
    const run = await project.cli(row.argv ?? ['build'], deeplEnv(server))
    expect(messageLines(run)).toEqual(row.messages)
    expect(run.code).toBe(row.code)
    // No stack trace, and no machine path, anywhere.
    const printed = [...run.stdout, ...run.stderr].join('\n')
    expect(printed).not.toMatch(/^\s+at /m)
    expect(printed).not.toContain(os.tmpdir())
    for (const output of row.notWritten) expect(await project.exists(output), output).toBe(false)
    // Nothing of the bad file was sent (nor billed).
    const sent = server.translateRequests().flatMap((request) => request.params.texts)
    const okSent = row.files['memory/de-en.jsonl'] === okMemory ? [] : okTexts
    expect([...sent].sort()).toEqual([...(row.sent ?? okSent)].sort())
    if (row.okBuilds ?? true) {
      const english = await project.read('content/en/ok.md')
      expect(english.slice(english.indexOf('---\n\n') + 5)).toBe(row.files['memory/de-en.jsonl'] === okMemory ? '# The troops\n\nThe war is not over.\n' : okEnglish)
    }
  })
})

describe('large input', () => {
  // The 10 MB paragraph goes through `--dry-run` in the bench (P5); a build, reader included, of 1 MB here.
  it('builds a 1 MB paragraph, reader included', async () => {
    const sentence = 'Die Soldaten bleiben in der Region. '
    const count = Math.ceil(1_000_000 / sentence.length)
    const project = await createProject({files: {...ok, 'content/de/long.md': `# Lang\n\n${sentence.repeat(count).trim()}\n`}})
    const server = await startServer()
    const run = await project.cli(['build'], deeplEnv(server))
    expect(messageLines(run)).toEqual([])
    expect(run.code).toBe(0)
    const english = await project.read('content/en/long.md')
    expect(english.split('The Soldiers bleiben in the Region.').length - 1).toBe(count)
    expect(await project.exists('site/articles/long.html')).toBe(true)
  }, 300_000)

  it('builds a 30 KB paragraph', async () => {
    const size = 30_000
    const sentence = 'Die Soldaten bleiben in der Region. '
    const paragraph = sentence.repeat(Math.ceil(size / sentence.length)).trim()
    const project = await createProject({files: {...ok, 'content/de/long.md': `# Lang\n\n${paragraph}\n`}})
    const server = await startServer()
    const run = await project.cli(['build'], deeplEnv(server))
    expect(messageLines(run)).toEqual([])
    expect(run.code).toBe(0)
    const english = await project.read('content/en/long.md')
    const body = english.slice(english.indexOf('---\n\n') + 5)
    // Compared as a flag: a failing diff of 100 KB would drown the report.
    const expected = `# Lang\n\n${'The Soldiers bleiben in the Region. '.repeat(Math.ceil(size / sentence.length)).trim()}\n`
    expect(body.length).toBe(expected.length)
    expect(body === expected).toBe(true)
    expect(server.translateRequests().length).toBeGreaterThan(0)
  }, 120_000)

  it('builds a table of 10,000 rows', async () => {
    const rows = Array.from({length: 10_000}, (_, index) => `| Zeile ${index + 1} |`)
    const project = await createProject({files: {...ok, 'content/de/table.md': `| Spalte |\n| --- |\n${rows.join('\n')}\n`}})
    const server = await startServer()
    const run = await project.cli(['build'], deeplEnv(server))
    expect(messageLines(run)).toEqual([])
    expect(run.code).toBe(0)
    const english = await project.read('content/en/table.md')
    const lines = english.slice(english.indexOf('---\n\n') + 5).trimEnd().split('\n')
    expect(lines.length).toBe(10_002)
    expect(lines.at(-1)).toBe('| Zeile 10000 |')
    expect(await project.read('content/parallel/table.md')).toContain('| Zeile 10000 | Zeile 10000 |')
  }, 120_000)
})
