/**
 * German sentence splitting by rules, in one pass over the text: a sentence ends at `.`, `!`, `?` or
 * an ellipsis (with any closing quotes and brackets after it) followed by white space, unless German
 * says otherwise: abbreviations ("z. B.", "Dr. med.", "kath."), initials, ordinals and dates
 * ("24. Februar", "am 3. Tag"), list numbers ("1. Dies ist…", "• 3. Seien Sie…"), ranges
 * ("1. -3. Jahrhundert"), a small letter after the mark, and quoted speech that goes on („Wann?“ „Morgen“, sagte sie).
 * A blank line, or a line break before a bullet, always ends a sentence.
 *
 * The rules follow pragmatic_segmenter's German rule set (MIT); test/split-sentences.test.ts has its cases.
 * ICU's segmenter (`Intl.Segmenter`) is not used: it is superlinear on long strings in Node 20.
 * Each place is decided by looking at most a word back and a word ahead, so the time is linear.
 *
 * A missed break only makes a piece longer; a wrong break splits a sentence in two.
 * Where unsure, this keeps the text together.
 */

export interface SplitOptions {
  /**
   * `soft` (default): a single line break is a space, as in a Markdown paragraph.
   * `hard`: every line break ends a sentence, as in a plain-text list.
   */
  lineBreaks?: 'soft' | 'hard'
}

/** Abbreviations that never end a sentence (matched as written, or with a capital first letter). */
const neverFinal = new Set([
  // titles and degrees
  'Dr', 'Drs', 'Prof', 'Hr', 'Hrn', 'Fr', 'Frl', 'Dipl', 'Ing', 'med', 'phil', 'jur', 'rer', 'nat', 'dent', 'vet',
  'habil', 'theol', 'pol', 'oec', 'mult', 'St', 'Mr', 'Mrs', 'Ms', 'Gebr', 'Hl', 'hl', 'Gen', 'Sen', 'jun', 'sen',
  // denominations and languages before a noun: eine kath. Schule, die engl. Ausgabe
  'kath', 'ev', 'evang', 'röm', 'orth', 'luth', 'ref', 'prot', 'jüd', 'dt', 'engl', 'frz', 'ital', 'span', 'russ',
  'lat', 'griech', 'amerik', 'österr', 'schweiz',
  // references and numbers
  'Nr', 'Nrn', 'Bd', 'Bde', 'Kap', 'Anm', 'Ziff', 'Rn', 'Hrsg', 'hrsg', 'Aufl', 'Tel', 'Str', 'Mio', 'Mrd', 'Tsd',
  'Jh', 'Jhd', 'Jhdt', 'Chr', 'Buchst', 'lfd', 'MwSt', 'Mwst', 'Op',
  // words
  'bzw', 'ca', 'vgl', 'sog', 'sogen', 'ggf', 'evtl', 'inkl', 'exkl', 'zzgl', 'bspw', 'insb', 'insbes', 'allg', 'einschl',
  'urspr', 'ehem', 'zit', 'ebd', 'gem', 'lt', 'bzgl', 'betr', 'geb', 'gest', 'verh', 'zz', 'zzt', 'zt', 'mind', 'max',
  'vs', 'ggü', 'Abt', 'dgl', 'dergl',
  // months and weekdays
  'Jan', 'Feb', 'Mär', 'Apr', 'Jun', 'Jul', 'Aug', 'Sep', 'Sept', 'Okt', 'Nov', 'Dez', 'Mo', 'Di', 'Mi', 'Do', 'Sa'
])

/** Abbreviations that may close a sentence: a break after them stands unless a digit or small letter follows. */
const maybeFinal = new Set(['usw', 'etc', 'usf', 'uvm', 'ff', 'Co', 'Std'])

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

const terminators = new Set(['.', '!', '?', '…'])
/** What may close a sentence after its mark: brackets and quotes of German, English and French style. */
const closers = new Set([')', ']', '}', '"', "'", '“', '”', '»', '«', '’', '‘'])
/** What opens quoted speech: „ ‚ » « " “ and the typewriter `,,`. */
const openingQuote = /^(?:,,|[„‚»«"“])/
const bullets = new Set(['•', '◦', '▪', '‣', '⁃', '·'])
const leadingPunctuation = /^[([{„“"'‚‘»«<]+/u
/** No abbreviation, number or word that the rules look at is longer than this. */
const lookBehind = 64
const lookAhead = 40

const whiteSpace = /\s/

/** Offsets in `text` where a sentence other than the first starts (after the space that ends the one before). */
export function sentenceStarts(text: string, options: SplitOptions = {}): number[] {
  const hard = options.lineBreaks === 'hard'
  const starts: number[] = []
  let firstContent = 0
  while (firstContent < text.length && whiteSpace.test(text[firstContent] ?? '')) firstContent++
  let last = firstContent
  const candidates = /[.!?…\n]/g
  for (let found = candidates.exec(text); found; found = candidates.exec(text)) {
    const at = found.index
    // The marks and the closing quotes and brackets after them: „Lust.“ (nicht!).
    let end = at
    if (text[at] !== '\n') while (end < text.length && (terminators.has(text[end] ?? '') || closers.has(text[end] ?? ''))) end++
    let next = end
    let lineBreaks = 0
    while (next < text.length && whiteSpace.test(text[next] ?? '')) {
      if (text[next] === '\n') lineBreaks++
      next++
    }
    candidates.lastIndex = Math.max(next, at + 1)
    if (next >= text.length || at < last) continue
    const byLine = lineBreaks > 0 && (hard || lineBreaks > 1 || bullets.has(text[next] ?? ''))
    const byMark = text[at] !== '\n' && next > end && endsSentence(text, at, end, next, last)
    if (byLine || byMark) {
      starts.push(next)
      last = next
    }
  }
  return starts
}

/** The sentences of `text`, in order, without the white space around them. */
export function splitSentences(text: string, options: SplitOptions = {}): string[] {
  const bounds = [0, ...sentenceStarts(text, options), text.length]
  const sentences: string[] = []
  for (let index = 1; index < bounds.length; index++) {
    const sentence = text.slice(bounds[index - 1], bounds[index]).trim()
    if (sentence !== '') sentences.push(sentence)
  }
  return sentences
}

/**
 * Whether the marks `text[at, end)`, followed by white space up to `next`, end a sentence in German.
 * `pieceStart` is where the current sentence starts.
 */
function endsSentence(text: string, at: number, end: number, next: number, pieceStart: number): boolean {
  const marks = text.slice(at, end)
  const ahead = text.slice(next, next + lookAhead)
  // German sentences start with a capital, a digit, a quote or a bracket; a small letter or a comma goes on.
  if (/^[\p{Ll},;:]/u.test(ahead)) return false
  const before = text[at - 1] ?? ''
  if (marks.startsWith('…') || marks.startsWith('..')) {
    // […] and (…) leave words out; they end nothing.
    return !(before === '[' || before === '(')
  }
  if (/[!?]/.test(marks)) {
    // Quoted speech that goes on in another quote: ,,Wann kommst du?“ ,,Morgen“, sagte sie.
    return !(closers.has(marks.at(-1) ?? '') && openingQuote.test(ahead))
  }
  // A full stop after a closing bracket or quote: (vgl. Abb. 3). „Ja“.
  if (closers.has(before)) return true

  const wordStart = startOfWord(text, at)
  const word = text.slice(wordStart, at).replace(leadingPunctuation, '')
  const previousStart = startOfWord(text, skipSpaceBack(text, wordStart))
  const previous = text.slice(previousStart, skipSpaceBack(text, wordStart)).replace(leadingPunctuation, '')
  const following = /^(\S+)/.exec(ahead)?.[1] ?? ''
  if (word === '') return true
  // röm.-kath.: the part after a hyphen is the abbreviation.
  if (isListed(neverFinal, word) || isListed(neverFinal, word.slice(word.lastIndexOf('-') + 1))) return false
  // Initials and "z. B.", "u. a.", "d. h.", "u. Ä."; "z.B." and "u.a." written without spaces.
  if (/^\p{L}$/u.test(word) || /^(?:\p{L}{1,3}\.)+\p{L}{1,3}$/u.test(word)) return false
  if (isListed(beforeNumber, word) && /^\d/.test(following)) return false

  const number = /^[-–]?\d{1,3}$/.test(word) || /^\d{1,2}\.\d{1,2}$/.test(word)
  if (number) {
    // A list number at the start of a sentence or a line: "1. Dies ist…", "• 3. Seien Sie…".
    if (isListStart(text, pieceStart, wordStart)) return false
    // A range: "1. -3. Jahrhundert".
    if (/^[-–]\d/.test(following) || (/^[-–]/.test(word) && /^\d{1,3}\.$/.test(previous))) return false
    // A day or an ordinal: "24. Februar", "am 3. Tag"; a year ("im Jahr 2022.") does end a sentence.
    if (months.has(following) || ordinalLead.has(previous.toLowerCase()) || /^\d/.test(following)) return false
  }
  if (isListed(maybeFinal, word) && /^[\p{Ll}\d]/u.test(following)) return false
  return true
}

/** Where the word that ends at `end` starts: after white space, looking back no further than any rule needs. */
function startOfWord(text: string, end: number): number {
  let start = end
  while (start > 0 && end - start < lookBehind && !whiteSpace.test(text[start - 1] ?? '')) start--
  return start
}

function skipSpaceBack(text: string, from: number): number {
  let index = from
  while (index > 0 && from - index < lookBehind && whiteSpace.test(text[index - 1] ?? '')) index--
  return index
}

/** Whether only bullets and white space, or a line break, come between the sentence's start and `wordStart`. */
function isListStart(text: string, pieceStart: number, wordStart: number): boolean {
  let index = wordStart
  while (index > pieceStart && wordStart - index < lookBehind) {
    const character = text[index - 1] ?? ''
    if (character === '\n') return true
    if (!whiteSpace.test(character) && !bullets.has(character)) return false
    index--
  }
  return index === pieceStart
}

/** `word` as listed, or a listed lower-case word written with a capital at the start of a sentence. */
function isListed(list: ReadonlySet<string>, word: string): boolean {
  return list.has(word) || list.has(word.charAt(0).toLowerCase() + word.slice(1))
}
