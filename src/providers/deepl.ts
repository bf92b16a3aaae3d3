// The only module that imports deepl-node; the rest of tandem sees the `Provider` interface.
import type * as deepl from 'deepl-node'
import {ConfigError} from '../core/errors.ts'
import {phrase} from '../core/phrase.ts'
import {deeplGlossaryPrefix} from '../glossary/deepl-glossary-name.ts'
import {definedOptions} from '../core/options.ts'
import {keepTag} from '../core/tagged-text.ts'
import {DEFAULTS} from '../core/defaults.ts'
import type {Formality} from '../core/languages.ts'
import {deeplLimits} from './batch.ts'
import {billedCharacters} from './billing.ts'
import {
  ProviderAuthorizationError,
  ProviderConnectionError,
  ProviderError,
  ProviderQuotaError,
  ProviderRateLimitError,
  ProviderUnavailableError
} from './errors.ts'
import type {BatchLimits, Provider, TranslationRequest, TranslationResult} from './provider.ts'
import {RequestScheduler, type RetryOptions} from './scheduler.ts'

export interface DeepLOptions {
  /** The DeepL API key (`DEEPL_AUTH_KEY`). Sent only to `serverUrl`, never printed. */
  authKey: string
  /** API server (`DEEPL_SERVER_URL`); default: deepl-node's choice by key type. */
  serverUrl?: string
  /** Source language (default: `de`). */
  sourceLang?: string
  /** Target language (default: `en-US`). */
  targetLang?: string
  /** DeepL's `formality` (default: `default`, which sends none). */
  formality?: Formality
  /**
   * deepl-node's own retries (default: 0). Leave it: tandem retries in `RequestScheduler`,
   * and two layers would multiply the attempts and hide a 456 behind deepl-node's backoff.
   */
  maxRetries?: number
  /** Timeout of one request in ms, deepl-node's `minTimeout` (default: `DEFAULTS.deepl.timeoutMs`): a silent server counts as a failure after it. */
  minTimeout?: number
  /** Requests in flight at once (default: 2). Ignored when `scheduler` is given. */
  maxInFlight?: number
  /** How 429, 5xx, timeouts and resets are retried (defaults: `DEFAULTS.retry`). Ignored when `scheduler` is given. */
  retry?: Partial<RetryOptions>
  /** A scheduler to share, e.g. with a progress display listening to its retries. */
  scheduler?: RequestScheduler
  /** A DeepL glossary id to apply; when set, `glossaryName` is not looked up. */
  glossaryId?: string
  /**
   * Name of the glossary `tandem glossary sync` made from the current names file
   * (`deeplGlossaryName(project.glossaryHash)`). The first translation looks it up once;
   * when it exists its id goes with every request, otherwise requests go without one.
   */
  glossaryName?: string
}

/** One names.tsv entry as the DeepL glossary holds it. */
export interface DeepLGlossaryEntry {
  de: string
  en: string
}

/** What `syncGlossary` did. */
export interface DeepLGlossarySync {
  /** Id of the glossary named as asked, new or reused. */
  id: string
  name: string
  /** Whether it had to be created (no usable glossary had the name). */
  created: boolean
  entryCount: number
  /** Ids of the `tandem-names-*` glossaries deleted: stale ones, and extra copies of the current one. */
  deleted: string[]
}

/** What the constructor fills in; every value comes from `DEFAULTS`, but deepl-node's retries, which tandem's scheduler replaces. */
function deeplSettings(): Required<Pick<DeepLOptions, 'sourceLang' | 'targetLang' | 'maxRetries' | 'minTimeout'>> {
  return {sourceLang: DEFAULTS.sourceLang, targetLang: DEFAULTS.targetLang, maxRetries: 0, minTimeout: DEFAULTS.deepl.timeoutMs}
}

type DeepLNode = typeof import('deepl-node')

/**
 * deepl-node, loaded on the first request: a build whose memory holds every translation never sends one, and
 * does not pay for loading the client and its HTTP stack (a fifth of tandem's memory at start).
 */
let deeplNode: DeepLNode | undefined
async function loadDeepLNode(): Promise<DeepLNode> {
  deeplNode ??= await import('deepl-node')
  return deeplNode
}

export class DeepLProvider implements Provider {
  readonly name = 'deepl'
  readonly limits: BatchLimits = deeplLimits
  /** Caps requests in flight and retries them; every call to DeepL goes through it. */
  readonly scheduler: RequestScheduler
  /** Made on the first request (see `loadDeepLNode`). */
  private client: Promise<deepl.Translator> | undefined
  private readonly settings: Omit<DeepLOptions, 'authKey' | 'scheduler' | 'retry'> & ReturnType<typeof deeplSettings>
  private readonly authKey: string
  /** The glossary id builds send: looked up once, on the first translation. */
  private glossaryLookup: Promise<string | undefined> | undefined

  constructor(options: DeepLOptions) {
    if (!options.authKey) throw new ConfigError(phrase('errors.deepl.noKey', 'DeepL needs an API key: set DEEPL_AUTH_KEY'))
    const {authKey, scheduler, retry, ...rest} = options
    this.authKey = authKey
    this.settings = {...deeplSettings(), ...definedOptions(rest)}
    this.scheduler =
      scheduler ?? new RequestScheduler({...definedOptions(retry ?? {}), ...(rest.maxInFlight ? {maxInFlight: rest.maxInFlight} : {})})
  }

  private translator(): Promise<deepl.Translator> {
    this.client ??= loadDeepLNode().then(
      (deepl) =>
        new deepl.Translator(this.authKey, {
          ...(this.settings.serverUrl ? {serverUrl: this.settings.serverUrl} : {}),
          maxRetries: this.settings.maxRetries,
          minTimeout: this.settings.minTimeout,
          sendPlatformInfo: false,
          appInfo: {appName: 'tandem', appVersion: '0.1.0'}
        })
    )
    return this.client
  }

  get targetLang(): string {
    return this.settings.targetLang
  }

  async translate(batch: readonly TranslationRequest[], signal?: AbortSignal): Promise<TranslationResult[]> {
    if (batch.length === 0) return []
    signal?.throwIfAborted()
    const glossaryId = await this.glossaryId(signal)
    return this.scheduler.run(() => this.translateOnce(batch, glossaryId), signal)
  }

  /** One `/v2/translate` request. */
  private async translateOnce(batch: readonly TranslationRequest[], glossaryId: string | undefined): Promise<TranslationResult[]> {
    // DeepL's `context` belongs to the request, not to a text: sent only when every text shares it.
    const context = batch[0]?.context
    const shared = context !== undefined && batch.every((request) => request.context === context)
    let results: deepl.TextResult[]
    const translator = await this.translator()
    const deepl = await loadDeepLNode()
    try {
      results = await translator.translateText(
        batch.map((request) => request.text),
        // DeepL checks the codes itself and answers 400 for an unknown one; its list grows faster than the types.
        this.settings.sourceLang as deepl.SourceLanguageCode,
        this.settings.targetLang as deepl.TargetLanguageCode,
        {
          tagHandling: 'xml',
          ignoreTags: [keepTag],
          ...(this.settings.formality && this.settings.formality !== 'default' ? {formality: this.settings.formality} : {}),
          ...(glossaryId ? {glossary: glossaryId} : {}),
          ...(shared ? {context} : {})
        }
      )
    } catch (error) {
      // deepl-node reports an unknown glossary in a translation as a plain 404 `DeepLError`.
      if (glossaryId && error instanceof deepl.DeepLError && error.message.startsWith('Not found')) {
        this.glossaryLookup = undefined
        throw new ProviderError(
          phrase('errors.deepl.unknownGlossary', 'DeepL does not know the glossary {{id}} (deleted since the build began?); run `tandem glossary sync` and build again', {id: glossaryId})
        )
      }
      throw this.mapError(error)
    }
    if (results.length !== batch.length) {
      throw new ProviderError(phrase('errors.deepl.count', 'DeepL answered {{answers}} translations for {{texts}} texts', {answers: results.length, texts: batch.length}))
    }
    // Nothing of a broken answer is stored: a `null` would become the English text.
    const empty = results.findIndex((result) => typeof result.text !== 'string')
    if (empty !== -1) throw new ProviderError(phrase('errors.deepl.empty', 'DeepL answered no text for text {{index}} of {{texts}}', {index: empty + 1, texts: batch.length}))
    return batch.map((request, index) => {
      const result = results[index] as deepl.TextResult
      return {
        id: request.id,
        text: result.text,
        // Older servers omit billed_characters; count them the way DeepL bills.
        billedCharacters: result.billedCharacters ?? billedCharacters(request.text),
        provider: this.name,
        ...(result.modelTypeUsed ? {model: result.modelTypeUsed} : {})
      }
    })
  }

  /**
   * Make sure the DeepL glossary `name` holds `entries` (de → en) and is the only `tandem-names-*`
   * glossary: reuse the newest glossary with that name, the right languages and entry count,
   * or create it; then delete every other `tandem-names-*` glossary. Glossaries are immutable,
   * so the name carries a hash of the names file and a changed file makes a new one.
   */
  async syncGlossary(entries: readonly DeepLGlossaryEntry[], name: string): Promise<DeepLGlossarySync> {
    if (!name.startsWith(deeplGlossaryPrefix)) {
      throw new ConfigError(phrase('errors.deepl.glossaryName', 'a names glossary must be named `{{prefix}}…`, not `{{name}}`', {prefix: deeplGlossaryPrefix, name}))
    }
    if (entries.length === 0) throw new ConfigError(phrase('errors.deepl.glossaryEmpty', 'a DeepL glossary needs at least one entry'))
    const seen = new Set<string>()
    for (const entry of entries) {
      if (seen.has(entry.de)) throw new ConfigError(phrase('errors.deepl.glossaryTwice', '`{{de}}` is in the glossary twice', {de: entry.de}))
      seen.add(entry.de)
    }
    const sourceLang = baseLanguage(this.settings.sourceLang)
    const targetLang = baseLanguage(this.settings.targetLang)
    const translator = await this.translator()
    const deepl = await loadDeepLNode()
    try {
      const all = await this.request(() => translator.listGlossaries())
      const ours = all.filter((glossary) => glossary.name.startsWith(deeplGlossaryPrefix))
      const usable = newestFirst(
        ours.filter(
          (glossary) =>
            glossary.name === name &&
            glossary.entryCount === entries.length &&
            glossary.sourceLang === sourceLang &&
            glossary.targetLang === targetLang
        )
      )
      let kept = usable[0]
      const created = kept === undefined
      if (!kept) {
        // Own properties only: `GlossaryEntries.add()` tests `in`, so it would take `constructor` for a duplicate.
        const pairs = new deepl.GlossaryEntries({entries: Object.fromEntries(entries.map((entry) => [entry.de, entry.en]))})
        kept = await this.request(() =>
          translator.createGlossary(name, sourceLang as deepl.LanguageCode, targetLang as deepl.LanguageCode, pairs)
        )
      }
      const keptId = kept.glossaryId
      // Created first, deleted after: a build running meanwhile always finds a glossary.
      const deleted: string[] = []
      for (const glossary of ours) {
        if (glossary.glossaryId === keptId) continue
        await this.request(async () => {
          try {
            await translator.deleteGlossary(glossary.glossaryId)
          } catch (error) {
            // Someone else deleted it first.
            if (!(error instanceof deepl.GlossaryNotFoundError)) throw error
          }
        })
        deleted.push(glossary.glossaryId)
      }
      if (name === this.settings.glossaryName) this.glossaryLookup = Promise.resolve(keptId)
      return {id: keptId, name, created, entryCount: kept.entryCount, deleted}
    } catch (error) {
      throw this.mapError(error)
    }
  }

  /** The glossary id to send: the configured one, or the synced glossary's, looked up once. */
  private glossaryId(signal?: AbortSignal): Promise<string | undefined> {
    if (this.settings.glossaryId) return Promise.resolve(this.settings.glossaryId)
    const name = this.settings.glossaryName
    if (!name) return Promise.resolve(undefined)
    this.glossaryLookup ??= this.findGlossary(name, signal).catch((error: unknown) => {
      // A failed lookup is retried by the next batch, not remembered.
      this.glossaryLookup = undefined
      throw error
    })
    return this.glossaryLookup
  }

  private async findGlossary(name: string, signal?: AbortSignal): Promise<string | undefined> {
    const sourceLang = baseLanguage(this.settings.sourceLang)
    const targetLang = baseLanguage(this.settings.targetLang)
    const translator = await this.translator()
    const deepl = await loadDeepLNode()
    const glossaries = await this.request(async () => {
      try {
        return await translator.listGlossaries()
      } catch (error) {
        // A DeepL-compatible server without glossaries: translate without one.
        if (error instanceof deepl.GlossaryNotFoundError) return undefined
        throw error
      }
    }, signal)
    if (!glossaries) return undefined
    // A glossary for another language pair would be refused; the names are protected in the text anyway.
    const [newest] = newestFirst(
      glossaries.filter(
        (glossary) =>
          glossary.name === name && glossary.ready && glossary.sourceLang === sourceLang && glossary.targetLang === targetLang
      )
    )
    return newest?.glossaryId
  }

  /** One call to DeepL through the scheduler, its errors in tandem's classes so that the scheduler can tell what to retry. */
  private request<T>(send: () => Promise<T>, signal?: AbortSignal): Promise<T> {
    return this.scheduler.run(async () => {
      try {
        return await send()
      } catch (error) {
        throw this.mapError(error)
      }
    }, signal)
  }

  /** deepl-node's error classes → tandem's, with the key scrubbed from every message. */
  private mapError(error: unknown): ProviderError {
    if (error instanceof ProviderError) return error
    const message = scrub(error instanceof Error ? error.message : String(error), this.authKey)
    // Not loaded: the error is not one of deepl-node's.
    const deepl = deeplNode
    if (!deepl) return new ProviderError(phrase('errors.deepl.failed', 'DeepL failed: {{message}}', {message}))
    if (error instanceof deepl.AuthorizationError) {
      return new ProviderAuthorizationError(phrase('errors.deepl.key', 'DeepL refused the API key (check DEEPL_AUTH_KEY): {{message}}', {message}))
    }
    if (error instanceof deepl.QuotaExceededError) {
      return new ProviderQuotaError(phrase('errors.deepl.quota', 'DeepL quota exceeded: {{message}}', {message}))
    }
    if (error instanceof deepl.TooManyRequestsError) {
      return new ProviderRateLimitError(phrase('errors.deepl.rateLimit', 'DeepL is rate-limiting requests: {{message}}', {message}))
    }
    if (error instanceof deepl.ConnectionError) {
      // deepl-node marks timeouts, resets and broken pipes as worth retrying; a refused connection is not.
      return error.shouldRetry
        ? new ProviderUnavailableError(phrase('errors.deepl.noAnswer', 'DeepL did not answer: {{message}}', {message}))
        : new ProviderConnectionError(phrase('errors.deepl.unreachable', 'cannot reach DeepL: {{message}}', {message}))
    }
    // deepl-node has no class for 5xx; its message is the only place the status is kept.
    if (error instanceof deepl.DeepLError && /^(Service unavailable|Unexpected status code: 5\d\d)/.test(error.message)) {
      return new ProviderUnavailableError(phrase('errors.deepl.failed', 'DeepL failed: {{message}}', {message}))
    }
    if (error instanceof deepl.GlossaryNotFoundError) {
      return new ProviderError(phrase('errors.deepl.glossaryNotFound', 'DeepL glossary not found: {{message}}', {message}))
    }
    // Not chained as `cause`: deepl-node's errors hold the request, key header included.
    return new ProviderError(phrase('errors.deepl.failed', 'DeepL failed: {{message}}', {message}))
  }
}

/** Provider options from the environment; undefined when no key is set. */
export function deeplOptionsFromEnvironment(
  environment: NodeJS.ProcessEnv,
  overrides: Partial<DeepLOptions> = {}
): DeepLOptions | undefined {
  const serverUrl = overrides.serverUrl ?? (environment.DEEPL_SERVER_URL?.trim() || undefined)
  // Checked with or without a key: a typo in the server is a usage error (exit 2), not a failed request.
  if (serverUrl !== undefined) checkServerUrl(serverUrl, overrides.serverUrl === undefined ? 'DEEPL_SERVER_URL' : '--server-url')
  const authKey = environment.DEEPL_AUTH_KEY?.trim()
  if (!authKey) return undefined
  return {...definedOptions(overrides), authKey, ...(serverUrl ? {serverUrl} : {})}
}

/** An http(s) URL with a host, or a `ConfigError` naming where the value came from. */
function checkServerUrl(value: string, from: string): void {
  let url: URL | undefined
  try {
    url = new URL(value)
  } catch {
    url = undefined
  }
  if (!url || (url.protocol !== 'http:' && url.protocol !== 'https:') || url.hostname === '') {
    throw new ConfigError(phrase('errors.deepl.serverUrl', '{{from}} must be an http:// or https:// URL, such as https://api.deepl.com, not `{{value}}`', {from, value}))
  }
}

/** DeepL glossaries are per language, not per variant: `en-US` → `en`. */
function baseLanguage(code: string): string {
  return (code.split('-')[0] ?? code).toLowerCase()
}

/** Newest first; the id breaks a tie, so that every run picks the same one. */
function newestFirst(glossaries: readonly deepl.GlossaryInfo[]): deepl.GlossaryInfo[] {
  return [...glossaries].sort(
    (a, b) => b.creationTime.getTime() - a.creationTime.getTime() || (a.glossaryId < b.glossaryId ? -1 : a.glossaryId > b.glossaryId ? 1 : 0)
  )
}

function scrub(text: string, secret: string): string {
  return secret ? text.split(secret).join('***') : text
}
