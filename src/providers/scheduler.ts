import {DEFAULTS} from '../core/defaults.ts'
import {setTimeout as sleep} from 'node:timers/promises'
import pLimit, {type LimitFunction} from 'p-limit'
import {ProviderAuthorizationError, ProviderQuotaError, ProviderRateLimitError, ProviderRetryableError, type ProviderError} from './errors.ts'

/**
 * The one place where provider requests are retried (design.md "Providers").
 * deepl-node's own retries are switched off (`maxRetries: 0`), so each attempt here is one HTTP request:
 * a 456 or 403 stops every request not yet sent, a stopped build wakes every waiting one, and a 429 pauses
 * all requests, not just the one refused.
 */
export interface RetryOptions {
  /** Retries of a rate-limited request, HTTP 429 (default: 8). */
  rateLimitRetries: number
  /** Retries of a server error (5xx), a timeout or a reset connection (default: 4). */
  transientRetries: number
  /** First wait in ms; each further retry of the same request waits 1.6 times longer, ±23 % jitter (default: 1000). */
  initialDelayMs: number
  /** Longest backoff wait in ms (default: 60000). A provider that can read `Retry-After` puts it on its error and that wait is kept, up to 10 minutes; deepl-node cannot, so DeepL's never arrives. */
  maxDelayMs: number
}

export interface SchedulerOptions extends RetryOptions {
  /** Requests in flight at once (default: 2). */
  maxInFlight: number
  /** Told of every retry before its wait (for logs). */
  onRetry?: (event: RetryEvent) => void
}

export interface RetryEvent {
  error: ProviderRetryableError
  /** 1 for the first retry of this request. */
  retry: number
  waitMs: number
}

export interface SchedulerStats {
  /** Requests sent, retries included. */
  attempts: number
  retries: number
  rateLimited: number
}

/** The scheduler's settings when none are given: `DEFAULTS.retry`, and `DEFAULTS.concurrency` requests in flight. */
function schedulerSettings(): SchedulerOptions {
  return {...DEFAULTS.retry, maxInFlight: DEFAULTS.concurrency}
}

// deepl-node's BackoffTimer uses the same curve; only one of the two layers runs.
const multiplier = 1.6
const jitter = 0.23
const longestRetryAfterMs = 600_000

export class RequestScheduler {
  readonly options: Readonly<SchedulerOptions>
  readonly stats: SchedulerStats = {attempts: 0, retries: 0, rateLimited: 0}
  private readonly limit: LimitFunction
  /** After a 429 no request starts before this time (ms since the epoch). */
  private resumeAt = 0
  /** Aborted by the first refused key or empty quota: every other request would meet it too. */
  private readonly halt = new AbortController()

  constructor(options: Partial<SchedulerOptions> = {}) {
    this.options = {...schedulerSettings(), ...options}
    this.limit = pLimit(this.options.maxInFlight)
  }

  /** The refused key or empty quota that stopped this scheduler: nothing is sent after it. */
  get stoppedBy(): ProviderError | undefined {
    return this.halt.signal.aborted ? (this.halt.signal.reason as ProviderError) : undefined
  }

  /**
   * Run `call` when a slot is free, retrying what may pass. Rejects with `signal.reason` once the signal aborts,
   * and with the first 403 or 456 from any request once there was one.
   */
  run<T>(call: () => Promise<T>, signal?: AbortSignal): Promise<T> {
    const stop = signal ? AbortSignal.any([this.halt.signal, signal]) : this.halt.signal
    return this.limit(async () => {
      let rateLimited = 0
      let transient = 0
      for (;;) {
        stop.throwIfAborted()
        await this.coolDown(stop)
        this.stats.attempts++
        try {
          return await call()
        } catch (error) {
          if (error instanceof ProviderAuthorizationError || error instanceof ProviderQuotaError) {
            if (!this.halt.signal.aborted) this.halt.abort(error)
            throw error
          }
          if (!(error instanceof ProviderRetryableError)) throw error
          const isRateLimit = error instanceof ProviderRateLimitError
          if (isRateLimit) {
            this.stats.rateLimited++
            if (++rateLimited > this.options.rateLimitRetries) throw error
          } else if (++transient > this.options.transientRetries) {
            throw error
          }
          const retry = rateLimited + transient
          const waitMs = Math.max(this.backoff(retry), Math.min(error.retryAfterMs ?? 0, longestRetryAfterMs))
          // A 429 is about the account, not this request: every request waits.
          if (isRateLimit) this.resumeAt = Math.max(this.resumeAt, Date.now() + waitMs)
          this.stats.retries++
          this.options.onRetry?.({error, retry, waitMs})
          await pause(waitMs, stop)
        }
      }
    })
  }

  /** Wait for retry number `retry` (from 1), with jitter. */
  private backoff(retry: number): number {
    const base = Math.min(this.options.initialDelayMs * multiplier ** (retry - 1), this.options.maxDelayMs)
    return Math.round(base * (1 + jitter * (2 * Math.random() - 1)))
  }

  private async coolDown(signal: AbortSignal | undefined): Promise<void> {
    for (let wait = this.resumeAt - Date.now(); wait > 0; wait = this.resumeAt - Date.now()) await pause(wait, signal)
  }
}

async function pause(ms: number, signal: AbortSignal | undefined): Promise<void> {
  try {
    await sleep(ms, undefined, signal ? {signal} : {})
  } catch (error) {
    // Rethrow the reason the build stopped (quota, key), not a bare AbortError.
    signal?.throwIfAborted()
    throw error
  }
}
