import type {Text} from 'mdast'
import type {NameMatcher} from './matcher.ts'

/** A probable name that the glossary lacks, for `tandem glossary candidates`. */
export interface Candidate {
  text: string
  count: number
  /** Why it looks like a name: several capitalised words, a title before it, a transliterated ending, an acronym. */
  reason: 'multi-word' | 'after-title' | 'transliterated' | 'acronym'
  first: {path: string; line: number; column: number}
}

/**
 * German capitalises every noun, so a capital letter alone says little. These signals do:
 * a run of capitalised words that are not sentence starts or function words, a word after a title
 * (Präsident, Außenministerin…), a transliterated ending (-ow, -jew, -enko, -yj…), and acronyms.
 */
const titles = new Set([
  'Präsident', 'Präsidentin', 'Präsidenten', 'Minister', 'Ministerin', 'Außenminister', 'Außenministerin',
  'Verteidigungsminister', 'Verteidigungsministerin', 'Regierungschef', 'Regierungschefin', 'Premierminister',
  'Premierministerin', 'Kanzler', 'Kanzlerin', 'Generalsekretär', 'Generalsekretärin', 'Sprecher', 'Sprecherin',
  'Machthaber', 'Staatschef', 'Staatschefin', 'Bürgermeister', 'Bürgermeisterin', 'General', 'Oberbefehlshaber',
  'Kommandeur', 'Botschafter', 'Botschafterin', 'Chef', 'Chefin', 'Führer', 'Anführer', 'Oppositionsführer',
  'Oppositionsführerin', 'Abgeordnete', 'Abgeordneter', 'Herr', 'Frau', 'Dr', 'Prof', 'König', 'Königin', 'Papst', 'Präsidentenberater'
])

const functionWords = new Set([
  'Der', 'Die', 'Das', 'Den', 'Dem', 'Des', 'Ein', 'Eine', 'Einer', 'Eines', 'Einem', 'Einen', 'Und', 'Oder', 'Aber',
  'Auch', 'Doch', 'Dies', 'Diese', 'Dieser', 'Dieses', 'Diesen', 'Es', 'Er', 'Sie', 'Wir', 'Ich', 'Ihr', 'Im', 'In',
  'Am', 'An', 'Auf', 'Aus', 'Bei', 'Mit', 'Nach', 'Von', 'Vor', 'Zu', 'Zum', 'Zur', 'Für', 'Über', 'Unter', 'Laut',
  'Ihr', 'Ihre', 'Ihrem', 'Ihren', 'Ihrer', 'Ihres', 'Sein', 'Seine', 'Seinem', 'Seinen', 'Seiner', 'Unser', 'Unsere',
  'Unserem', 'Unseren', 'Unserer', 'Euer', 'Eure', 'Man', 'Jeder', 'Jede', 'Jedes', 'Alle', 'Viele', 'Einige',
  'Wie', 'Wo', 'Was', 'Wer', 'Wenn', 'Als', 'Seit', 'Trotz', 'Während', 'Währenddessen', 'Dennoch', 'Zudem',
  // Dates read like names and are not.
  'Januar', 'Februar', 'März', 'April', 'Mai', 'Juni', 'Juli', 'August', 'September', 'Oktober', 'November',
  'Dezember', 'Montag', 'Dienstag', 'Mittwoch', 'Donnerstag', 'Freitag', 'Samstag', 'Sonntag', 'Anfang', 'Mitte', 'Ende',
  // So do quantities before a noun.
  'Tausende', 'Hunderte', 'Dutzende', 'Millionen', 'Milliarden', 'Tausenden', 'Hunderten'
])

/** After an article comes a common noun: in `den Gast Emmanuel Macron` the name starts after `Gast`. */
const articles = new Set(['der', 'die', 'das', 'den', 'dem', 'des', 'ein', 'eine', 'einer', 'eines', 'einem', 'einen'])

/** A capitalised adjective before a noun is a title-case heading far more often than a name. */
const adjective = /(?:isch|ische|ischen|ischer|isches|ische)$/

const transliterated = /(?:ow|owa|ew|ewa|jew|jewa|ij|yj|yi|enko|schuk|tschuk|itsch|owitsch|ewitsch|ski|skaja|sky|zki)s?$/
const acronym = /^\p{Lu}{2,6}s?$/u
const capitalised = /^\p{Lu}\p{Ll}/u
const word = /[\p{L}\p{M}\p{N}]+/gu

export interface CandidateSource {
  path: string
  /** Text nodes of the segments, with their positions. */
  nodes: Iterable<Text>
}

export function findCandidates(sources: Iterable<CandidateSource>, matcher: NameMatcher): Candidate[] {
  const found = new Map<string, Candidate>()
  const add = (text: string, reason: Candidate['reason'], path: string, node: Text, offset: number) => {
    const existing = found.get(text)
    if (existing) {
      existing.count++
      return
    }
    const start = node.position?.start
    const before = node.value.slice(0, offset)
    const lastBreak = before.lastIndexOf('\n')
    const line = (start?.line ?? 1) + (before.match(/\n/g)?.length ?? 0)
    const column = lastBreak === -1 ? (start?.column ?? 1) + offset : offset - lastBreak
    found.set(text, {text, count: 1, reason, first: {path, line, column}})
  }

  for (const source of sources) {
    for (const node of source.nodes) {
      const covered = matcher.match(node.value).map((match) => [match.start, match.end] as const)
      const isCovered = (index: number) => covered.some(([start, end]) => index >= start && index < end)
      const tokens = [...node.value.matchAll(word)].filter((token) => !isCovered(token.index))
      let run: RegExpExecArray[] = []
      let runStartsSentence = false
      let runAfterArticle = false
      const flush = () => {
        let lead = runAfterArticle ? 1 : 0
        while (lead < run.length) {
          const text = run[lead]?.[0] ?? ''
          if (articles.has(text.toLowerCase()) && !titles.has(run[lead + 1]?.[0] ?? '')) lead += 2
          else if (functionWords.has(text) || titles.has(text)) lead++
          // A sentence's first word is capitalised anyway, so it does not count towards a name.
          else if (lead === 0 && runStartsSentence) lead++
          else break
        }
        const names = run.slice(lead).filter((token) => !functionWords.has(token[0]))
        const first = names[0]
        const last = names[names.length - 1]
        if (first && last && names.length >= 2 && !adjective.test(first[0])) {
          add(node.value.slice(first.index, last.index + last[0].length), 'multi-word', source.path, node, first.index)
        } else if (first && lead > 0 && titles.has(run[lead - 1]?.[0] ?? '') && !adjective.test(first[0])) {
          add(first[0].replace(/s$/, ''), 'after-title', source.path, node, first.index)
        }
        run = []
      }
      for (const [index, token] of tokens.entries()) {
        const previous = tokens[index - 1]
        const gap = previous ? node.value.slice(previous.index + previous[0].length, token.index) : ''
        const sentenceStart = !previous || /[.!?:]\s*$/.test(gap) || /["„“«»]\s*$/.test(gap)
        const text = token[0]
        if (capitalised.test(text) && !sentenceStart && previous && /^ $/.test(gap) && run.length > 0) {
          run.push(token)
          continue
        }
        flush()
        if (acronym.test(text)) {
          add(text.replace(/s$/, ''), 'acronym', source.path, node, token.index)
        } else if (capitalised.test(text) && !sentenceStart && transliterated.test(text) && text.length > 4) {
          add(text, 'transliterated', source.path, node, token.index)
        }
        if (capitalised.test(text)) {
          run = [token]
          runStartsSentence = sentenceStart
          runAfterArticle = previous !== undefined && gap === ' ' && articles.has(previous[0].toLowerCase())
        }
      }
      flush()
    }
  }
  return [...found.values()].sort((a, b) => b.count - a.count || a.text.localeCompare(b.text, 'de'))
}
