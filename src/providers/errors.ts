import {TandemError} from '../errors.ts'

/** A provider failed; subclasses say why, so the CLI can pick a message and an exit code. */
export class ProviderError extends TandemError {
  override readonly name: string = 'ProviderError'
}

/** The key was refused (HTTP 403). */
export class ProviderAuthorizationError extends ProviderError {
  override readonly name: string = 'ProviderAuthorizationError'
}

/** The character quota is used up (HTTP 456). */
export class ProviderQuotaError extends ProviderError {
  override readonly name: string = 'ProviderQuotaError'
}

/** Still rate-limited after every retry (HTTP 429). */
export class ProviderRateLimitError extends ProviderError {
  override readonly name: string = 'ProviderRateLimitError'
}

/** The service could not be reached, or kept failing. */
export class ProviderConnectionError extends ProviderError {
  override readonly name: string = 'ProviderConnectionError'
}
