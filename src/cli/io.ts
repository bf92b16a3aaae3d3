import {spawnSync} from 'node:child_process'
import path from 'node:path'
import type {i18n} from 'i18next'
import type {VFile} from 'vfile'
import type {LockWait} from '../core/lock-file.ts'
import {countMessages, formatMessages} from './report.ts'

/** Exit codes (textlint's convention, plus one for an empty quota, and a shell's 128 + SIGINT): only the CLI picks them. */
export const EXIT = {ok: 0, errors: 1, fatal: 2, quota: 3, interrupted: 130} as const

/** Where a command reads and writes; tests pass their own. */
export interface CliIo {
  cwd: string
  env: NodeJS.ProcessEnv
  stdout: (text: string) => void
  stderr: (text: string) => void
  /** Where file reports (errors and warnings) go (default: `stderr`); `--quiet` keeps them. */
  report?: (text: string) => void
  /** Where a build shows its progress: a bar on a terminal, lines otherwise; unset, none (tests that compare stderr). */
  progress?: NodeJS.WritableStream & {isTTY?: boolean}
  /**
   * Tells `listener` of each Ctrl-C (SIGINT) and SIGTERM until the returned function is called; unset, a build
   * is not told (and a signal ends the process as it would anyway).
   */
  interrupts?: (listener: () => void) => () => void
}

/** `CliIo.interrupts` for the real process. */
export function processInterrupts(listener: () => void): () => void {
  process.on('SIGINT', listener)
  process.on('SIGTERM', listener)
  return () => {
    process.off('SIGINT', listener)
    process.off('SIGTERM', listener)
  }
}

/** Print the messages of `files` in `ui`'s language and return the exit code they call for. */
export function reportFiles(files: readonly VFile[], io: CliIo, ui: i18n): number {
  const report = formatMessages(files, io.cwd, ui)
  if (report) (io.report ?? io.stderr)(report)
  return countMessages(files).errors > 0 ? EXIT.errors : EXIT.ok
}

export {fileExists} from '../core/file-exists.ts'

/** `tandem: waiting for memory/de-en.jsonl.lock: …`, with the lock's path relative to the project. */
export function lockWaitLine(wait: LockWait, io: CliIo, ui: i18n): string {
  const lock = path.relative(io.cwd, wait.lock).split(path.sep).join('/')
  const line = wait.holder
    ? ui.t('cli.memoryWait', {lock, pid: wait.holder.pid, since: wait.holder.since})
    : ui.t('cli.memoryWaitUnknown', {lock})
  return `tandem: ${line}`
}

/** Who harvested post-edits are recorded as: `--author`, else git's `user.name` in the project, else no one. */
export function authorOption(author: string | undefined, root: string): {author?: string} {
  if (author !== undefined) return author.trim() === '' ? {} : {author: author.trim()}
  const git = spawnSync('git', ['config', 'user.name'], {cwd: root, encoding: 'utf8', timeout: 5000})
  const name = git.status === 0 ? git.stdout.trim() : ''
  return name === '' ? {} : {author: name}
}
