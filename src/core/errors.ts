/** Base of every error tandem raises on purpose; the class is the signal, `cause` keeps the original. */
export class TandemError extends Error {
  override readonly name: string = 'TandemError'
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
    super('not built: the build was interrupted before its translations arrived')
  }
}
