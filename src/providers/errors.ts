import {TandemError} from '../core/errors.ts'
import type {Phrase} from '../core/phrase.ts'

/** A provider failed; subclasses say why, so the scheduler can retry and the CLI can pick a message and an exit code. */
export class ProviderError extends TandemError {
  override readonly name: string = 'ProviderError'
}

/** The key was refused (HTTP 403). Never retried. */
export class ProviderAuthorizationError extends ProviderError {
  override readonly name: string = 'ProviderAuthorizationError'
}

/** The character quota is used up (HTTP 456). Never retried: it stops the build. */
export class ProviderQuotaError extends ProviderError {
  override readonly name: string = 'ProviderQuotaError'
}

/** A failure that may pass: retried with backoff by `RequestScheduler`. */
export class ProviderRetryableError extends ProviderError {
  override readonly name: string = 'ProviderRetryableError'
  /** How long the service asked to wait (`Retry-After`), when the client could read it. */
  readonly retryAfterMs: number | undefined

  constructor(message: string | Phrase, options: ErrorOptions & {retryAfterMs?: number} = {}) {
    super(message, options)
    this.retryAfterMs = options.retryAfterMs
  }
}

/** Rate-limited (HTTP 429); still so after every retry when it reaches the build. */
export class ProviderRateLimitError extends ProviderRetryableError {
  override readonly name: string = 'ProviderRateLimitError'
}

/** A server error (5xx), a timeout or a reset connection; still so after every retry when it reaches the build. */
export class ProviderUnavailableError extends ProviderRetryableError {
  override readonly name: string = 'ProviderUnavailableError'
}

/** The service could not be reached at all (refused connection, unknown host). Not retried. */
export class ProviderConnectionError extends ProviderError {
  override readonly name: string = 'ProviderConnectionError'
}

/**
 * The provider answered, but not usably for one text (an LLM left its id out, sent it twice, or cut the answer
 * short, even with the text alone in its request). Reported at that segment; the other texts are kept.
 */
export class ProviderBadAnswerError extends ProviderError {
  override readonly name: string = 'ProviderBadAnswerError'
}
