import type {i18n} from 'i18next'
import {deeplGlossaryName} from '../glossary/deepl-glossary-name.ts'
import {build} from '../pipeline/build.ts'
import {DEFAULTS} from '../core/defaults.ts'
import {BuildInterruptedError} from '../core/errors.ts'
import {costOf, estimate, type Estimate, type Figures} from '../pipeline/estimate.ts'
import {openProject} from '../pipeline/project.ts'
import {DeepLProvider, deeplOptionsFromEnvironment} from '../providers/deepl.ts'
import {ProviderAuthorizationError, ProviderQuotaError} from '../providers/errors.ts'
import {RequestScheduler} from '../providers/scheduler.ts'
import {EXIT, lockWaitLine, reportFiles, type CliIo} from './io.ts'
import {createProgressDisplay, type ProgressDisplay} from './progress.ts'

export interface BuildCommandOptions {
  targetLang?: string
  serverUrl?: string
  /** Requests in flight at once (and files read at once). */
  concurrency?: number
  /** Count what would be sent, send nothing. */
  dryRun?: boolean
  /** With `dryRun`: the figures as JSON on stdout. */
  json?: boolean
  /** Price per million billed characters, for the cost figures (default: `DEFAULTS.price.perMillion`). */
  price?: number
  /** Timeout of one request in ms (default: `DEFAULTS.deepl.timeoutMs`). */
  timeout?: number
  /** First wait before a retry in ms (default: `DEFAULTS.retry.initialDelayMs`). */
  retryDelay?: number
}

export async function runBuild(files: string[], options: BuildCommandOptions, io: CliIo, ui: i18n): Promise<number> {
  const project = await openProject({
    root: io.cwd,
    ...(files.length > 0 ? {files} : {}),
    settings: {
      targetLang: options.targetLang,
      concurrency: options.concurrency,
      deepl: {timeoutMs: options.timeout},
      retry: {initialDelayMs: options.retryDelay},
      price: {perMillion: options.price}
    }
  })
  const {settings} = project
  const price = settings.price.perMillion
  if (options.dryRun) {
    const counted = await estimate({project})
    const exitCode = reportFiles([counted.glossary, ...counted.failed], io)
    if (options.json) io.stdout(JSON.stringify(estimateJson(counted, price), null, 2))
    else io.stdout(formatEstimate(counted, price))
    return exitCode
  }
  if (options.json) {
    io.stderr('tandem: --json goes with --dry-run')
    return EXIT.fatal
  }

  const deeplOptions = deeplOptionsFromEnvironment(io.env, {
    sourceLang: settings.sourceLang,
    targetLang: settings.targetLang,
    ...(options.serverUrl ? {serverUrl: options.serverUrl} : {}),
    minTimeout: settings.deepl.timeoutMs
  })
  let display: ProgressDisplay | undefined
  let provider: DeepLProvider | undefined
  if (deeplOptions) {
    // The glossary `tandem glossary sync` made from today's names file; the provider looks it up on its first miss.
    deeplOptions.glossaryName = deeplGlossaryName(project.glossaryHash)
    const scheduler = new RequestScheduler({...settings.retry, maxInFlight: settings.concurrency, onRetry: (event) => display?.retry(event)})
    provider = new DeepLProvider({...deeplOptions, scheduler})
  }
  const progress = provider ? io.progress : undefined
  // Ctrl-C: the first stops sending and lets the build store what is in flight and write what is complete; a second quits.
  const stopping = new AbortController()
  const stopListening = io.interrupts?.(() => {
    if (!stopping.signal.aborted) {
      stopping.abort(new BuildInterruptedError())
      const note = ui.t('cli.interrupt.stopping', {seconds: Math.round(settings.deepl.timeoutMs / 1000)})
      if (display) display.note(note)
      else io.stderr(`tandem: ${note}`)
      return
    }
    // Appends are whole lines, so the memory is consistent; the bar's exit hook restores the terminal.
    display?.stop()
    io.stderr(`tandem: ${ui.t('cli.interrupt.quit', {memory: settings.memoryPath})}`)
    process.exit(EXIT.interrupted)
  })
  let result
  try {
    result = await build({
      project,
      keepFileData: false,
      site: {ui: ui.language === 'de' ? 'de' : 'en'},
      ...(provider ? {provider} : {}),
      // The plan is known before anything is sent: a terminal gets a bar with its total, a log plain lines.
      ...(progress ? {onPlan: (total: Figures) => void (display = startProgress(progress, total, price))} : {}),
      onProgress: (answer) => display?.update(answer),
      onMemoryWait: (wait) => io.stderr(lockWaitLine(wait, io, ui)),
      signal: stopping.signal
    })
  } finally {
    stopListening?.()
    display?.stop()
  }

  const exitCode = reportFiles([result.glossary, ...(result.memory ? [result.memory] : []), ...result.files.map((built) => built.file)], io)
  const built = result.files.filter((file) => file.ok)
  const unchanged = built.filter((file) => file.written.length === 0).length
  const failed = result.files.length - built.length
  if (result.files.length === 0 && exitCode === EXIT.ok) io.stderr(ui.t('cli.noFiles', {dir: DEFAULTS.sourceDir}))
  const summary = [ui.t('cli.built', {count: built.length}), ui.t('cli.unchanged', {count: unchanged})]
  if (result.translated > 0) summary.push(ui.t('cli.translated', {count: result.translated, characters: result.billedCharacters}))
  if (failed > 0) summary.push(ui.t('cli.failed', {count: failed}))
  io.stderr(summary.join(', '))
  if (stopping.signal.aborted) {
    const saved = {translations: result.translated, memory: settings.memoryPath, written: built.length, files: result.files.length}
    io.stderr(`tandem: ${ui.t('cli.interrupt.saved', saved)}`)
    return EXIT.interrupted
  }
  if (result.stoppedBy instanceof ProviderQuotaError) {
    // Everything received is in the memory now: what is left is the plan less what was answered.
    const left = {
      toTranslate: result.planned.toTranslate - result.translated,
      billedCharacters: result.planned.billedCharacters - result.billedCharacters,
      files: result.files.filter((file) => !file.ok).length
    }
    io.stderr(quotaMessage(left, project.settings.memoryPath, price))
    return EXIT.quota
  }
  if (result.stoppedBy instanceof ProviderAuthorizationError) return EXIT.fatal
  return exitCode
}

/** A bar with the plan's total on a terminal, plain lines in a log; nothing when nothing is sent. */
function startProgress(stream: NonNullable<CliIo['progress']>, total: Figures, price: number): ProgressDisplay | undefined {
  if (total.toTranslate === 0) return undefined
  if (!stream.isTTY) return createProgressDisplay(stream)
  stream.write(`${sends(total)}, ${money(costOf(total.billedCharacters, price))}\n`)
  return createProgressDisplay(stream, {segments: total.toTranslate, billedCharacters: total.billedCharacters})
}

function quotaMessage(left: {toTranslate: number; billedCharacters: number; files: number}, memoryPath: string, price: number): string {
  const files = left.files === 1 ? '1 file' : `${left.files} files`
  return [
    `DeepL's character quota is used up. Still to translate: ${left.toTranslate} segments, ${left.billedCharacters} characters`,
    `(${money(costOf(left.billedCharacters, price))}) in ${files}.`,
    `Every translation received is kept in ${memoryPath}; when the quota renews, or with another key,`,
    'run `tandem build` again: it sends only what is missing (`tandem build --dry-run` counts it).'
  ].join(' ')
}

/** "12 segments to translate, 3456 characters in 2 requests". */
export function sends(figures: Figures): string {
  const segments = figures.toTranslate === 1 ? 'segment' : 'segments'
  const requests = figures.requests === 1 ? 'request' : 'requests'
  return `${figures.toTranslate} ${segments} to translate, ${figures.billedCharacters} characters in ${figures.requests} ${requests}`
}

/** A cost in euros, to the cent, or finer below one euro. */
export function money(amount: number): string {
  return `€${amount.toFixed(amount !== 0 && amount < 1 ? 4 : 2)}`
}

/** The dry-run table: one row per file, then the total. */
export function formatEstimate(counted: Estimate, price: number): string {
  const header = ['file', 'segments', 'memory hits', 'to translate', 'characters', 'requests', `cost (${DEFAULTS.price.currency})`]
  const row = (name: string, figures: Figures) => [
    name,
    String(figures.segments),
    String(figures.memoryHits),
    String(figures.toTranslate),
    String(figures.billedCharacters),
    String(figures.requests),
    money(costOf(figures.billedCharacters, price)).slice(1)
  ]
  const rows = [header, ...counted.files.map((file) => row(file.file, file)), row(`total (${counted.total.files} ${counted.total.files === 1 ? 'file' : 'files'})`, counted.total)]
  const widths = header.map((_, column) => Math.max(...rows.map((cells) => (cells[column] ?? '').length)))
  const lines = rows.map((cells) =>
    cells.map((cell, column) => (column === 0 ? cell.padEnd(widths[column] ?? 0) : cell.padStart(widths[column] ?? 0))).join('  ')
  )
  lines.push(`cost at €${price} per million billed characters (DeepL API Pro's usage price; set another with --price)`)
  return lines.join('\n')
}

function estimateJson(counted: Estimate, price: number) {
  const withCost = (figures: Figures) => ({
    segments: figures.segments,
    memoryHits: figures.memoryHits,
    toTranslate: figures.toTranslate,
    billedCharacters: figures.billedCharacters,
    requests: figures.requests,
    cost: round(costOf(figures.billedCharacters, price))
  })
  return {
    files: counted.files.map((file) => ({file: file.file, ...withCost(file)})),
    total: {files: counted.total.files, ...withCost(counted.total)},
    pricePerMillion: price,
    currency: DEFAULTS.price.currency
  }
}

function round(amount: number): number {
  return Math.round(amount * 1e6) / 1e6
}
