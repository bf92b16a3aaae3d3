import {readFileSync} from 'node:fs'

/** The version in package.json: two folders up both from src/core/ (a clone) and from dist/core/ (the package). */
export function packageVersion(): string {
  if (version !== undefined) return version
  const manifest = JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8')) as {version?: unknown}
  version = typeof manifest.version === 'string' ? manifest.version : '0.0.0'
  return version
}

let version: string | undefined
