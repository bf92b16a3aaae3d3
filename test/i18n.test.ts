import {VFile} from 'vfile'
import {afterEach, describe, expect, it} from 'vitest'
import {englishText, fileMessage, phrase} from '../src/core/phrase.ts'
import {ruleIds} from '../src/import/constants.ts'
import {createI18n, detailsLabelByGerman, detailsLabels, say} from '../src/i18n/index.ts'
import {de, en} from '../src/i18n/resources.ts'
import {formatMessages} from '../src/cli/report.ts'
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
      'cli.tbxImported',
      'cli.tmxExported',
      'cli.tmxImported',
      'cli.tokens.cost',
      'cli.tokens.input',
      'cli.tokens.output',
      'cli.tokens.price',
      'cli.tokens.progressCost',
      'cli.translated',
      'cli.translated_other',
      'cli.xliffExported',
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
