import {access} from 'node:fs/promises'
import type {VFile} from 'vfile'
import {countMessages, formatMessages} from './report.ts'

/** Exit codes (textlint's convention, plus one for an empty quota): only the CLI picks them. */
export const EXIT = {ok: 0, errors: 1, fatal: 2, quota: 3} as const

/** Where a command reads and writes; tests pass their own. */
export interface CliIo {
  cwd: string
  env: NodeJS.ProcessEnv
  stdout: (text: string) => void
  stderr: (text: string) => void
  /** Where a build shows its progress: a bar on a terminal, lines otherwise; unset, none (tests that compare stderr). */
  progress?: NodeJS.WritableStream & {isTTY?: boolean}
}

/** Print the messages of `files` and return the exit code they call for. */
export function reportFiles(files: readonly VFile[], io: CliIo): number {
  const report = formatMessages(files, io.cwd)
  if (report) io.stderr(report)
  return countMessages(files).errors > 0 ? EXIT.errors : EXIT.ok
}

export async function fileExists(file: string): Promise<boolean> {
  try {
    await access(file)
    return true
  } catch {
    return false
  }
}
