import path from 'node:path'
import type {i18n} from 'i18next'
import type {VFile} from 'vfile'
import type {VFileMessage} from 'vfile-message'
import {createI18n, say} from '../i18n/index.ts'

/** `fatal: true` is an error, `false` a warning, unset an info, as in vfile-reporter. */
export function severity(message: VFileMessage): 'error' | 'warning' | 'info' {
  return message.fatal === true ? 'error' : message.fatal === false ? 'warning' : 'info'
}

/** Messages in file order: by line, then column, then reason. */
export function sortMessages(messages: readonly VFileMessage[]): VFileMessage[] {
  return [...messages].sort(
    (a, b) => (a.line ?? 0) - (b.line ?? 0) || (a.column ?? 0) - (b.column ?? 0) || a.reason.localeCompare(b.reason)
  )
}

const english = createI18n('en')

/**
 * One line per message, remark-lint style, with the place first so editors can jump to it:
 * `content/de/x.md:12:1  error  no translation for "…"  no-translation`. In `ui`'s language: the severity, and
 * tandem's messages by their phrase (another's keep their reason); the rule id is the same in every language.
 */
export function formatMessages(files: readonly VFile[], cwd: string, ui: i18n = english): string {
  const lines: string[] = []
  for (const file of files) {
    const name = file.path ? path.relative(cwd, file.path).split(path.sep).join('/') : '<stdin>'
    for (const message of sortMessages(file.messages)) {
      const place = `${name}:${message.line ?? 1}:${message.column ?? 1}`
      const reason = message.phrase ? say(ui, message.phrase) : message.reason
      lines.push([place, ui.t(`cli.severity.${severity(message)}`), reason, message.ruleId ?? ''].filter(Boolean).join('  '))
    }
  }
  return lines.join('\n')
}

export function countMessages(files: readonly VFile[]): {errors: number; warnings: number} {
  let errors = 0
  let warnings = 0
  for (const file of files) {
    for (const message of file.messages) {
      if (message.fatal === true) errors++
      else if (message.fatal === false) warnings++
    }
  }
  return {errors, warnings}
}
