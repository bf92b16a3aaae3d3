/** Every DeepL glossary tandem makes from `names.tsv` is named with this prefix; sync deletes the stale ones. */
export const deeplGlossaryPrefix = 'tandem-names-'

/** Hex digits of the names file's sha256 that the glossary name carries. */
const hashDigits = 12

/**
 * The name of the DeepL glossary built from the names file whose sha256 is `glossaryHash`
 * (`project.glossaryHash`): `tandem-names-<first 12 hex digits>`. A changed file gets a new name.
 * Undefined without a names file (an empty hash): there is nothing to sync.
 */
export function deeplGlossaryName(glossaryHash: string): string | undefined {
  if (glossaryHash === '') return undefined
  if (!/^[\da-f]{64}$/.test(glossaryHash)) throw new TypeError(`expected a sha256 in hex, not \`${glossaryHash}\``)
  return deeplGlossaryPrefix + glossaryHash.slice(0, hashDigits)
}
