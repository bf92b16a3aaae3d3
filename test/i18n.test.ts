import {describe, expect, it} from 'vitest'
import {createI18n, detailsLabelByGerman, detailsLabels} from '../src/i18n/index.ts'
import {de, en} from '../src/i18n/resources.ts'

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
    expect(keys(de)).toEqual([
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
      'cli.files',
      'cli.files_other',
      'cli.harvested',
      'cli.harvested_other',
      'cli.imported',
      'cli.interrupt.quit',
      'cli.interrupt.saved',
      'cli.interrupt.stopping',
      'cli.memoryMergeUsage',
      'cli.memoryWait',
      'cli.memoryWaitUnknown',
      'cli.noFiles',
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
