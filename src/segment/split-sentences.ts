/**
 * German-aware sentence splitting: ICU's sentence boundaries (UAX #29, through `Intl.Segmenter`)
 * with the breaks vetoed that German abbreviations, initials and ordinals cause there:
 * "z. B.", "Dr. med.", "Nr. 5", "24. Februar", "am 3. Tag" do not end sentences.
 *
 * A missed break only makes a piece longer; a wrong break splits a sentence in two.
 * Where unsure, this keeps the text together.
 */

const segmenter = new Intl.Segmenter('de', {granularity: 'sentence'})

/** Abbreviations that never end a sentence (matched as written, or with a capital first letter). */
const neverFinal = new Set([
  // titles and degrees
  'Dr', 'Drs', 'Prof', 'Hr', 'Hrn', 'Fr', 'Frl', 'Dipl', 'Ing', 'med', 'phil', 'jur', 'rer', 'nat', 'dent', 'vet',
  'habil', 'theol', 'pol', 'oec', 'mult', 'St', 'Mr', 'Mrs', 'Ms', 'Gebr', 'Hl', 'hl',
  // references and numbers
  'Nr', 'Nrn', 'Bd', 'Bde', 'Kap', 'Anm', 'Ziff', 'Rn', 'Hrsg', 'hrsg', 'Aufl', 'Tel', 'Str', 'Mio', 'Mrd', 'Tsd',
  'Jh', 'Jhd', 'Jhdt', 'Chr',
  // words
  'bzw', 'ca', 'vgl', 'sog', 'ggf', 'evtl', 'inkl', 'exkl', 'zzgl', 'bspw', 'insb', 'insbes', 'allg', 'einschl', 'urspr',
  'ehem', 'zit', 'ebd', 'gem', 'lt', 'bzgl', 'betr', 'geb', 'gest', 'verh', 'zz', 'zzt', 'mind', 'max', 'vs', 'ggü', 'Abt',
  // months and weekdays
  'Jan', 'Feb', 'Mär', 'Apr', 'Jun', 'Jul', 'Aug', 'Sep', 'Sept', 'Okt', 'Nov', 'Dez', 'Mo', 'Di', 'Mi', 'Do', 'Sa'
])

/** Abbreviations that may close a sentence: a break after them stands unless a digit or small letter follows. */
const maybeFinal = new Set(['usw', 'etc', 'usf', 'uvm', 'ff', 'Co'])

/** Abbreviations written before a number ("Art. 5", "Abs. 2"): no break when a number follows. */
const beforeNumber = new Set(['Art', 'Abs', 'Abschn', 'Abb', 'Tab', 'Fig', 'Bsp', 'Pkt', 'Kl'])

const months = new Set([
  'Januar', 'Jänner', 'Februar', 'März', 'April', 'Mai', 'Juni', 'Juli', 'August', 'September', 'Oktober', 'November', 'Dezember',
  'Jan.', 'Feb.', 'Mär.', 'Apr.', 'Jun.', 'Jul.', 'Aug.', 'Sep.', 'Sept.', 'Okt.', 'Nov.', 'Dez.'
])

/** Words that make the number after them an ordinal: "am 3. Tag", "der 2. Weltkrieg", "zum 5. Mal". */
const ordinalLead = new Set([
  'am', 'vom', 'zum', 'im', 'beim', 'bis', 'ab', 'seit', 'der', 'die', 'das', 'den', 'dem', 'des', 'ein', 'eine', 'einem',
  'einen', 'einer', 'jeden', 'jedem', 'jeder', 'sein', 'seinem', 'seinen', 'seiner', 'ihr', 'ihrem', 'ihren', 'ihrer',
  'zu', 'zur', 'für', 'vor', 'nach', 'mit', 'um', 'an', 'auf', 'in', 'über', 'unter'
])

const leadingPunctuation = /^[([{„“"'‚‘»«<]+/u

// V8's segmenter slows down sharply on long strings (12 s for 136,000 characters on Node 20), so it reads windows.
const window = 8192
// ICU looks a little ahead to place a break; a break closer than this to a window's end is found again in the next one.
const margin = 256

/** Offsets in `text` where a sentence other than the first starts (after the space that ends the one before). */
export function sentenceStarts(text: string): number[] {
  const starts: number[] = []
  let last = 0
  let from = 0
  for (;;) {
    const end = Math.min(text.length, from + window)
    const final = end === text.length
    const limit = final ? end : end - margin
    let next = final ? end : limit
    for (const {index} of segmenter.segment(text.slice(from, end))) {
      const at = from + index
      if (index === 0) continue
      if (at >= limit) break
      next = at
      if (endsSentence(text.slice(last, at), text.slice(at, at + 40))) {
        starts.push(at)
        last = at
      }
    }
    if (final) return starts
    // Go on from the last break ICU found, or, inside one very long sentence, from the margin.
    from = next
  }
}

/** The sentences of `text`, in order, without the white space around them. */
export function splitSentences(text: string): string[] {
  const bounds = [0, ...sentenceStarts(text), text.length]
  const sentences: string[] = []
  for (let index = 1; index < bounds.length; index++) {
    const sentence = text.slice(bounds[index - 1], bounds[index]).trim()
    if (sentence !== '') sentences.push(sentence)
  }
  return sentences
}

/** Whether ICU's break between `before` and `after` is a real sentence end in German. */
function endsSentence(before: string, after: string): boolean {
  const end = before.trimEnd()
  // `!`, `?`, a closing quote after the period, an ellipsis: ICU's choice stands.
  if (!end.endsWith('.') || end.endsWith('..')) return true
  const words = end.slice(0, -1).split(/\s+/)
  const word = (words.at(-1) ?? '').replace(leadingPunctuation, '')
  const previous = (words.at(-2) ?? '').replace(leadingPunctuation, '').toLowerCase()
  const next = /^\s*(\S+)/.exec(after)?.[1] ?? ''
  if (word === '') return true
  if (isListed(neverFinal, word)) return false
  // Initials and "z. B.", "u. a.", "d. h."; "z.B." and "u.a." written without spaces.
  if (/^\p{L}$/u.test(word) || /^(?:\p{L}{1,3}\.)+\p{L}{1,3}$/u.test(word)) return false
  if (isListed(beforeNumber, word) && /^\d/.test(next)) return false
  // A day or an ordinal: "24. Februar", "am 3. Tag"; a year ("im Jahr 2022.") does end a sentence.
  if (/^\d{1,3}$/.test(word) || /^\d{1,2}\.\d{1,2}$/.test(word)) {
    if (months.has(next) || ordinalLead.has(previous) || /^\d/.test(next)) return false
  }
  if (isListed(maybeFinal, word) && /^[\p{Ll}\d]/u.test(next)) return false
  return true
}

/** `word` as listed, or a listed lower-case word written with a capital at the start of a sentence. */
function isListed(list: ReadonlySet<string>, word: string): boolean {
  return list.has(word) || list.has(word.charAt(0).toLowerCase() + word.slice(1))
}
