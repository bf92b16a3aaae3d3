/**
 * What the i18n test reads from src/ with the TypeScript compiler: every `phrase(key, english, params)` call, the
 * vfile message calls that bypass `fileMessage`, and the string literals that the CLI would print without i18next.
 */
import {readdirSync, readFileSync} from 'node:fs'
import path from 'node:path'
import ts from 'typescript'
import {repoRoot} from './project.ts'

export const srcDir = path.join(repoRoot, 'src')

/** Every .ts file under `dir`, relative to src/, with its parsed source. */
export function sourceFiles(dir = srcDir): Array<{file: string; source: ts.SourceFile}> {
  return readdirSync(dir, {recursive: true, encoding: 'utf8'})
    .filter((file) => file.endsWith('.ts'))
    .sort()
    .map((file) => {
      const relative = path.relative(srcDir, path.join(dir, file)).split(path.sep).join('/')
      return {file: relative, source: parse(relative, readFileSync(path.join(dir, file), 'utf8'))}
    })
}

export function parse(file: string, text: string): ts.SourceFile {
  return ts.createSourceFile(file, text, ts.ScriptTarget.Latest, true)
}

function walk(node: ts.Node, visit: (node: ts.Node) => void): void {
  visit(node)
  ts.forEachChild(node, (child) => walk(child, visit))
}

function where(source: ts.SourceFile, node: ts.Node): string {
  const {line, character} = source.getLineAndCharacterOfPosition(node.getStart(source))
  return `${source.fileName}:${line + 1}:${character + 1}`
}

export interface PhraseCall {
  /** `file:line:column` of the call. */
  at: string
  key: string
  english: string
  /** The placeholder names of an object-literal `params` (undefined when params is no plain literal). */
  params: string[] | undefined
}

/** Every `phrase(…)` call; a key or English that is not a string literal is listed in `problems`. */
export function phraseCalls(files = sourceFiles()): {calls: PhraseCall[]; problems: string[]} {
  const calls: PhraseCall[] = []
  const problems: string[] = []
  for (const {source} of files) {
    walk(source, (node) => {
      if (!ts.isCallExpression(node) || !ts.isIdentifier(node.expression) || node.expression.text !== 'phrase') return
      const [key, english, params] = node.arguments
      if (!key || !english || !ts.isStringLiteralLike(key) || !ts.isStringLiteralLike(english)) {
        // The definition itself passes its parameters on.
        if (!(source.fileName === 'core/phrase.ts')) problems.push(`${where(source, node)}: phrase() needs a literal key and English`)
        return
      }
      let names: string[] | undefined = []
      if (params && ts.isObjectLiteralExpression(params)) {
        for (const property of params.properties) {
          if ((ts.isPropertyAssignment(property) || ts.isShorthandPropertyAssignment(property)) && (ts.isIdentifier(property.name) || ts.isStringLiteral(property.name))) {
            names.push(property.name.text)
          } else names = undefined
          if (!names) break
        }
      } else if (params) names = undefined
      calls.push({at: where(source, node), key: key.text, english: english.text, params: names?.sort()})
    })
  }
  return {calls, problems}
}

/** Calls of `.message(…)`, `.fail(…)` and `.info(…)`, and `ruleId:` properties: vfile messages made without `fileMessage`. */
export function bypassingMessages(files = sourceFiles()): string[] {
  const found: string[] = []
  for (const {file, source} of files) {
    if (file === 'core/phrase.ts') continue
    walk(source, (node) => {
      if (ts.isCallExpression(node) && ts.isPropertyAccessExpression(node.expression) && ['message', 'fail', 'info'].includes(node.expression.name.text)) {
        found.push(`${where(source, node)}: ${node.getText(source).slice(0, 60)}`)
      }
      if (ts.isPropertyAssignment(node) && ts.isIdentifier(node.name) && node.name.text === 'ruleId') found.push(`${where(source, node)}: ${node.getText(source).slice(0, 60)}`)
    })
  }
  return found
}

/** What the CLI prints through, and which argument of each is text: `io.stderr(x)`, `.description(x)`, `.option(flags, x)`… */
const printArguments: Readonly<Record<string, number>> = {
  stdout: 0,
  stderr: 0,
  report: 0,
  write: 0,
  note: 0,
  log: 0,
  warn: 0,
  error: 0,
  description: 0,
  option: 1,
  requiredOption: 1,
  argument: 1,
  helpOption: 1,
  helpCommand: 1,
  version: 2
}
/** Errors the CLI throws, whose message main() prints. */
const printedErrors = new Set(['TandemError', 'ConfigError', 'InvalidArgumentError', 'Option'])
/** Options that are printed: the progress bar's `format` (`new SingleBar({format})`) and `note` (`bar.update({note})`). */
const printedOptions: Readonly<Record<string, string>> = {SingleBar: 'format', update: 'note'}
/** Calls whose result is already in the interface language: i18next's `t`, and `say` of a phrase. */
const translating = new Set(['t', 'say'])

/**
 * Pure formatting, which needs no translation: no run of two letters once the program's own name is taken out
 * (punctuation, white space, table rules, numbers, placeholders of values).
 */
export function isFormatting(text: string): boolean {
  return !/\p{L}{2,}/u.test(text.replace(/\btandem\b/g, '').replace(/\.(md|json|jsonl|tsv|tmx|xlf|tbx)\b/g, ''))
}

/**
 * The string literals that src/cli would print without going through i18next: an argument of a print call, a
 * printed error or a commander description is followed through template literals, `+`, `?:`, `??`, arrays
 * joined, local constants and the return values of functions declared anywhere in `files`; the values of `t(…)`
 * and `say(…)` are translated, their keys are not text.
 */
export function untranslatedPrints(files: ReadonlyArray<{file: string; source: ts.SourceFile}>): string[] {
  const functions = new Map<string, Array<{source: ts.SourceFile; node: ts.FunctionLikeDeclaration}>>()
  for (const {source} of files) {
    walk(source, (node) => {
      if ((ts.isFunctionDeclaration(node) || ts.isMethodDeclaration(node)) && node.name && ts.isIdentifier(node.name) && node.body) {
        functions.set(node.name.text, [...(functions.get(node.name.text) ?? []), {source, node}])
      }
    })
  }
  const found = new Set<string>()
  for (const {source} of files) {
    const constants = new Map<string, ts.Expression>()
    walk(source, (node) => {
      if (ts.isVariableDeclaration(node) && ts.isIdentifier(node.name) && node.initializer) constants.set(node.name.text, node.initializer)
    })
    const seen = new Set<ts.Node>()
    const check = (node: ts.Node | undefined, in_: ts.SourceFile, locals: ReadonlyMap<string, ts.Expression>): void => {
      if (!node || seen.has(node)) return
      seen.add(node)
      if (ts.isStringLiteralLike(node)) {
        if (!isFormatting(node.text)) found.add(`${where(in_, node)}: ${JSON.stringify(node.text)}`)
      } else if (ts.isTemplateExpression(node)) {
        const text = [node.head.text, ...node.templateSpans.map((span) => span.literal.text)].join(' ')
        if (!isFormatting(text)) found.add(`${where(in_, node)}: ${JSON.stringify(node.getText(in_))}`)
        for (const span of node.templateSpans) check(span.expression, in_, locals)
      } else if (ts.isCallExpression(node)) {
        const callee = node.expression
        const name = ts.isIdentifier(callee) ? callee.text : ts.isPropertyAccessExpression(callee) ? callee.name.text : undefined
        if (name && translating.has(name)) {
          // A value passed to i18next is printed as it is.
          const values = node.arguments[1]
          if (values && ts.isObjectLiteralExpression(values)) for (const property of values.properties) check(ts.isPropertyAssignment(property) ? property.initializer : undefined, in_, locals)
          return
        }
        if (ts.isPropertyAccessExpression(callee)) check(callee.expression, in_, locals)
        for (const argument of node.arguments) check(argument, in_, locals)
        if (ts.isIdentifier(callee)) for (const declared of functions.get(callee.text) ?? []) checkReturns(declared.node, declared.source)
      } else if (ts.isIdentifier(node)) {
        check(locals.get(node.text), in_, locals)
      } else if (ts.isBinaryExpression(node)) {
        check(node.left, in_, locals)
        check(node.right, in_, locals)
      } else if (ts.isConditionalExpression(node)) {
        check(node.whenTrue, in_, locals)
        check(node.whenFalse, in_, locals)
      } else if (ts.isParenthesizedExpression(node) || ts.isAsExpression(node) || ts.isNonNullExpression(node) || ts.isSpreadElement(node)) {
        check(node.expression, in_, locals)
      } else if (ts.isArrayLiteralExpression(node)) {
        for (const element of node.elements) check(element, in_, locals)
      } else if (ts.isArrowFunction(node) || ts.isFunctionExpression(node)) {
        checkReturns(node, in_)
      }
    }
    const checkReturns = (declaration: ts.FunctionLikeDeclaration, in_: ts.SourceFile) => {
      if (seen.has(declaration)) return
      seen.add(declaration)
      const body = declaration.body
      if (!body) return
      if (!ts.isBlock(body)) return check(body, in_, in_ === source ? constants : localConstants(in_))
      walk(body, (node) => {
        if (ts.isReturnStatement(node)) check(node.expression, in_, in_ === source ? constants : localConstants(in_))
      })
    }
    walk(source, (node) => {
      if (ts.isCallExpression(node)) {
        const callee = node.expression
        const name = ts.isPropertyAccessExpression(callee) ? callee.name.text : ts.isParenthesizedExpression(callee) ? 'stderr' : undefined
        const index = name === undefined ? undefined : printArguments[name]
        // `(io.report ?? io.stderr)(text)` prints too.
        if (index !== undefined && (name !== 'stderr' || !ts.isParenthesizedExpression(callee) || /\.(stderr|report)\b/.test(callee.getText(source)))) {
          check(node.arguments[index], source, constants)
        }
      }
      if (ts.isNewExpression(node) && ts.isIdentifier(node.expression) && printedErrors.has(node.expression.text)) {
        check(node.arguments?.[node.expression.text === 'Option' ? 1 : 0], source, constants)
      }
      const optionsOf = ts.isNewExpression(node) && ts.isIdentifier(node.expression) ? node.expression.text : ts.isCallExpression(node) && ts.isPropertyAccessExpression(node.expression) ? node.expression.name.text : undefined
      const printed = optionsOf === undefined ? undefined : printedOptions[optionsOf]
      const options = printed && (ts.isNewExpression(node) || ts.isCallExpression(node)) ? node.arguments?.[0] : undefined
      if (printed && options && ts.isObjectLiteralExpression(options)) {
        for (const property of options.properties) {
          if (ts.isPropertyAssignment(property) && ts.isIdentifier(property.name) && property.name.text === printed) check(property.initializer, source, constants)
        }
      }
    })
  }
  return [...found].sort()
}

function localConstants(source: ts.SourceFile): Map<string, ts.Expression> {
  const constants = new Map<string, ts.Expression>()
  walk(source, (node) => {
    if (ts.isVariableDeclaration(node) && ts.isIdentifier(node.name) && node.initializer) constants.set(node.name.text, node.initializer)
  })
  return constants
}
