import {englishText, phrase, type Phrase} from './phrase.ts'

/**
 * Base of every error tandem raises on purpose; the class is the signal, `cause` keeps the original. Made from a
 * phrase, it keeps it (`phrase`) beside its English `message`, so that the CLI can say it in the user's language.
 */
export class TandemError extends Error {
  override readonly name: string = 'TandemError'
  readonly phrase: Phrase | undefined

  constructor(message: string | Phrase, options?: ErrorOptions) {
    super(typeof message === 'string' ? message : englishText(message), options)
    this.phrase = typeof message === 'string' ? undefined : message
  }
}

/** Bad configuration or command-line input. */
export class ConfigError extends TandemError {
  override readonly name: string = 'ConfigError'
}

/** A broken translation memory file. */
export class MemoryError extends TandemError {
  override readonly name: string = 'MemoryError'
}

/** The build was asked to stop (Ctrl-C, SIGTERM): nothing more is sent; what arrived is kept. */
export class BuildInterruptedError extends TandemError {
  override readonly name: string = 'BuildInterruptedError'
  constructor() {
    super(phrase('errors.interrupted', 'not built: the build was interrupted before its translations arrived'))
  }
}

/** What an error says, as a phrase when it has one (tandem's own), else its message. */
export function errorText(error: unknown): Phrase | string {
  if (error instanceof TandemError && error.phrase) return error.phrase
  return error instanceof Error ? error.message : String(error)
}
