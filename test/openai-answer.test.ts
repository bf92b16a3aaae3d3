/** Reading an LLM's answer (src/providers/openai-answer.ts) and the small pieces of the OpenAI provider. */
import fc from 'fast-check'
import {describe, expect, it} from 'vitest'
import {matchAnswer, parseAnswer, type AnswerItem} from '../src/providers/openai-answer.ts'
import {reescape, retryAfter, shareUsage} from '../src/providers/openai.ts'
import {planRequests, type Miss} from '../src/providers/plan.ts'
import {openaiLimits} from '../src/providers/openai.ts'
import {englishText} from '../src/core/phrase.ts'

/** Items with distinct ids, and texts of any characters (braces, quotes, backticks and tags included). */
const items = fc
  .uniqueArray(fc.record({id: fc.string({minLength: 1, maxLength: 6}), text: fc.string({unit: 'grapheme', maxLength: 40})}), {
    selector: (item) => item.id,
    maxLength: 8
  })
  .map((list): AnswerItem[] => list)

/** Prose a model puts around its JSON: no braces or brackets, which would start a JSON value of their own. */
const prose = fc.string({maxLength: 30}).map((text) => text.replace(/[{}[\]`]/g, ''))

type Wrapping = (json: string, before: string, after: string) => string
const wrappings: Record<string, Wrapping> = {
  bare: (json) => json,
  spaced: (json) => `\n  ${json}\n`,
  fenced: (json) => '```json\n' + json + '\n```',
  'fenced without a language': (json) => '```\n' + json + '```',
  'prose around': (json, before, after) => `${before}\n${json}\n${after}`,
  'fence in prose': (json, before, after) => `${before}\n\`\`\`json\n${json}\n\`\`\`\n${after}`
}

describe('parseAnswer', () => {
  it('finds exactly the items, however the JSON is wrapped', () => {
    fc.assert(
      fc.property(items, fc.constantFrom(...Object.keys(wrappings)), prose, prose, fc.boolean(), (list, wrapping, before, after, pretty) => {
        const json = JSON.stringify({translations: list}, null, pretty ? 2 : undefined)
        const wrap = wrappings[wrapping] as Wrapping
        expect(parseAnswer(wrap(json, before, after))).toEqual({items: list})
      })
    )
  })

  it('takes numbers for ids and a bare list of items', () => {
    expect(parseAnswer('{"translations": [{"id": 1, "text": "One"}]}')).toEqual({items: [{id: '1', text: 'One'}]})
    expect(parseAnswer('[{"id": "2", "text": "Two"}]')).toEqual({items: [{id: '2', text: 'Two'}]})
  })

  it('says why an answer is unusable', () => {
    // The reason is a phrase (the CLI says it in the user's language); its English is what the message shows.
    const why = (answer: ReturnType<typeof parseAnswer>) => ('error' in answer ? englishText(answer.error) : answer)
    expect(why(parseAnswer('{"translations": [{"id": "1", "text": "cut sh'))).toEqual('no JSON object with `translations` in the answer')
    expect(why(parseAnswer('{"answers": []}'))).toEqual('the answer has no `translations` list')
    expect(why(parseAnswer('{"translations": [{"id": "1"}]}'))).toEqual('an item of `translations` lacks a string `id` or `text`')
    expect(why(parseAnswer('I cannot translate this.'))).toEqual('no JSON object with `translations` in the answer')
  })
})

describe('matchAnswer', () => {
  it('matches by id, never by order', () => {
    fc.assert(
      fc.property(items, fc.infiniteStream(fc.nat()), (list, randoms) => {
        const shuffled = [...list].sort(() => (randoms.next().value % 3) - 1)
        const matched = matchAnswer(shuffled, list.map((item) => item.id))
        expect(matched).toEqual({texts: new Map(list.map((item) => [item.id, item.text]))})
      })
    )
  })

  it('trusts no item of an answer whose ids are not exactly the ones asked, each once', () => {
    fc.assert(
      fc.property(items.filter((list) => list.length > 0), fc.nat(), fc.constantFrom('drop', 'double', 'invent'), (list, at, how) => {
        const index = at % list.length
        const ids = list.map((item) => item.id)
        const item = list[index] as AnswerItem
        const answer =
          how === 'drop'
            ? list.filter((_, position) => position !== index)
            : how === 'double'
              ? [...list, item]
              : [...list, {id: `${ids.join('')}x`, text: 'invented'}]
        expect('error' in matchAnswer(answer, ids)).toBe(true)
      })
    )
  })
})

describe('the provider’s pieces', () => {
  it('reads retry-after-ms before Retry-After, in seconds or as a date', () => {
    expect(retryAfter(new Headers({'retry-after-ms': '250', 'retry-after': '9'}))).toBe(250)
    expect(retryAfter(new Headers({'retry-after': '2'}))).toBe(2000)
    expect(retryAfter(new Headers({'retry-after': 'Wed, 02 Dec 2026 10:00:05 GMT'}), Date.parse('Wed, 02 Dec 2026 10:00:00 GMT'))).toBe(5000)
    expect(retryAfter(new Headers())).toBeUndefined()
    expect(retryAfter(undefined)).toBeUndefined()
  })

  it('escapes a decoded < or > again, and leaves tagged text as tandem writes it alone', () => {
    const pieces = ['<b>', '</b>', '<i>', '</i>', '<a id="1">', '</a>', '<x id="2"/>', '<n>', '</n>', '&lt;', '&gt;', '&amp;', 'Wort', ' ', '5', '.']
    fc.assert(
      fc.property(fc.array(fc.constantFrom(...pieces), {maxLength: 30}), (parts) => {
        const tagged = parts.join('')
        expect(reescape(tagged)).toBe(tagged)
        expect(reescape(tagged.replaceAll('&lt; ', '< ').replaceAll(' &gt;', ' >'))).toBe(tagged)
      })
    )
    expect(reescape('x < 5 and y > 2, <b>z</b>')).toBe('x &lt; 5 and y &gt; 2, <b>z</b>')
  })

  it('shares a request’s usage among its texts in whole tokens that add up', () => {
    fc.assert(
      fc.property(fc.nat(100_000), fc.nat(100_000), fc.array(fc.nat(2000), {minLength: 1, maxLength: 30}), (prompt, completion, lengths) => {
        const shares = shareUsage({prompt, completion}, lengths)
        expect(shares).toHaveLength(lengths.length)
        expect(shares.reduce((sum, share) => sum + share.prompt, 0)).toBe(prompt)
        expect(shares.reduce((sum, share) => sum + share.completion, 0)).toBe(completion)
        for (const share of shares) expect(share.prompt >= 0 && share.completion >= 0).toBe(true)
      })
    )
  })

  it('plans LLM requests within texts and tokens, every text once, in order', () => {
    fc.assert(
      fc.property(fc.array(fc.string({minLength: 1, maxLength: 400}), {maxLength: 60}), fc.integer({min: 1, max: 30}), fc.integer({min: 400, max: 4000}), (texts, maxTexts, maxTokens) => {
        const misses: Miss[] = texts.map((text, index) => ({key: `k${index}`, source: text, text: text.replace(/[<&]/g, ' '), before: '', after: ''}))
        const limits = openaiLimits({maxTexts, maxTokens})
        const plan = planRequests(misses, limits)
        expect(plan.batches.flat().map((request) => request.id)).toEqual(misses.map((miss) => miss.key))
        for (const batch of plan.batches) {
          expect(batch.length).toBeLessThanOrEqual(maxTexts)
          const tokens = batch.reduce((sum, request) => sum + 2 * (Math.ceil(request.text.length / 4) + 8), 0)
          if (batch.length > 1) expect(tokens).toBeLessThanOrEqual(maxTokens)
        }
      })
    )
  })
})
