import type {i18n, TFunction} from 'i18next'
import {deeplGlossaryName} from '../glossary/deepl-glossary-name.ts'
import {build} from '../pipeline/build.ts'
import {createI18n} from '../i18n/index.ts'
import {DEFAULTS, type Settings} from '../core/defaults.ts'
import type {Formality} from '../core/languages.ts'
import {BuildInterruptedError, TandemError} from '../core/errors.ts'
import {costOf, estimate, type Estimate, type Figures} from '../pipeline/estimate.ts'
import {openProject} from '../pipeline/project.ts'
import {DeepLProvider, deeplOptionsFromEnvironment} from '../providers/deepl.ts'
import {OpenAIProvider, openaiLimits, openaiOptionsFromEnvironment} from '../providers/openai.ts'
import type {Provider} from '../providers/provider.ts'
import {ProviderAuthorizationError, ProviderQuotaError} from '../providers/errors.ts'
import {RequestScheduler} from '../providers/scheduler.ts'
import {authorOption, EXIT, lockWaitLine, reportFiles, type CliIo} from './io.ts'
import {createProgressDisplay, type ProgressDisplay} from './progress.ts'

export interface BuildCommandOptions {
  targetLang?: string
  /** DeepL's `formality` (default: `DEFAULTS.formality`). */
  formality?: Formality
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
  /** Recorded on harvested post-edits (default: git's `user.name`). */
  author?: string
  /** Keep a stale post-edit in the English edition instead of the new translation. */
  keepStale?: boolean
  /** Overwrite English editions that cannot be paired, once what pairs is harvested. */
  force?: boolean
  /** Who translates (default: `DEFAULTS.provider`). */
  provider?: Settings['provider']
  /** The LLM, with `--provider openai` (default: `DEFAULTS.openai.model`). */
  model?: string
  /** The OpenAI-compatible server, over `OPENAI_BASE_URL` (default: `DEFAULTS.openai.baseUrl`). */
  baseUrl?: string
  temperature?: number
}

export async function runBuild(files: string[], options: BuildCommandOptions, io: CliIo, ui: i18n): Promise<number> {
  // A plain-text article parsed as Markdown would be billed and written as nonsense.
  const notMarkdown = files.find((file) => !file.toLowerCase().endsWith('.md'))
  if (notMarkdown) throw new TandemError(ui.t('cli.notMarkdown', {file: notMarkdown}))
  const project = await openProject({
    root: io.cwd,
    ...(files.length > 0 ? {files} : {}),
    settings: {
      targetLang: options.targetLang,
      formality: options.formality,
      concurrency: options.concurrency,
      deepl: {timeoutMs: options.timeout},
      retry: {initialDelayMs: options.retryDelay},
      price: {perMillion: options.price},
      provider: options.provider,
      openai: {model: options.model, temperature: options.temperature, ...(options.timeout ? {timeoutMs: options.timeout} : {})}
    }
  })
  const {settings} = project
  const price = settings.price.perMillion
  if (options.dryRun) {
    const llm = settings.provider === 'openai'
    const counted = await estimate({project, ...(llm ? {limits: openaiLimits(settings.openai)} : {})})
    const exitCode = reportFiles([counted.glossary, ...counted.failed, ...counted.editions], io, ui)
    if (options.json) io.stdout(JSON.stringify(llm ? tokenEstimateJson(counted, settings) : estimateJson(counted, price), null, 2))
    else io.stdout(llm ? formatTokenEstimate(counted, settings, ui.t) : formatEstimate(counted, price, ui.t))
    return exitCode
  }
  if (options.json) {
    io.stderr(`tandem: ${ui.t('cli.jsonNeedsDryRun')}`)
    return EXIT.fatal
  }

  let display: ProgressDisplay | undefined
  const scheduler = new RequestScheduler({...settings.retry, maxInFlight: settings.concurrency, onRetry: (event) => display?.retry(event)})
  const provider = createProvider(settings, io.env, {scheduler, glossaryHash: project.glossaryHash, ...(options.serverUrl ? {serverUrl: options.serverUrl} : {}), ...(options.baseUrl ? {baseUrl: options.baseUrl} : {})})
  const progress = provider ? io.progress : undefined
  const {t} = ui
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
      ...(progress ? {onPlan: (total: Figures) => void (display = startProgress(progress, total, planCost(total, settings, t), ui))} : {}),
      onProgress: (answer) => display?.update(answer),
      onMemoryWait: (wait) => io.stderr(lockWaitLine(wait, io, ui)),
      postEdits: {
        ...authorOption(options.author, project.root),
        ...(options.keepStale ? {keepStale: true} : {}),
        ...(options.force ? {force: true} : {})
      },
      signal: stopping.signal
    })
  } finally {
    stopListening?.()
    display?.stop()
  }

  const exitCode = reportFiles(
    [result.glossary, ...(result.memory ? [result.memory] : []), ...result.files.map((built) => built.file), ...result.editions],
    io,
    ui
  )
  if (result.files.length === 0 && exitCode === EXIT.ok) io.stderr(ui.t('cli.noFiles', {dir: DEFAULTS.sourceDir}))
  const summary = [ui.t('cli.files', fileCounts(result.files))]
  if (result.translated > 0) summary.push(ui.t('cli.translated', {count: result.translated, characters: result.billedCharacters}))
  // Pieces of a split paragraph are no segment until all are in: say what they cost, count none.
  else if (result.billedCharacters > 0) summary.push(ui.t('cli.partsBilled', {characters: result.billedCharacters}))
  if (result.harvested > 0) summary.push(ui.t('cli.harvested', {count: result.harvested}))
  if (result.stale > 0) summary.push(ui.t('cli.stalePostEdits', {count: result.stale}))
  io.stderr(summary.join('; '))
  if (stopping.signal.aborted) {
    const saved = {translations: result.translated, memory: settings.memoryPath, written: result.files.filter((file) => file.ok).length, files: result.files.length}
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
    // Why the build stopped, and how to go on: kept with --quiet, like the file reports.
    ;(io.report ?? io.stderr)(quotaMessage(left, project.settings.memoryPath, price, settings.provider, t))
    return EXIT.quota
  }
  if (result.stoppedBy instanceof ProviderAuthorizationError) return EXIT.fatal
  return exitCode
}

/**
 * Each file in exactly one part, so that built + unchanged + failed = count: built when it wrote an output,
 * unchanged when it had nothing to write, failed when it was not built.
 */
export function fileCounts(files: ReadonlyArray<{ok: boolean; written: readonly unknown[]}>): {count: number; built: number; unchanged: number; failed: number} {
  const ok = files.filter((file) => file.ok)
  const unchanged = ok.filter((file) => file.written.length === 0).length
  return {count: files.length, built: ok.length - unchanged, unchanged, failed: files.length - ok.length}
}

export interface ProviderChoice {
  scheduler: RequestScheduler
  /** sha256 of the names file: DeepL looks up the glossary `tandem glossary sync` made of it. */
  glossaryHash: string
  /** DeepL's server, over `DEEPL_SERVER_URL`. */
  serverUrl?: string
  /** The OpenAI-compatible server, over `OPENAI_BASE_URL`. */
  baseUrl?: string
}

/** The provider the settings pick, or none when its key is not set (then misses are reported, not sent). */
export function createProvider(settings: Settings, env: NodeJS.ProcessEnv, choice: ProviderChoice): Provider | undefined {
  const {scheduler} = choice
  if (settings.provider === 'openai') {
    const options = openaiOptionsFromEnvironment(env, settings.openai, {
      sourceLang: settings.sourceLang,
      targetLang: settings.targetLang,
      ...(choice.baseUrl ? {baseUrl: choice.baseUrl} : {})
    })
    return options ? new OpenAIProvider({...options, scheduler}) : undefined
  }
  const options = deeplOptionsFromEnvironment(env, {
    sourceLang: settings.sourceLang,
    targetLang: settings.targetLang,
    formality: settings.formality,
    ...(choice.serverUrl ? {serverUrl: choice.serverUrl} : {}),
    minTimeout: settings.deepl.timeoutMs
  })
  if (!options) return undefined
  // The glossary `tandem glossary sync` made from today's names file; the provider looks it up on its first miss.
  return new DeepLProvider({...options, glossaryName: deeplGlossaryName(choice.glossaryHash), scheduler})
}

/** What a plan costs, as the progress line shows it: billed characters for DeepL, estimated tokens for an LLM. */
function planCost(total: Figures, settings: Settings, t: TFunction): string {
  if (settings.provider === 'openai') return t('cli.tokens.progressCost', {cost: tokenCost(total, settings).toFixed(4)})
  return money(costOf(total.billedCharacters, settings.price.perMillion))
}

/** Cost of an LLM plan at the settings' token prices. */
export function tokenCost(figures: Pick<Figures, 'inputTokens' | 'outputTokens'>, settings: Pick<Settings, 'openai'>): number {
  return (figures.inputTokens * settings.openai.inputPricePerMillion + figures.outputTokens * settings.openai.outputPricePerMillion) / 1_000_000
}

/** The dry-run table for an LLM: estimated tokens instead of billed characters. */
export function formatTokenEstimate(counted: Estimate, settings: Pick<Settings, 'openai'>, t: TFunction = english): string {
  const header = [
    t('cli.plan.file'),
    t('cli.plan.segments'),
    t('cli.plan.memoryHits'),
    t('cli.plan.toTranslate'),
    t('cli.tokens.input'),
    t('cli.tokens.output'),
    t('cli.plan.requests'),
    t('cli.tokens.cost')
  ]
  const row = (name: string, figures: Figures) => [
    name,
    String(figures.segments),
    String(figures.memoryHits),
    String(figures.toTranslate),
    String(figures.inputTokens),
    String(figures.outputTokens),
    String(figures.requests),
    tokenCost(figures, settings).toFixed(4)
  ]
  const rows = [header, ...counted.files.map((file) => row(file.file, file)), row(t('cli.plan.total', {count: counted.total.files}), counted.total)]
  const lines = alignColumns(rows)
  const {inputPricePerMillion: input, outputPricePerMillion: output} = settings.openai
  lines.push(t('cli.tokens.price', {input, output}))
  return lines.join('\n')
}

function tokenEstimateJson(counted: Estimate, settings: Pick<Settings, 'openai'>) {
  const withCost = (figures: Figures) => ({
    segments: figures.segments,
    memoryHits: figures.memoryHits,
    toTranslate: figures.toTranslate,
    inputTokens: figures.inputTokens,
    outputTokens: figures.outputTokens,
    requests: figures.requests,
    cost: round(tokenCost(figures, settings))
  })
  return {
    files: counted.files.map((file) => ({file: file.file, ...withCost(file)})),
    total: {files: counted.total.files, ...withCost(counted.total)},
    inputPricePerMillion: settings.openai.inputPricePerMillion,
    outputPricePerMillion: settings.openai.outputPricePerMillion
  }
}

/** A bar with the plan's total on a terminal, plain lines in a log; nothing when nothing is sent. */
function startProgress(stream: NonNullable<CliIo['progress']>, total: Figures, cost: string, ui: i18n): ProgressDisplay | undefined {
  if (total.toTranslate === 0) return undefined
  if (!stream.isTTY) return createProgressDisplay(stream, undefined, ui)
  stream.write(`${sends(total, ui.t)}, ${cost}\n`)
  return createProgressDisplay(stream, {segments: total.toTranslate, billedCharacters: total.billedCharacters}, ui)
}

/** Why the build stopped, what is left, and that a build again sends only that. */
function quotaMessage(
  left: {toTranslate: number; billedCharacters: number; files: number},
  memoryPath: string,
  price: number,
  provider: Settings['provider'],
  t: TFunction
): string {
  const figures = {
    segments: t('cli.quota.segments', {count: left.toTranslate}),
    characters: left.billedCharacters,
    cost: money(costOf(left.billedCharacters, price)),
    files: t('cli.quota.files', {count: left.files})
  }
  return [t(provider === 'openai' ? 'cli.quota.openai' : 'cli.quota.deepl'), t('cli.quota.left', figures), t('cli.quota.again', {memory: memoryPath})].join(' ')
}

/** "12 segments to translate, 3456 characters in 2 requests", in the interface language. */
export function sends(figures: Figures, t: TFunction = english): string {
  return `${t('cli.plan.segmentsToTranslate', {count: figures.toTranslate})}, ${t('cli.plan.charactersInRequests', {characters: figures.billedCharacters, count: figures.requests})}`
}

const english = createI18n('en').t

/** A cost in euros, to the cent, or finer below one euro. */
export function money(amount: number): string {
  return `€${amount.toFixed(amount !== 0 && amount < 1 ? 4 : 2)}`
}

/** The dry-run table: one row per file, then the total. */
export function formatEstimate(counted: Estimate, price: number, t: TFunction = english): string {
  const header = [
    t('cli.plan.file'),
    t('cli.plan.segments'),
    t('cli.plan.memoryHits'),
    t('cli.plan.toTranslate'),
    t('cli.plan.characters'),
    t('cli.plan.requests'),
    t('cli.plan.cost', {currency: DEFAULTS.price.currency})
  ]
  const row = (name: string, figures: Figures) => [
    name,
    String(figures.segments),
    String(figures.memoryHits),
    String(figures.toTranslate),
    String(figures.billedCharacters),
    String(figures.requests),
    money(costOf(figures.billedCharacters, price)).slice(1)
  ]
  const rows = [header, ...counted.files.map((file) => row(file.file, file)), row(t('cli.plan.total', {count: counted.total.files}), counted.total)]
  const lines = alignColumns(rows)
  lines.push(t('cli.plan.price', {price}))
  return lines.join('\n')
}

/** A table's rows as lines: the first column to the left, the figures to the right, two spaces between. */
function alignColumns(rows: readonly string[][]): string[] {
  const widths = (rows[0] ?? []).map((_, column) => Math.max(...rows.map((cells) => (cells[column] ?? '').length)))
  return rows.map((cells) => cells.map((cell, column) => (column === 0 ? cell.padEnd(widths[column] ?? 0) : cell.padStart(widths[column] ?? 0))).join('  '))
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
