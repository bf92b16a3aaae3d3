import type {Formality} from './languages.ts'

/**
 * Every default of tandem, in one object (../shared/style.md: the deepl-node README/code drift is what this prevents).
 * Plugins take typed slices of `Settings`, the CLI's option defaults are read from here, a project's
 * `tandem.config.json` overrides it through `resolveConfig()`, and the README's option table is tested against it.
 */
export interface Settings {
  /** German sources. */
  sourceDir: string
  /** English edition. */
  targetDir: string
  /** Side-by-side view. */
  parallelDir: string
  /** The bilingual reader, written by every build and by `tandem site`. */
  siteDir: string
  /**
   * The address the reader is served at (`https://example.org/reader/`), or `''` for none: the Atom feed's links
   * are then absolute and its ids unique to the site. Without it, links are relative to the feed.
   */
  siteUrl: string
  memoryPath: string
  /**
   * What tandem last wrote to each English edition (`<slug>.json`), committed beside the memory: how a build
   * tells an editor's post-edit in content/en from a change of the German.
   */
  writtenDir: string
  glossaryPath: string
  /**
   * `required`: a missing `glossaryPath` is an error, since a build without it would protect no names and key every
   * segment anew; `optional`: for a project that has no name glossary.
   */
  glossary: 'required' | 'optional'
  sourceLang: string
  /** One of DeepL's target codes (core/languages.ts), checked before anything is sent. */
  targetLang: string
  /** DeepL's `formality`; `default` sends none. Part of the memory key unless `default`. */
  formality: Formality
  /** Front-matter fields that are translated. */
  frontmatterFields: readonly string[]
  /** Provider requests in flight at once, and files read at once. */
  concurrency: number
  /** Language of the CLI's messages and of the reader's interface. */
  ui: 'en' | 'de'
  /** Who translates the memory's misses: DeepL, or any server that speaks OpenAI's chat-completions API. */
  provider: 'deepl' | 'openai'
  deepl: DeepLSettings
  openai: OpenAISettings
  retry: RetrySettings
  price: PriceSettings
  import: ImportSettings
  align: AlignSettings
  lock: LockSettings
}

export interface DeepLSettings {
  /** Timeout of one request in ms (deepl-node's `minTimeout`); a full 128 KiB request can take DeepL many seconds. */
  timeoutMs: number
  /** Texts in one request (DeepL's documented limit). */
  maxTexts: number
  /**
   * Bytes of texts in one request, form-encoded as deepl-node sends them: DeepL's 128 KiB body less 8 KiB
   * for the other parameters (languages, tag options, context).
   */
  maxBytes: number
}

/** An OpenAI-compatible LLM (OpenAI, llama.cpp's llama-server, Ollama, vLLM); the key comes from `OPENAI_API_KEY` only. */
export interface OpenAISettings {
  /** API root; `OPENAI_BASE_URL` and `--base-url` override it. */
  baseUrl: string
  model: string
  /** Sampling temperature; 0 keeps translations as repeatable as the server allows. */
  temperature: number
  /** Timeout of one request in ms: a local model on a CPU answers slowly. */
  timeoutMs: number
  /** Texts in one request: fewer than DeepL's, since a model drops or merges more of them as a batch grows. */
  maxTexts: number
  /**
   * Estimated tokens in one request, input plus expected output. Tokens are counted as characters / 4
   * (OpenAI's rule of thumb for English; German runs a little higher), and the output is expected as long as the input.
   */
  maxTokens: number
  /** Price per million input (prompt) tokens, for cost figures; 0 for a local server. */
  inputPricePerMillion: number
  /** Price per million output (completion) tokens. */
  outputPricePerMillion: number
}

/** How 429, 5xx, timeouts and resets are retried, in tandem's one scheduler (deepl-node's own retries are off). */
export interface RetrySettings {
  /** Retries of a rate-limited request, HTTP 429. */
  rateLimitRetries: number
  /** Retries of a server error (5xx), a timeout or a reset connection. */
  transientRetries: number
  /** First wait in ms; each further retry of the same request waits 1.6 times longer, ±23 % jitter. */
  initialDelayMs: number
  /** Longest backoff wait in ms. */
  maxDelayMs: number
}

/**
 * The price used for cost figures: DeepL API Pro's usage charge, €0.00002 per character, that is €20 per million
 * (DeepL help center, "Character count and billing in DeepL API"). The monthly base fee is not included.
 */
export interface PriceSettings {
  perMillion: number
  currency: string
}

/** The plain-text importer. */
export interface ImportSettings {
  /** A stand-alone line becomes a heading only if it has at most this many characters… */
  maxHeadingLength: number
  /** …and at most this many words. */
  maxHeadingWords: number
  /** Generated slugs are cut at a word boundary to at most this many characters. */
  maxSlugLength: number
}

/** The lock files around the memory's appends and compaction, and around each English edition and its record. */
export interface LockSettings {
  /** A lock whose file is older than this (ms) is taken over even if its process seems alive; the holder refreshes it. */
  staleMs: number
  /** How long to wait quietly (ms) before saying so: two builds often wait a few milliseconds for each other. */
  noticeMs: number
  /** First wait (ms) between two looks at a held lock; each further one waits twice as long… */
  pollMs: number
  /** …up to this (ms). */
  maxPollMs: number
}

/** The reader's sentence aligner. */
export interface AlignSettings {
  /** English characters per German character (Gale–Church's fixed ratio; German runs about a tenth longer). */
  ratio: number
  /** `tandem memory align`: aligned pairs below this confidence (0–1) are listed, not stored. */
  minConfidence: number
  /** The block aligner's English characters per German character, measured on the Open Source Guides' de/en pairs. */
  blockRatio: number
  /** Its variance of the English length per German character, measured there too. */
  blockVariance: number
}

export const DEFAULTS: Readonly<Settings> = {
  sourceDir: 'content/de',
  targetDir: 'content/en',
  parallelDir: 'content/parallel',
  siteDir: 'site',
  siteUrl: '',
  memoryPath: 'memory/de-en.jsonl',
  writtenDir: 'memory/written',
  glossaryPath: 'glossary/names.tsv',
  glossary: 'required',
  sourceLang: 'de',
  targetLang: 'en-US',
  formality: 'default',
  frontmatterFields: ['title', 'description', 'summary'],
  concurrency: 2,
  ui: 'en',
  provider: 'deepl',
  deepl: {timeoutMs: 30_000, maxTexts: 50, maxBytes: 120 * 1024},
  openai: {
    baseUrl: 'https://api.openai.com/v1',
    model: 'gpt-4o-mini',
    temperature: 0,
    timeoutMs: 120_000,
    maxTexts: 20,
    maxTokens: 3000,
    inputPricePerMillion: 0,
    outputPricePerMillion: 0
  },
  retry: {rateLimitRetries: 8, transientRetries: 4, initialDelayMs: 1000, maxDelayMs: 60_000},
  price: {perMillion: 20, currency: 'EUR'},
  import: {maxHeadingLength: 80, maxHeadingWords: 10, maxSlugLength: 80},
  align: {ratio: 0.9, minConfidence: 0.5, blockRatio: 0.86, blockVariance: 2.11},
  lock: {staleMs: 60_000, noticeMs: 500, pollMs: 25, maxPollMs: 200}
}

/** Settings where every group may be given in part: what a config file or a caller passes. */
export type SettingsInput = {
  [K in keyof Settings]?: Settings[K] extends readonly unknown[] ? Settings[K] : Settings[K] extends object ? Partial<Settings[K]> : Settings[K]
}
