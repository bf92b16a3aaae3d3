// The only module that imports the openai client; the rest of tandem sees the `Provider` interface.
import type OpenAI from 'openai'
import type {ChatCompletionCreateParamsNonStreaming} from 'openai/resources/chat/completions'
import {ConfigError} from '../core/errors.ts'
import {phrase, type Phrase} from '../core/phrase.ts'
import {DEFAULTS, type OpenAISettings} from '../core/defaults.ts'
import {definedOptions} from '../core/options.ts'
import type {TokenUsage} from '../memory/translation-memory.ts'
import {billedCharacters} from './billing.ts'
import {charactersPerToken} from './batch.ts'
import {
  ProviderAuthorizationError,
  ProviderBadAnswerError,
  ProviderConnectionError,
  ProviderError,
  ProviderQuotaError,
  ProviderRateLimitError,
  ProviderUnavailableError
} from './errors.ts'
import {matchAnswer, parseAnswer} from './openai-answer.ts'
import type {BatchLimits, NamePair, Provider, TranslationFailure, TranslationRequest, TranslationResult} from './provider.ts'
import {RequestScheduler, type RetryOptions} from './scheduler.ts'

export interface OpenAIOptions extends Partial<Omit<OpenAISettings, 'inputPricePerMillion' | 'outputPricePerMillion'>> {
  /** `OPENAI_API_KEY`. Local servers ignore it, but the client sends one. Never printed. */
  apiKey: string
  sourceLang?: string
  targetLang?: string
  /** Requests in flight at once (default: `DEFAULTS.concurrency`). Ignored when `scheduler` is given. */
  maxInFlight?: number
  /** How 429, 5xx and timeouts are retried (defaults: `DEFAULTS.retry`). Ignored when `scheduler` is given. */
  retry?: Partial<RetryOptions>
  /** A scheduler to share, e.g. with a progress display listening to its retries. */
  scheduler?: RequestScheduler
}

/** How the answer's shape is asked for; a server that refuses one is asked the next way from then on. */
export type AnswerFormat = 'json_schema' | 'json_object' | 'text'

/** From the strictest way of asking to the plainest: a refused one steps down. */
const formats: readonly AnswerFormat[] = ['json_schema', 'json_object', 'text']

const answerSchema = {
  type: 'object',
  properties: {
    translations: {
      type: 'array',
      items: {
        type: 'object',
        properties: {id: {type: 'string'}, text: {type: 'string'}},
        required: ['id', 'text'],
        additionalProperties: false
      }
    }
  },
  required: ['translations'],
  additionalProperties: false
} as const

/** What every request says before its texts. It names JSON, as `json_object` requires of the messages. */
export function systemPrompt(sourceLang: string, targetLang: string): string {
  return [
    `You translate news articles from ${sourceLang} to ${targetLang}, in the register of a quality newspaper: accurate, plain, complete.`,
    'The user message is a JSON object: `texts` is a list of {"id", "text"} to translate; `glossary` lists names and terms with the English form to use; `context`, when present, is the text around them, for reference only.',
    'Each text is an XML fragment. Keep every XML tag exactly as it is, with its attributes, around the words it marks; add none and drop none. Keep entities such as &amp; as they are.',
    'An <n> element holds a name already in English: copy it, tags included, unchanged.',
    'Translate each text on its own; never merge, split or leave out texts.',
    'A text may carry `revise`: {"de": the German it replaced, "en": an editor\'s English for that German}. Then do not translate anew: change the editor\'s English as little as possible so that it says what the new text says, keeping their wording wherever the German did not change.',
    'Answer with JSON only, no prose and no code fence: {"translations": [{"id": "…", "text": "…"}]}, one item for every id, with the id as given.'
  ].join('\n')
}

/** Estimated tokens of the system prompt and the request's fixed JSON, for the dry run's cost. */
export const openaiPromptTokens = Math.ceil(systemPrompt(DEFAULTS.sourceLang, DEFAULTS.targetLang).length / charactersPerToken) + 30

/** The limits a plan for an LLM keeps to (`DEFAULTS.openai`, or a project's settings). */
export function openaiLimits(settings: Pick<OpenAISettings, 'maxTexts' | 'maxTokens'> = DEFAULTS.openai): BatchLimits {
  // No byte limit of its own: the token budget is the tighter one.
  return {maxTexts: settings.maxTexts, maxBytes: DEFAULTS.deepl.maxBytes, maxTokens: settings.maxTokens, promptTokens: openaiPromptTokens}
}

interface Completion {
  content: string
  finishReason: string | undefined
  refusal: string | undefined
  usage: TokenUsage | undefined
}

type OpenAIClient = typeof OpenAI

/**
 * The openai client, loaded on the first request: a build whose memory holds every translation never sends one,
 * and does not pay for loading it.
 */
let openaiClient: OpenAIClient | undefined
async function loadOpenAI(): Promise<OpenAIClient> {
  openaiClient ??= (await import('openai')).default
  return openaiClient
}

export class OpenAIProvider implements Provider {
  readonly name = 'openai'
  readonly limits: BatchLimits
  readonly scheduler: RequestScheduler
  /** Made on the first request (see `loadOpenAI`). */
  private client: Promise<OpenAI> | undefined
  private readonly settings: Required<Pick<OpenAIOptions, 'baseUrl' | 'model' | 'temperature' | 'sourceLang' | 'targetLang'>>
  private readonly apiKey: string
  private readonly timeoutMs: number
  /** The way this server takes the answer's shape, learned on the first refusal and kept for the run. */
  private format: AnswerFormat = 'json_schema'

  constructor(options: OpenAIOptions) {
    if (!options.apiKey) throw new ConfigError(phrase('errors.openai.noKey', 'an OpenAI-compatible server needs a key: set OPENAI_API_KEY (any value for a local server)'))
    const {apiKey, scheduler, retry, maxInFlight, ...rest} = options
    const defined = definedOptions(rest)
    const settings = {...DEFAULTS.openai, sourceLang: DEFAULTS.sourceLang, targetLang: DEFAULTS.targetLang, ...defined}
    this.apiKey = apiKey
    this.settings = settings
    this.timeoutMs = settings.timeoutMs
    this.limits = openaiLimits(settings)
    this.scheduler = scheduler ?? new RequestScheduler({...definedOptions(retry ?? {}), ...(maxInFlight ? {maxInFlight} : {})})
  }

  private openai(): Promise<OpenAI> {
    this.client ??= loadOpenAI().then(
      (Client) =>
        new Client({
          apiKey: this.apiKey,
          baseURL: this.settings.baseUrl,
          // tandem's scheduler retries; two layers would multiply attempts and hide a quota error behind backoff.
          maxRetries: 0,
          timeout: this.timeoutMs,
          // Only the CLI prints: the client's own logging (OPENAI_LOG) would print requests and articles.
          logLevel: 'off'
        })
    )
    return this.client
  }

  get model(): string {
    return this.settings.model
  }

  /** How the server is asked for the answer's shape now (it steps down when a server refuses a format). */
  get answerFormat(): AnswerFormat {
    return this.format
  }

  async translate(batch: readonly TranslationRequest[], signal?: AbortSignal): Promise<Array<TranslationResult | TranslationFailure>> {
    if (batch.length === 0) return []
    signal?.throwIfAborted()
    return this.translateOrSplit(batch, signal)
  }

  /**
   * One request; an answer that cannot be used (bad JSON, ids not the ones asked, cut short, refused) is not
   * guessed at: the batch is halved and each half sent again, down to one text, whose failure is then its own.
   */
  private async translateOrSplit(batch: readonly TranslationRequest[], signal?: AbortSignal): Promise<Array<TranslationResult | TranslationFailure>> {
    const ids = batch.map((_, index) => String(index + 1))
    const completion = await this.scheduler.run(() => this.complete(batch, ids, signal), signal)
    const problem = this.problemWith(completion, batch, ids)
    if (problem instanceof Map) return this.results(batch, ids, problem, completion.usage)
    if (batch.length === 1) {
      const [only] = batch
      return only ? [{id: only.id, error: new ProviderBadAnswerError(phrase('errors.openai.badAnswer', "the model's answer could not be used: {{problem}}", {problem}))}] : []
    }
    const half = Math.ceil(batch.length / 2)
    const halves = await Promise.all([this.translateOrSplit(batch.slice(0, half), signal), this.translateOrSplit(batch.slice(half), signal)])
    return halves.flat()
  }

  /** The texts by short id, or what is wrong with the answer. */
  private problemWith(completion: Completion, batch: readonly TranslationRequest[], ids: readonly string[]): Map<string, string> | Phrase {
    if (completion.refusal) return phrase('reasons.answer.refused', 'the model refused: {{refusal}}', {refusal: completion.refusal})
    if (completion.finishReason === 'length') return phrase('reasons.answer.length', 'the answer was cut short (finish_reason `length`)')
    if (completion.finishReason === 'content_filter') return phrase('reasons.answer.filtered', 'the answer was withheld by a content filter')
    const parsed = parseAnswer(completion.content)
    if ('error' in parsed) return parsed.error
    const matched = matchAnswer(parsed.items, ids)
    if ('error' in matched) return matched.error
    for (const [index, request] of batch.entries()) {
      const text = matched.texts.get(ids[index] ?? '')
      if (text !== undefined && text.trim() === '' && request.text.trim() !== '') return phrase('reasons.answer.empty', 'the answer for id `{{id}}` is empty', {id: ids[index] ?? ''})
    }
    return matched.texts
  }

  private results(
    batch: readonly TranslationRequest[],
    ids: readonly string[],
    texts: Map<string, string>,
    usage: TokenUsage | undefined
  ): TranslationResult[] {
    const shares = usage ? shareUsage(usage, batch.map((request) => request.text.length)) : []
    return batch.map((request, index) => {
      const tokens = shares[index]
      return {
        id: request.id,
        text: reescape(texts.get(ids[index] ?? '') ?? ''),
        billedCharacters: billedCharacters(request.text),
        provider: this.name,
        model: this.settings.model,
        ...(tokens ? {tokens} : {})
      }
    })
  }

  /**
   * One chat completion. A server that refuses the answer format (400 or 422) is asked again at once the next way;
   * the way that worked is kept for the run, so that only a server's first request pays for finding it. A request
   * refused every way is refused for another reason, and changes nothing.
   */
  private async complete(batch: readonly TranslationRequest[], ids: readonly string[], signal?: AbortSignal): Promise<Completion> {
    let format = this.format
    for (;;) {
      const client = await this.openai()
      const OpenAI = await loadOpenAI()
      try {
        const completion = await client.chat.completions.create(this.body(batch, ids, format), signal ? {signal} : {})
        if (formats.indexOf(format) > formats.indexOf(this.format)) this.format = format
        const choice = completion.choices[0]
        const usage = completion.usage
        return {
          content: choice?.message.content ?? '',
          finishReason: choice?.finish_reason ?? undefined,
          refusal: choice?.message.refusal ?? undefined,
          usage: usage ? {prompt: usage.prompt_tokens, completion: usage.completion_tokens} : undefined
        }
      } catch (error) {
        // llama.cpp with a grammar, older Ollama and vLLM builds, and LM Studio (json_object) refuse some formats.
        const next = formats[formats.indexOf(format) + 1]
        if (next && error instanceof OpenAI.APIError && (error.status === 400 || error.status === 422)) {
          format = next
          continue
        }
        if (signal?.aborted) throw signal.reason
        throw this.mapError(error)
      }
    }
  }

  private body(batch: readonly TranslationRequest[], ids: readonly string[], format: AnswerFormat): ChatCompletionCreateParamsNonStreaming {
    const glossary = new Map<string, NamePair>()
    for (const request of batch) for (const entry of request.glossary ?? []) glossary.set(entry.de, {de: entry.de, en: entry.en})
    const context = batch[0]?.context
    const shared = context !== undefined && batch.every((request) => request.context === context)
    const user = {
      source_lang: this.settings.sourceLang,
      target_lang: this.settings.targetLang,
      texts: batch.map((request, index) => ({
        id: ids[index] ?? '',
        text: request.text,
        ...(request.revise ? {revise: {de: request.revise.source, en: request.revise.target}} : {})
      })),
      glossary: [...glossary.values()],
      ...(shared ? {context} : {})
    }
    return {
      model: this.settings.model,
      temperature: this.settings.temperature,
      messages: [
        {role: 'system', content: systemPrompt(this.settings.sourceLang, this.settings.targetLang)},
        {role: 'user', content: JSON.stringify(user)}
      ],
      ...(format === 'json_schema'
        ? {response_format: {type: 'json_schema', json_schema: {name: 'translations', strict: true, schema: answerSchema}}}
        : format === 'json_object'
          ? {response_format: {type: 'json_object'}}
          : {})
    }
  }

  /** The openai client's errors → tandem's, with the key scrubbed from every message. */
  private mapError(error: unknown): ProviderError {
    if (error instanceof ProviderError) return error
    const message = scrub(error instanceof Error ? error.message : String(error), this.apiKey)
    const server = this.settings.baseUrl
    // Not loaded: the error is not one of the client's.
    const OpenAI = openaiClient
    if (!OpenAI) return new ProviderError(phrase('errors.openai.failed', '{{server}} failed: {{message}}', {server, message}))
    if (error instanceof OpenAI.APIConnectionTimeoutError) return new ProviderUnavailableError(phrase('errors.openai.timeout', '{{server}} did not answer in time: {{message}}', {server, message}))
    if (error instanceof OpenAI.APIConnectionError) {
      // A refused connection or an unknown host will not pass by waiting; a reset may.
      const code = causeCode(error)
      return code === 'ECONNREFUSED' || code === 'ENOTFOUND' || code === 'EAI_AGAIN'
        ? new ProviderConnectionError(phrase('errors.openai.unreachable', 'cannot reach {{server}}: {{code}}', {server, code}))
        : code
          ? new ProviderUnavailableError(phrase('errors.openai.noAnswerCode', '{{server}} did not answer: {{message}} ({{code}})', {server, message, code}))
          : new ProviderUnavailableError(phrase('errors.openai.noAnswer', '{{server}} did not answer: {{message}}', {server, message}))
    }
    if (error instanceof OpenAI.APIError) {
      const status = error.status ?? 0
      if (status === 401 || status === 403) {
        return new ProviderAuthorizationError(phrase('errors.openai.key', '{{server}} refused the API key (check OPENAI_API_KEY): {{message}}', {server, message}))
      }
      if (error.code === 'insufficient_quota') return new ProviderQuotaError(phrase('errors.openai.quota', "the OpenAI account's quota is used up: {{message}}", {message}))
      const retryAfterMs = retryAfter(error.headers)
      const wait = retryAfterMs === undefined ? {} : {retryAfterMs}
      if (status === 429) return new ProviderRateLimitError(phrase('errors.openai.rateLimit', '{{server}} is rate-limiting requests: {{message}}', {server, message}), wait)
      if (status >= 500) return new ProviderUnavailableError(phrase('errors.openai.failed', '{{server}} failed: {{message}}', {server, message}), wait)
      return new ProviderError(phrase('errors.openai.refused', '{{server}} refused the request: {{message}}', {server, message}))
    }
    return new ProviderError(phrase('errors.openai.failed', '{{server}} failed: {{message}}', {server, message}))
  }
}

/**
 * Models often decode the `&lt;` and `&gt;` of the text they were sent ("x < 5"). A `<` that cannot open a tag
 * (before a space, a digit or `=`) and a `>` after a space cannot be markup, so they are escaped again rather than
 * costing the segment its inline markup.
 */
export function reescape(text: string): string {
  return text.replace(/<(?=[\s\d=]|$)/g, '&lt;').replace(/(?<=\s|^)>/g, '&gt;')
}

/** Provider options from the environment and settings; undefined when no key is set for OpenAI's own server. */
export function openaiOptionsFromEnvironment(
  environment: NodeJS.ProcessEnv,
  settings: OpenAISettings,
  overrides: Partial<OpenAIOptions> = {}
): OpenAIOptions | undefined {
  const baseUrl = overrides.baseUrl ?? (environment.OPENAI_BASE_URL?.trim() || settings.baseUrl)
  const key = environment.OPENAI_API_KEY?.trim()
  // A local server takes any key, but the client must send one; OpenAI's own needs the real one.
  if (!key && baseUrl === DEFAULTS.openai.baseUrl) return undefined
  const {inputPricePerMillion: _input, outputPricePerMillion: _output, ...rest} = settings
  return {...rest, ...definedOptions(overrides), baseUrl, apiKey: key || 'unused'}
}

/** `retry-after-ms` (OpenAI's), else `Retry-After` in seconds or as an HTTP date. */
export function retryAfter(headers: Headers | undefined, now = Date.now()): number | undefined {
  const ms = Number(headers?.get('retry-after-ms') ?? Number.NaN)
  if (Number.isFinite(ms) && ms >= 0) return ms
  const value = headers?.get('retry-after')
  if (!value) return undefined
  const seconds = Number(value)
  if (Number.isFinite(seconds) && seconds >= 0) return seconds * 1000
  const date = Date.parse(value)
  return Number.isNaN(date) ? undefined : Math.max(0, date - now)
}

/** A request's `usage`, shared among its texts by length, in whole tokens that add up to the total. */
export function shareUsage(usage: TokenUsage, lengths: readonly number[]): TokenUsage[] {
  // An empty text still took its item in the request: it weighs one.
  const weights = lengths.map((length) => Math.max(1, length))
  const total = weights.reduce((sum, weight) => sum + weight, 0)
  const share = (amount: number) => {
    const parts = weights.map((weight) => Math.floor((amount * weight) / total))
    const last = parts.length - 1
    if (last >= 0) parts[last] = (parts[last] ?? 0) + amount - parts.reduce((sum, part) => sum + part, 0)
    return parts
  }
  const prompt = share(usage.prompt)
  const completion = share(usage.completion)
  return weights.map((_, index) => ({prompt: prompt[index] ?? 0, completion: completion[index] ?? 0}))
}

/** The system error code under an openai connection error (fetch wraps it once or twice). */
function causeCode(error: unknown): string | undefined {
  for (let cause: unknown = error; cause instanceof Error; cause = cause.cause) {
    const code = (cause as NodeJS.ErrnoException).code
    if (typeof code === 'string') return code
  }
  return undefined
}

function scrub(text: string, secret: string): string {
  return secret ? text.split(secret).join('***') : text
}
