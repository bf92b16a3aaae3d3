import {describe, expect, it} from 'vitest'
import {deeplLimits, encodedSize, splitIntoBatches} from '../src/providers/batch.ts'
import {billedCharacters} from '../src/providers/billing.ts'
import type {TranslationRequest} from '../src/providers/provider.ts'

function requests(texts: readonly string[]): TranslationRequest[] {
  return texts.map((text, index) => ({id: `r${index}`, text}))
}

function bytes(batch: readonly TranslationRequest[]): number {
  return batch.reduce((sum, request) => sum + encodedSize(request.text), 0)
}

/** The body deepl-node sends for a batch: form-encoded, with the options tandem passes. */
function formBody(batch: readonly TranslationRequest[]): string {
  const body = new URLSearchParams({target_lang: 'en-US', source_lang: 'de', tag_handling: 'xml', ignore_tags: 'n', show_billed_characters: '1'})
  for (const request of batch) body.append('text', request.text)
  return body.toString()
}

describe('deeplLimits', () => {
  it('are 50 texts, and form-encoded texts within 128 KiB less room for the other parameters', () => {
    expect(deeplLimits).toEqual({maxTexts: 50, maxBytes: 120 * 1024})
  })
})

describe('encodedSize', () => {
  it('counts a text as the form body holds it', () => {
    expect(encodedSize('a')).toBe(new URLSearchParams({text: 'a'}).toString().length + 1)
    // "ä" is 2 UTF-8 bytes and 6 characters once percent-encoded.
    expect(encodedSize('ä')).toBe(12)
    expect(encodedSize('<b>x</b>')).toBe('text=%3Cb%3Ex%3C%2Fb%3E&'.length)
  })
})

describe('splitIntoBatches', () => {
  it('splits 120 short texts into 50, 50 and 20, in order', () => {
    const input = requests(Array.from({length: 120}, (_, index) => `Satz ${index}.`))
    const batches = splitIntoBatches(input, deeplLimits)
    expect(batches.map((batch) => batch.length)).toEqual([50, 50, 20])
    expect(batches.flat()).toEqual(input)
    expect(batches[1]?.[0]?.id).toBe('r50')
    expect(batches[2]?.at(-1)?.id).toBe('r119')
  })

  it('returns no batch for no requests', () => {
    expect(splitIntoBatches([], deeplLimits)).toEqual([])
  })

  it('counts percent-encoded bytes, not code units, against the byte limit', () => {
    const umlauts = 'ä'.repeat(3_000) // 18,000 characters encoded, 18,006 with `text=` and `&`
    const texts = Array.from({length: 14}, () => umlauts)
    const batches = splitIntoBatches(requests(texts), deeplLimits)
    // 6 × 18,006 = 108,036 fits in 122,880; a 7th would make 126,042.
    expect(batches.map((batch) => batch.length)).toEqual([6, 6, 2])
    expect(batches.map(bytes)).toEqual([108_036, 108_036, 36_012])
  })

  it('never sends more than 50 texts or a body over 128 KiB for a mix of sizes and scripts, and keeps the order', () => {
    const pieces = ['Grüße aus Kursk. ', '🎉 ', 'Текст по-русски. ', 'Plain ASCII text & <b>tags</b>. ', '北朝鮮 ']
    const texts = Array.from({length: 400}, (_, index) => {
      const piece = pieces[index % pieces.length] ?? ''
      return piece.repeat(1 + ((index * 7919) % 400))
    })
    const input = requests(texts)
    const batches = splitIntoBatches(input, deeplLimits)
    expect(batches.length).toBeGreaterThan(10)
    for (const batch of batches) {
      expect(batch.length).toBeGreaterThan(0)
      expect(batch.length).toBeLessThanOrEqual(50)
      expect(Buffer.byteLength(formBody(batch))).toBeLessThanOrEqual(128 * 1024)
    }
    expect(batches.flat()).toEqual(input)
    // Greedy: a batch closes only because the next text would not fit.
    for (const [index, batch] of batches.entries()) {
      const next = batches[index + 1]?.[0]
      if (next && batch.length < 50) expect(bytes(batch) + encodedSize(next.text)).toBeGreaterThan(deeplLimits.maxBytes)
    }
  })

  it('fills a batch to exactly the byte limit, and not one byte more', () => {
    // Each one-letter text takes 7 bytes (`text=a&`): three fit in 21, the fourth does not.
    const batches = splitIntoBatches(requests(['a', 'b', 'c', 'd', 'e']), {maxTexts: 50, maxBytes: 21})
    expect(batches.map((batch) => batch.map((request) => request.text))).toEqual([['a', 'b', 'c'], ['d', 'e']])
  })

  it('closes a batch at maxTexts even when bytes are left', () => {
    const batches = splitIntoBatches(requests(['a', 'b', 'c', 'd', 'e']), {maxTexts: 2, maxBytes: 1000})
    expect(batches.map((batch) => batch.map((request) => request.text))).toEqual([['a', 'b'], ['c', 'd'], ['e']])
  })

  it('sends a single text over the byte limit alone', () => {
    const limits = {maxTexts: 50, maxBytes: 8}
    const batches = splitIntoBatches(requests(['kurz', 'ein viel zu langer Text', 'ok']), limits)
    expect(batches.map((batch) => batch.map((request) => request.text))).toEqual([['kurz'], ['ein viel zu langer Text'], ['ok']])
  })
})

describe('billedCharacters', () => {
  it('counts Unicode code points of the text', () => {
    expect(billedCharacters('Grüße')).toBe(5)
    expect(billedCharacters('🎉')).toBe(1)
    expect(billedCharacters('a🎉b')).toBe(3)
    expect(billedCharacters('')).toBe(0)
  })

  it('does not bill tags or their attributes', () => {
    expect(billedCharacters('<b>fett</b>')).toBe(4)
    expect(billedCharacters('Laut <a id="12">Reuters</a> und <x id="3"/>.')).toBe('Laut Reuters und .'.length)
    expect(billedCharacters('<x id="1"/>')).toBe(0)
  })

  it('counts an entity as the one character it stands for', () => {
    expect(billedCharacters('A &amp; B')).toBe(5)
    expect(billedCharacters('&lt;&gt;&quot;&apos;')).toBe(4)
    expect(billedCharacters('&#x1F389;')).toBe(1)
  })
})
