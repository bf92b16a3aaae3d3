// The only module that imports deepl-node; the rest of tandem sees the `Provider` interface.
import * as deepl from 'deepl-node'
import {ConfigError} from '../errors.ts'
import {definedOptions} from '../options.ts'
import {keepTag} from '../segment/tagged-text.ts'
import {deeplLimits} from './batch.ts'
import {billedCharacters} from './billing.ts'
import {
  ProviderAuthorizationError,
  ProviderConnectionError,
  ProviderError,
  ProviderQuotaError,
  ProviderRateLimitError
} from './errors.ts'
import type {BatchLimits, Provider, TranslationRequest, TranslationResult} from './provider.ts'

export interface DeepLOptions {
  /** The DeepL API key (`DEEPL_AUTH_KEY`). Sent only to `serverUrl`, never printed. */
  authKey: string
  /** API server (`DEEPL_SERVER_URL`); default: deepl-node's choice by key type. */
  serverUrl?: string
  /** Source language (default: `de`). */
  sourceLang?: string
  /** Target language (default: `en-US`). */
  targetLang?: string
  /** Retries of 429, 5xx and network errors inside deepl-node (default: 5). */
  maxRetries?: number
  /** Minimum request timeout in ms (default: 10000). */
  minTimeout?: number
  /** A DeepL glossary id to apply (the name glossary's sync writes it). */
  glossaryId?: string
}

export const deeplDefaults: Required<Pick<DeepLOptions, 'sourceLang' | 'targetLang' | 'maxRetries' | 'minTimeout'>> = {
  sourceLang: 'de',
  targetLang: 'en-US',
  maxRetries: 5,
  minTimeout: 10_000
}

export class DeepLProvider implements Provider {
  readonly name = 'deepl'
  readonly limits: BatchLimits = deeplLimits
  private readonly translator: deepl.Translator
  private readonly settings: Omit<DeepLOptions, 'authKey'> & typeof deeplDefaults
  private readonly authKey: string

  constructor(options: DeepLOptions) {
    if (!options.authKey) throw new ConfigError('DeepL needs an API key: set DEEPL_AUTH_KEY')
    const {authKey, ...rest} = options
    this.authKey = authKey
    this.settings = {...deeplDefaults, ...definedOptions(rest)}
    this.translator = new deepl.Translator(authKey, {
      ...(this.settings.serverUrl ? {serverUrl: this.settings.serverUrl} : {}),
      maxRetries: this.settings.maxRetries,
      minTimeout: this.settings.minTimeout,
      sendPlatformInfo: false,
      appInfo: {appName: 'tandem', appVersion: '0.1.0'}
    })
  }

  get targetLang(): string {
    return this.settings.targetLang
  }

  async translate(batch: readonly TranslationRequest[], signal?: AbortSignal): Promise<TranslationResult[]> {
    if (batch.length === 0) return []
    signal?.throwIfAborted()
    let results: deepl.TextResult[]
    try {
      results = await this.translator.translateText(
        batch.map((request) => request.text),
        // DeepL checks the codes itself and answers 400 for an unknown one; its list grows faster than the types.
        this.settings.sourceLang as deepl.SourceLanguageCode,
        this.settings.targetLang as deepl.TargetLanguageCode,
        {
          tagHandling: 'xml',
          ignoreTags: [keepTag],
          ...(this.settings.glossaryId ? {glossary: this.settings.glossaryId} : {})
        }
      )
    } catch (error) {
      throw this.mapError(error)
    }
    if (results.length !== batch.length) {
      throw new ProviderError(`DeepL answered ${results.length} translations for ${batch.length} texts`)
    }
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

  /** deepl-node's error classes → tandem's, with the key scrubbed from every message. */
  private mapError(error: unknown): ProviderError {
    const message = scrub(error instanceof Error ? error.message : String(error), this.authKey)
    if (error instanceof deepl.AuthorizationError) {
      return new ProviderAuthorizationError(`DeepL refused the API key (check DEEPL_AUTH_KEY): ${message}`)
    }
    if (error instanceof deepl.QuotaExceededError) {
      return new ProviderQuotaError(`DeepL quota exceeded: ${message}`)
    }
    if (error instanceof deepl.TooManyRequestsError) {
      return new ProviderRateLimitError(`DeepL is rate-limiting requests: ${message}`)
    }
    if (error instanceof deepl.ConnectionError) {
      return new ProviderConnectionError(`cannot reach DeepL: ${message}`)
    }
    // Not chained as `cause`: deepl-node's errors hold the request, key header included.
    return new ProviderError(`DeepL failed: ${message}`)
  }
}

/** Provider options from the environment; undefined when no key is set. */
export function deeplOptionsFromEnvironment(
  environment: NodeJS.ProcessEnv,
  overrides: Partial<DeepLOptions> = {}
): DeepLOptions | undefined {
  const authKey = environment.DEEPL_AUTH_KEY?.trim()
  if (!authKey) return undefined
  const serverUrl = overrides.serverUrl ?? (environment.DEEPL_SERVER_URL?.trim() || undefined)
  return {...definedOptions(overrides), authKey, ...(serverUrl ? {serverUrl} : {})}
}

function scrub(text: string, secret: string): string {
  return secret ? text.split(secret).join('***') : text
}
