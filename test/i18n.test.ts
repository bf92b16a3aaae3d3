import {mkdtemp, rm} from 'node:fs/promises'
import os from 'node:os'
import path from 'node:path'
import {VFile} from 'vfile'
import {afterEach, describe, expect, it} from 'vitest'
import {englishText, fileMessage, phrase} from '../src/core/phrase.ts'
import {ruleIds} from '../src/import/constants.ts'
import {createI18n, detailsLabelByGerman, detailsLabels, say} from '../src/i18n/index.ts'
import {de, en} from '../src/i18n/resources.ts'
import {formatMessages} from '../src/cli/report.ts'
import {main} from '../src/cli/main.ts'
import {createProject, memoryFile, memoryRecord, removeProjects} from './project.ts'
import {bypassingMessages, isFormatting, parse, phraseCalls, sourceFiles, untranslatedPrints} from './source-strings.ts'

afterEach(async () => {
  await removeProjects()
})

/** The resource at a key path, `a.b.c`, or undefined. */
function resource(resources: unknown, key: string): unknown {
  return key.split('.').reduce<unknown>((node, part) => (typeof node === 'object' && node !== null ? (node as Record<string, unknown>)[part] : undefined), resources)
}

/** The `{{name}}` placeholders of a text, sorted, each once. */
function placeholders(text: string): string[] {
  return [...new Set([...text.matchAll(/\{\{(\w+)\}\}/g)].map((match) => match[1] ?? ''))].sort()
}

/** Every leaf key path, `a.b.c`, sorted. */
function keys(value: unknown, prefix = ''): string[] {
  if (typeof value !== 'object' || value === null) return [prefix]
  return Object.entries(value)
    .flatMap(([key, child]) => keys(child, prefix ? `${prefix}.${key}` : key))
    .sort()
}

/** `{{name}}` placeholders of every leaf, by key path. */
function interpolations(value: unknown): Record<string, string[]> {
  const result: Record<string, string[]> = {}
  const walk = (node: unknown, prefix: string) => {
    if (typeof node === 'string') result[prefix] = [...node.matchAll(/\{\{(\w+)\}\}/g)].map((match) => match[1] ?? '').sort()
    else if (typeof node === 'object' && node !== null)
      for (const [key, child] of Object.entries(node)) walk(child, prefix ? `${prefix}.${key}` : key)
  }
  walk(value, '')
  return result
}

describe('i18n resources', () => {
  it('have exactly the same keys in de and en, at every depth', () => {
    expect(keys(en)).toEqual(keys(de))
    // The interface's own strings; what the stages say (messages, reasons, errors) and the help are checked against the code below.
    const {details, parallel, reader, cli} = de
    expect(keys({details, parallel, reader, cli})).toEqual([
      'cli.align.confidence',
      'cli.align.dryRun',
      'cli.align.noPair',
      'cli.align.skipped',
      'cli.align.status',
      'cli.align.stored',
      'cli.align.summary',
      'cli.checkSkipped',
      'cli.checkSkipped_other',
      'cli.checked',
      'cli.checked_other',
      'cli.clean.kept',
      'cli.clean.keptNoRecord',
      'cli.clean.removed',
      'cli.clean.summary',
      'cli.clean.summary_other',
      'cli.clean.wouldRemove',
      'cli.clean.wouldRemoveHarvested',
      'cli.files',
      'cli.files_other',
      'cli.glossary.added',
      'cli.glossary.candidates',
      'cli.glossary.candidates_other',
      'cli.glossary.created',
      'cli.glossary.deleted',
      'cli.glossary.deleted_other',
      'cli.glossary.entries',
      'cli.glossary.entries_other',
      'cli.glossary.kept',
      'cli.glossary.lintClean',
      'cli.glossary.lintClean_other',
      'cli.glossary.syncBroken',
      'cli.glossary.syncEmpty',
      'cli.glossary.syncNeedsKey',
      'cli.harvested',
      'cli.harvested_other',
      'cli.imported',
      'cli.interrupt.quit',
      'cli.interrupt.saved',
      'cli.interrupt.stopping',
      'cli.jsonNeedsDryRun',
      'cli.memoryMergeUsage',
      'cli.memoryWait',
      'cli.memoryWaitUnknown',
      'cli.noFiles',
      'cli.notInProject',
      'cli.notMarkdown',
      'cli.pairsAdded',
      'cli.pairsAdded_other',
      'cli.partsBilled',
      'cli.plan.characters',
      'cli.plan.charactersInRequests',
      'cli.plan.charactersInRequests_other',
      'cli.plan.cost',
      'cli.plan.file',
      'cli.plan.memoryHits',
      'cli.plan.price',
      'cli.plan.requests',
      'cli.plan.segments',
      'cli.plan.segmentsToTranslate',
      'cli.plan.segmentsToTranslate_other',
      'cli.plan.toTranslate',
      'cli.plan.total',
      'cli.plan.total_other',
      'cli.progress.answered',
      'cli.progress.bar',
      'cli.progress.rateLimited',
      'cli.progress.retryLine',
      'cli.progress.retryNote',
      'cli.progress.seconds',
      'cli.progress.sofar',
      'cli.progress.sofarOf',
      'cli.progress.unavailable',
      'cli.quota.again',
      'cli.quota.deepl',
      'cli.quota.files',
      'cli.quota.files_other',
      'cli.quota.left',
      'cli.quota.openai',
      'cli.quota.segments',
      'cli.quota.segments_other',
      'cli.rekeySkipped',
      'cli.rekeyed',
      'cli.rekeyed_other',
      'cli.severity.error',
      'cli.severity.info',
      'cli.severity.warning',
      'cli.site',
      'cli.site_other',
      'cli.stalePostEdits',
      'cli.stalePostEdits_other',
      'cli.status.glossaryChanged',
      'cli.status.notBuilt',
      'cli.status.orphan',
      'cli.status.orphanPostEdited',
      'cli.status.postEditing',
      'cli.status.sends',
      'cli.status.sendsNothing',
      'cli.status.sourceAndGlossaryChanged',
      'cli.status.sourceChanged',
      'cli.status.stale',
      'cli.status.staleLine',
      'cli.status.stale_other',
      'cli.status.summary',
      'cli.status.summary_other',
      'cli.status.toHarvest',
      'cli.status.toHarvest_other',
      'cli.status.unpaired',
      'cli.status.upToDate',
      'cli.suggestAdded',
      'cli.suggestAdded_other',
      'cli.suggested',
      'cli.suggested_other',
      'cli.tbxExported',
      'cli.tbxExported_other',
      'cli.tbxImported',
      'cli.tmxExported',
      'cli.tmxExported_other',
      'cli.tmxImported',
      'cli.tokens.cost',
      'cli.tokens.input',
      'cli.tokens.output',
      'cli.tokens.price',
      'cli.tokens.progressCost',
      'cli.translated',
      'cli.translated_other',
      'cli.xliffExported',
      'cli.xliffExported_other',
      'cli.xliffImported',
      'details.heading',
      'details.labels.cause',
      'details.labels.incident',
      'details.labels.place',
      'details.labels.sources',
      'parallel.generated',
      'parallel.source',
      'parallel.stale',
      'parallel.staleKept',
      'parallel.target',
      'reader.aligned',
      'reader.alignedTitle',
      'reader.articles',
      'reader.columnSource',
      'reader.columnTarget',
      'reader.generated',
      'reader.generatedSite',
      'reader.glossaryWarnings',
      'reader.glossaryWarnings_other',
      'reader.image',
      'reader.intro',
      'reader.keys',
      'reader.kinds.org',
      'reader.kinds.person',
      'reader.kinds.place',
      'reader.kinds.term',
      'reader.missing',
      'reader.mix.human',
      'reader.mix.human_other',
      'reader.mix.import',
      'reader.mix.import_other',
      'reader.mix.missing',
      'reader.mix.missing_other',
      'reader.mix.mt',
      'reader.mix.mt_other',
      'reader.names',
      'reader.origin.human',
      'reader.origin.import',
      'reader.origin.mt',
      'reader.sentences',
      'reader.show',
      'reader.showBoth',
      'reader.showSource',
      'reader.showTarget',
      'reader.siteTitle',
      'reader.skipToText',
      'reader.stale',
      'reader.stalePostEdits',
      'reader.stalePostEdits_other',
      'reader.staleTitle',
      'reader.unsafeLink'
    ])
  })

  it('have only non-empty strings as leaves', () => {
    for (const resources of [de, en]) {
      for (const key of keys(resources)) {
        const value = key.split('.').reduce<unknown>((node, part) => (node as Record<string, unknown>)[part], resources)
        expect(typeof value === 'string' && value.trim() !== '', key).toBe(true)
      }
    }
  })

  it('use the same interpolation variables in both languages', () => {
    expect(interpolations(en)).toEqual(interpolations(de))
  })

  it('have distinct Details labels within each language', () => {
    expect(new Set(Object.values(de.details.labels)).size).toBe(4)
    expect(new Set(Object.values(en.details.labels)).size).toBe(4)
  })
})

describe('createI18n', () => {
  it('translates with plurals and interpolation, without HTML escaping', () => {
    const english = createI18n('en').t
    expect(english('cli.files', {count: 1, built: 1, unchanged: 0, failed: 0})).toBe('1 file: 1 built, 0 unchanged, 0 failed')
    expect(english('cli.files', {count: 3, built: 1, unchanged: 2, failed: 0})).toBe('3 files: 1 built, 2 unchanged, 0 failed')
    expect(english('cli.translated', {count: 2, characters: 1234})).toBe('2 segments translated (1234 characters billed)')
    expect(english('parallel.generated', {file: 'content/de/a&b.md'})).toBe(
      'generated by tandem from content/de/a&b.md; do not edit by hand'
    )
    const german = createI18n('de').t
    expect(german('cli.files', {count: 1, built: 0, unchanged: 0, failed: 1})).toBe('1 Datei: 0 gebaut, 0 unverändert, 1 fehlgeschlagen')
    expect(german('cli.files', {count: 2, built: 1, unchanged: 0, failed: 1})).toBe('2 Dateien: 1 gebaut, 0 unverändert, 1 fehlgeschlagen')
    expect(german('details.labels.place')).toBe('Ort')
  })

  it('defaults to English', () => {
    expect(createI18n().t('details.labels.place')).toBe('Location')
  })
})

describe('detailsLabels', () => {
  it('maps each written label back to its key', () => {
    expect([...detailsLabels('de')]).toEqual([
      ['Vorfall', 'incident'],
      ['Ursache', 'cause'],
      ['Ort', 'place'],
      ['Quellen', 'sources']
    ])
    expect([...detailsLabels('en')]).toEqual([
      ['Incident', 'incident'],
      ['Cause', 'cause'],
      ['Location', 'place'],
      ['Sources', 'sources']
    ])
    expect(detailsLabelByGerman.get('Quellen')).toBe('sources')
  })
})

describe('the phrases of src/ (what the stages say: vfile messages, the reasons in them, errors)', () => {
  const files = sourceFiles()
  const {calls, problems} = phraseCalls(files)

  it('are read from the source: each key and English is a literal', () => {
    expect(problems).toEqual([])
    // Enough calls that the scan plainly read the code (each rule id has at least one).
    expect(calls.length).toBeGreaterThan(200)
  })

  it('each have their English, word for word, as the `en` resource, a German one, and the values their placeholders name', () => {
    const wrong: string[] = []
    for (const call of calls) {
      if (resource(en, call.key) !== call.english) wrong.push(`${call.at}: en ${call.key} is ${JSON.stringify(resource(en, call.key))}, the code says ${JSON.stringify(call.english)}`)
      const german = resource(de, call.key)
      if (typeof german !== 'string' || german.trim() === '') wrong.push(`${call.at}: no de ${call.key}`)
      if (call.params && call.params.join() !== placeholders(call.english).join()) {
        wrong.push(`${call.at}: ${call.key} has placeholders ${placeholders(call.english).join(', ')} but values for ${call.params.join(', ')}`)
      }
    }
    expect(wrong).toEqual([])
  })

  it('use every resource of messages, reasons and errors (none is left behind by a changed call)', () => {
    const used = new Set(calls.map((call) => call.key))
    const {messages, reasons, errors} = en
    expect(keys({messages, reasons, errors}).filter((key) => !used.has(key))).toEqual([])
  })

  it('give every rule id a message in both languages, and make every vfile message through fileMessage', () => {
    const rules = new Set(calls.filter((call) => call.key.startsWith('messages.')).map((call) => call.key.split('.')[1]))
    for (const rule of rules) {
      expect(resource(en, `messages.${rule}`), rule).toBeDefined()
      expect(resource(de, `messages.${rule}`), rule).toBeDefined()
      expect(rule).toMatch(/^[a-z0-9]+(-[a-z0-9]+)*$/)
    }
    // The importer documents its rule ids as constants; each is one of them.
    for (const rule of Object.values(ruleIds)) expect(rules, rule).toContain(rule)
    expect(rules.size).toBeGreaterThan(60)
    expect(bypassingMessages(files)).toEqual([])
    // And the check would see one that bypassed it.
    const bypass = parse('glossary/x.ts', "file.message('oops', {ruleId: 'x'})\nfile.fail('no')\n")
    expect(bypassingMessages([{file: 'glossary/x.ts', source: bypass}])).toHaveLength(3)
  })

  it('say the same English through i18next as in the reason, and German that is German', () => {
    const english = createI18n('en')
    const german = createI18n('de')
    for (const call of calls) {
      // Values with what i18next could take for markup of its own.
      const params = Object.fromEntries(placeholders(call.english).map((name, index) => [name, index % 2 ? `$t(${name}) {{x}}` : index * 7]))
      const said = phrase(call.key, call.english, params)
      expect(say(english, said), call.at).toBe(englishText(said))
      const words = call.english.replace(/\{\{\w+\}\}/g, '')
      if (!isFormatting(words)) expect(say(german, said), call.at).not.toBe(englishText(said))
    }
  })

  it('nest: a reason inside a message is said in the same language', () => {
    const reason = phrase('messages.glossary-unmatchable', '`{{de}}` {{problem}}, so it would never match', {
      de: 'Kim-',
      problem: phrase('reasons.unmatchable.punctuation', 'starts or ends with punctuation')
    })
    expect(say(createI18n('en'), reason)).toBe('`Kim-` starts or ends with punctuation, so it would never match')
    expect(say(createI18n('de'), reason)).toBe('`Kim-` beginnt oder endet mit einem Satzzeichen und würde daher nie gefunden')
  })

  it('are reported by rule id: German text, the same rule id and place, English exactly the reason', () => {
    const file = new VFile({path: '/project/content/de/a.md'})
    fileMessage(file, 'error', phrase('messages.empty-file.source', 'the file is empty'), {line: 1, column: 1})
    fileMessage(file, 'warning', phrase('messages.crlf', 'the file has CR or CRLF line endings; they are read as LF'), {line: 3, column: 7})
    // A message of another plugin keeps its reason.
    file.info('a note of another plugin', {place: {line: 4, column: 1}, ruleId: 'other', source: 'remark-lint'})
    expect(formatMessages([file], '/project').split('\n')).toEqual([
      'content/de/a.md:1:1  error  the file is empty  empty-file',
      'content/de/a.md:3:7  warning  the file has CR or CRLF line endings; they are read as LF  crlf',
      'content/de/a.md:4:1  info  a note of another plugin  other'
    ])
    expect(formatMessages([file], '/project', createI18n('de')).split('\n')).toEqual([
      'content/de/a.md:1:1  Fehler  die Datei ist leer  empty-file',
      'content/de/a.md:3:7  Warnung  die Datei hat CR- oder CRLF-Zeilenenden; sie werden als LF gelesen  crlf',
      'content/de/a.md:4:1  Hinweis  a note of another plugin  other'
    ])
    expect(() => fileMessage(file, 'error', phrase('reasons.json.value', 'expected a value'))).toThrow(/messages\.<ruleId>/)
  })
})

describe('what the CLI prints', () => {
  const cli = sourceFiles().filter(({file}) => file.startsWith('cli/'))

  it('is never a string literal of its own: text comes from the resources, literals are only formatting', () => {
    expect(cli.length).toBeGreaterThan(10)
    expect(untranslatedPrints(cli)).toEqual([])
  })

  it('is checked so that a new `io.stderr(\'some English\')`, or English reached through a constant or a function, fails', () => {
    const source = parse(
      'cli/x.ts',
      [
        "io.stderr('some English')",
        'const line = `removed ${files}`',
        'io.stdout(line)',
        "function why(): string { return error ? 'rate-limited' : 'no answer' }",
        ';(io.report ?? io.stderr)(`tandem: ${why()}`)',
        "program.command('x').description('does a thing').option('--dry-run', 'send nothing')",
        "throw new TandemError(`${file} is not Markdown`)",
        // Allowed: translated text, formatting, paths and numbers.
        "io.stderr(`tandem: ${ui.t('cli.noFiles', {dir})}`)",
        "io.stdout([entry.de, entry.en].join('\\t'))",
        "io.stdout('| ---: | --- |')",
        'io.stdout(`${status.file}:${line}:${column}  ${t(key)}`)',
        "io.stdout(`${name}.md`)"
      ].join('\n')
    )
    const found = untranslatedPrints([{file: 'cli/x.ts', source}]).map((line) => line.replace(/^cli\/x\.ts:\d+:\d+: /, ''))
    expect(found.sort()).toEqual([
      '"does a thing"',
      '"no answer"',
      '"rate-limited"',
      '"send nothing"',
      '"some English"',
      '"`${file} is not Markdown`"',
      '"`removed ${files}`"'
    ].sort())
  })
})

describe('tandem --ui de', () => {
  const memory = memoryFile([memoryRecord('Die Truppen', 'The troops'), memoryRecord('Der Krieg', 'The war')])

  it('build: a bad front matter in German, at the same place and with the same rule id as in English', async () => {
    const project = await createProject({
      files: {'content/de/a.md': '---\ntitle: [offen\n---\n\n# Die Truppen\n', 'content/de/b.md': '---\ntitle: 42\n---\n\n# Die Truppen\n', 'memory/de-en.jsonl': memory}
    })
    const english = await project.cli(['build'])
    const german = await project.cli(['--ui', 'de', 'build'])
    expect(german.code).toBe(1)
    expect(english.code).toBe(1)
    const yaml = /^content\/de\/a\.md:(\d+:\d+)  error  the front matter is not valid YAML: (.+)  frontmatter-yaml$/.exec(english.stderr[0] ?? '')
    expect(yaml).not.toBeNull()
    const [, place, reason] = yaml ?? []
    expect(german.stderr).toEqual([
      // The yaml library's own words stay English inside the German sentence.
      `content/de/a.md:${place}  Fehler  das Front Matter ist kein gültiges YAML: ${reason}  frontmatter-yaml`,
      'content/de/b.md:2:8  Fehler  `title` muss ein Text sein, nicht eine Zahl; setzen Sie ihn in Anführungszeichen (`title: "42"`), damit er übersetzt wird  frontmatter-not-a-string',
      '2 Dateien: 0 gebaut, 0 unverändert, 2 fehlgeschlagen'
    ])
    expect(english.stderr.slice(1)).toEqual([
      'content/de/b.md:2:8  error  `title` must be a string, not a number; quote it (`title: "42"`) to have it translated  frontmatter-not-a-string',
      '2 files: 0 built, 0 unchanged, 2 failed'
    ])
  })

  it('clean --dry-run: what would be removed and what is kept, in German', async () => {
    const project = await createProject({files: {'content/de/a.md': '# Die Truppen\n', 'content/de/b.md': '# Der Krieg\n', 'memory/de-en.jsonl': memory}})
    expect((await project.cli(['build'])).code).toBe(0)
    await project.write('content/en/b.md', (await project.read('content/en/b.md')).replace('The war', 'The War'))
    await rm(path.join(project.root, 'content/de/a.md'))
    await rm(path.join(project.root, 'content/de/b.md'))
    expect(await project.cli(['--ui', 'de', 'clean', '--dry-run'])).toEqual({
      code: 0,
      stdout: ['würde content/en/a.md, content/parallel/a.md, memory/written/a.md.json entfernen'],
      stderr: ['content/en/b.md: behalten, sie enthält Nachbearbeitungen und content/de/b.md fehlt; `tandem clean --force` speichert sie im Speicher und entfernt die Datei dann']
    })
    expect((await project.cli(['--ui', 'de', 'clean'])).stderr.at(-1)).toBe('1 von 2 verwaisten Ausgaben entfernt')
  })

  it('memory rekey: the summary and the segments not carried over, in German', async () => {
    const stale = {...memoryRecord('Die Truppen', 'The troops'), key: 'f'.repeat(64)}
    const project = await createProject({files: {'content/de/a.md': '# Die Truppen\n\nEin neuer Absatz.\n', 'memory/de-en.jsonl': memoryFile([stale])}})
    expect(await project.cli(['--ui', 'de', 'memory', 'rekey'])).toEqual({
      code: 0,
      stdout: [],
      stderr: [
        'content/de/a.md:3:1  Hinweis  nicht neu verschlüsselt: der Speicher hat unter keinem Schlüssel eine Übersetzung dieses Deutschs; ein Build übersetzt es  rekey-no-translation',
        '1 Übersetzung in memory/de-en.jsonl neu verschlüsselt; 1 nicht übernommen (oben aufgeführt, mit dem Grund)'
      ]
    })
  })

  it('interchange: an XLIFF that is none, and an export, in German', async () => {
    const project = await createProject({files: {'content/de/a.md': '# Die Truppen\n', 'memory/de-en.jsonl': memory, 'a.xlf': '<?xml version="1.0"?>\n<foo/>\n'}})
    expect(await project.cli(['--ui', 'de', 'xliff', 'import', 'a.xlf'])).toEqual({
      code: 1,
      stdout: [],
      stderr: ['a.xlf:2:1  Fehler  keine XLIFF-Datei: das Wurzelelement ist `<foo>`, nicht `<xliff>`  xliff-root']
    })
    expect(await project.cli(['--ui', 'de', 'xliff', 'export', 'content/de/a.md', '-o', 'b.xlf'])).toEqual({
      code: 0,
      stdout: [],
      stderr: ['1 Einheit nach b.xlf geschrieben (1 Artikel)']
    })
  })

  it('help and commander’s errors: descriptions, headings and usage errors in German', async () => {
    const project = await createProject({files: {'content/de/a.md': '# Die Truppen\n'}})
    const help = await project.cli(['--ui', 'de', 'build', '--help'])
    expect(help.code).toBe(0)
    expect(help.stdout).toContain('Aufruf: tandem build [options] [files...]')
    expect(help.stdout).toContain('Optionen:')
    // commander wraps descriptions to the terminal's width.
    const text = help.stdout.join('\n').replace(/\s+/g, ' ')
    expect(text).toContain('--dry-run zählt Segmente, Treffer im Speicher, Zeichen, Anfragen und Kosten je Datei; schickt nichts')
    expect(text).toContain('--provider <name> wer die Lücken übersetzt (Vorgabe: deepl) (Auswahl: "deepl", "openai")')
    expect(text).toContain('-h, --help zeigt die Hilfe zum Befehl')
    expect(await project.cli(['--ui', 'de', 'bauen'])).toEqual({code: 2, stdout: [], stderr: ["Fehler: unbekannter Befehl 'bauen'"]})
    expect(await project.cli(['--ui', 'de', 'build', '--price', 'x'])).toEqual({
      code: 2,
      stdout: [],
      stderr: ["Fehler: der Wert 'x' der Option '--price <euros>' ist ungültig: erwartet wird eine Zahl über 0"]
    })
    // A --ui that is none: the locale says the language of the complaint.
    expect((await project.cli(['--ui', 'fr', 'status'], {LANG: 'de_DE.UTF-8'})).stderr).toEqual(["Fehler: der Wert 'fr' der Option '--ui <lang>' ist ungültig: erlaubt sind en, de"])
    expect((await project.cli(['--ui', 'fr', 'status'])).stderr).toEqual(["error: option '--ui <lang>' argument 'fr' is invalid. Allowed choices are en, de."])
    // English help and errors are commander's own words.
    expect((await project.cli(['build', '--help'])).stdout).toContain('Usage: tandem build [options] [files...]')
    expect((await project.cli(['bauen'])).stderr).toEqual(["error: unknown command 'bauen'"])
  })
})

describe('the interface language', () => {
  it('is --ui, else the config file’s `ui`, else the locale, else English', async () => {
    const project = await createProject({files: {'content/de/a.md': '# Die Truppen\n', 'memory/de-en.jsonl': memoryFile([memoryRecord('Die Truppen', 'The troops')]), 'tandem.config.json': '{"ui": "de"}\n'}})
    expect((await project.cli(['build'])).stderr).toEqual(['1 Datei: 1 gebaut, 0 unverändert, 0 fehlgeschlagen'])
    expect((await project.cli(['build'], {LANG: 'en_US.UTF-8'})).stderr).toEqual(['1 Datei: 0 gebaut, 1 unverändert, 0 fehlgeschlagen'])
    expect((await project.cli(['--ui', 'en', 'build'])).stderr).toEqual(['1 file: 0 built, 1 unchanged, 0 failed'])
    await project.write('tandem.config.json', '{"glossary": "optional", "ui": "en"}\n')
    expect((await project.cli(['build'], {LANG: 'de_DE.UTF-8'})).stderr).toEqual(['1 file: 0 built, 1 unchanged, 0 failed'])
    await project.write('tandem.config.json', '{"glossary": "optional"}\n')
    expect((await project.cli(['build'], {LANG: 'de_DE.UTF-8'})).stderr).toEqual(['1 Datei: 0 gebaut, 1 unverändert, 0 fehlgeschlagen'])
    expect((await project.cli(['build'])).stderr).toEqual(['1 file: 0 built, 1 unchanged, 0 failed'])
  })

  it('is German for errors that stop a command, a broken config file’s included', async () => {
    const outside = await mkdtemp(path.join(os.tmpdir(), 'tandem-nowhere-'))
    const stderr: string[] = []
    const code = await main(['--ui', 'de', 'status'], {cwd: outside, env: {}, stdout: () => {}, stderr: (text) => stderr.push(text)})
    await rm(outside, {recursive: true})
    expect(code).toBe(2)
    expect(stderr).toEqual([
      `tandem: nicht in einem tandem-Projekt: weder ${outside} noch ein Ordner darüber hat tandem.config.json oder content/de; legen Sie content/de (oder tandem.config.json) an, um eines zu beginnen`
    ])
    const project = await createProject({files: {'content/de/a.md': '# Die Truppen\n', 'tandem.config.json': '{"concurrency": 0, "ui": "de"}\n'}})
    const broken = await project.cli(['build'])
    expect(broken.code).toBe(2)
    expect(broken.stderr).toHaveLength(1)
    expect(broken.stderr[0]).toMatch(/^tandem: tandem\.config\.json:1:\d+: `concurrency` muss eine ganze Zahl von mindestens 1 sein, nicht `0`$/)
  })
})
