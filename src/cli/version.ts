import {readFileSync} from 'node:fs'

/** The version in package.json: two folders up both from src/cli/ (a clone) and from dist/cli/ (the package). */
export function packageVersion(): string {
  const manifest = JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8')) as {version?: unknown}
  return typeof manifest.version === 'string' ? manifest.version : '0.0.0'
}
