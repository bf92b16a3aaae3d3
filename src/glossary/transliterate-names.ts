/**
 * German press spelling of East Slavic names → the likely Cyrillic → the English press spelling.
 *
 * German papers write Russian and Ukrainian names in Duden transcription (Selenskyj, Prigoschin,
 * Charkiw); English papers write BGN/PCGN for Russian, in the simplified form the wire services use
 * (ий → y, ей → ei, soft signs dropped), and Ukraine's 2010 national system for Ukrainian.
 * No transliteration library reads German back, and the forward step needs the press
 * simplifications that the published schemes lack, so both steps are tables here.
 */

export type SlavicLanguage = 'ru' | 'uk'

const latinVowels = new Set([...'aeiouyäöü'])
const cyrillicVowels = new Set([...'аеёиоуыэюяєії'])
/** Voiced consonants: Duden `sch` and `s` before them stand for ж and з more often than for ш and с. */
const voiced = new Set([...'ndgbwh'])
/**
 * German `S` + vowel at the start of a name is с or з alike; these onsets are з in the common
 * names (Selenskyj, Sacharowa, Saluschnyj, Saporischschja). Everything else is read as с.
 */
const voicedOnsets = ['sach', 'sal', 'sap', 'sel']

export interface WordContext {
  /** The word is a first name (or the first word of a longer name), where a final `-i` is -ий. */
  firstName?: boolean
}

/**
 * The likely Cyrillic of one German-written word (letters only; hyphenated parts separately).
 * The result is lower case.
 */
export function dudenToCyrillic(word: string, language: SlavicLanguage, context: WordContext = {}): string {
  const w = word.toLowerCase()
  let out = ''
  const isVowel = (index: number) => latinVowels.has(w[index] ?? '')
  const lastCyrillic = () => out.at(-1) ?? ''
  const afterVowel = () => cyrillicVowels.has(lastCyrillic()) || lastCyrillic() === 'й'
  for (let i = 0; i < w.length; ) {
    const rest = w.slice(i)
    const start = i === 0
    const take = (cyrillic: string, length: number) => {
      out += cyrillic
      i += length
    }
    if (rest.startsWith('schtsch')) take('щ', 7)
    else if (rest.startsWith('tsch')) take('ч', 4)
    else if (rest.startsWith('schsch')) take('жж', 6)
    else if (rest.startsWith('sch')) {
      const next = w[i + 3] ?? ''
      const zh = voiced.has(next) || (start && language === 'uk' && next === 'y')
      take(zh ? 'ж' : 'ш', 3)
    } else if (rest.startsWith('ch')) take('х', 2)
    else if (rest.startsWith('ck')) take('к', 2)
    else if (rest.startsWith('ph')) take('ф', 2)
    else if (rest.startsWith('tz')) take('ц', 2)
    else if (rest.startsWith('ss')) take('с', 2)
    else if (rest.startsWith('s')) {
      // A j before a vowel reads as the vowel here (Isjum: і-з-ю).
      const nextVowel = isVowel(i + 1) || (w[i + 1] === 'j' && isVowel(i + 2))
      const previous = w[i - 1] ?? ''
      const z =
        (start && voicedOnsets.some((onset) => rest.startsWith(onset))) ||
        (!start && nextVowel && latinVowels.has(previous))
      take(z ? 'з' : 'с', 1)
    } else if (rest.startsWith('j') && isVowel(i + 1)) {
      const vowel = w[i + 1] ?? ''
      const iotated = start || afterVowel() || lastCyrillic() === '-'
      const table: Record<string, string> =
        language === 'uk'
          ? iotated
            ? {a: 'я', e: 'є', i: 'ї', o: 'йо', u: 'ю', y: 'и'}
            : {a: 'я', e: 'є', i: 'ї', o: 'ьо', u: 'ю', y: 'и'}
          : iotated
            ? {a: 'я', e: 'е', i: 'и', o: 'ё', u: 'ю', y: 'ы'}
            : {a: 'я', e: 'ье', i: 'ьи', o: 'ё', u: 'ю', y: 'ы'}
      take(table[vowel] ?? vowel, 2)
    } else if (rest.startsWith('j')) take('й', 1)
    else if ((rest.startsWith('ai') || rest.startsWith('oi') || rest.startsWith('ui') || rest.startsWith('ei')) && !isVowel(i + 2)) {
      const first: Record<string, string> = {a: 'а', o: 'о', u: 'у', e: 'е'}
      take((first[w[i] ?? ''] ?? '') + 'й', 2)
    } else {
      const letter = w[i] ?? ''
      const next = w[i + 1]
      let cyrillic: string
      switch (letter) {
        case 'a': cyrillic = 'а'; break
        case 'b': cyrillic = 'б'; break
        case 'c': cyrillic = 'к'; break
        case 'd': cyrillic = 'д'; break
        case 'e':
          // Duden writes е as je where it is pronounced so; a plain e at the start is э in Russian.
          cyrillic = language === 'ru' && (start || afterVowel()) ? 'э' : 'е'
          break
        case 'f': cyrillic = 'ф'; break
        case 'g': cyrillic = language === 'uk' ? 'ґ' : 'г'; break
        case 'h': cyrillic = language === 'uk' ? 'г' : 'х'; break
        case 'i':
          if (language === 'uk') cyrillic = 'і'
          // Dmitri, Jewgeni, Chodorkowski: a final -i after a consonant is -ий in first names and -ski.
          else if (next === undefined && !latinVowels.has(w[i - 1] ?? '') && (context.firstName || /(?:sk|zk)$/.test(w.slice(0, i)))) cyrillic = 'ий'
          else cyrillic = 'и'
          break
        case 'k': cyrillic = 'к'; break
        case 'l': cyrillic = 'л'; break
        case 'm': cyrillic = 'м'; break
        case 'n': cyrillic = 'н'; break
        case 'o':
          // Gorbatschow, Chruschtschow: o between a hushing consonant and w is ё.
          cyrillic = language === 'ru' && 'шжчщ'.includes(lastCyrillic()) && next === 'w' && lastCyrillic() !== '' ? 'ё' : 'о'
          break
        case 'p': cyrillic = 'п'; break
        case 'q': cyrillic = 'к'; break
        case 'r': cyrillic = 'р'; break
        case 't': cyrillic = 'т'; break
        case 'u': cyrillic = 'у'; break
        case 'v': cyrillic = 'в'; break
        case 'w': cyrillic = 'в'; break
        case 'x': cyrillic = 'кс'; break
        case 'y': cyrillic = language === 'uk' ? 'и' : 'ы'; break
        case 'z': cyrillic = 'ц'; break
        case 'ä': cyrillic = 'э'; break
        case 'ö': cyrillic = 'ё'; break
        case 'ü': cyrillic = 'ю'; break
        default: cyrillic = letter
      }
      take(cyrillic, 1)
    }
  }
  return out
}

const russianPress: Record<string, string> = {
  а: 'a', б: 'b', в: 'v', г: 'g', д: 'd', ж: 'zh', з: 'z', и: 'i', к: 'k', л: 'l', м: 'm', н: 'n', о: 'o', п: 'p',
  р: 'r', с: 's', т: 't', у: 'u', ф: 'f', х: 'kh', ц: 'ts', ч: 'ch', ш: 'sh', щ: 'shch', ъ: '', ы: 'y', ь: '', э: 'e',
  ю: 'yu', я: 'ya'
}

const ukrainianNational: Record<string, string> = {
  а: 'a', б: 'b', в: 'v', г: 'h', ґ: 'g', д: 'd', е: 'e', ж: 'zh', з: 'z', и: 'y', і: 'i', к: 'k', л: 'l', м: 'm',
  н: 'n', о: 'o', п: 'p', р: 'r', с: 's', т: 't', у: 'u', ф: 'f', х: 'kh', ц: 'ts', ч: 'ch', ш: 'sh', щ: 'shch', ь: '',
  "'": ''
}
/** Ukrainian letters written one way at the start of a word and another inside it (2010 system). */
const ukrainianInitial: Record<string, [string, string]> = {є: ['ye', 'ie'], ї: ['yi', 'i'], й: ['y', 'i'], ю: ['yu', 'iu'], я: ['ya', 'ia']}

/** Cyrillic (lower case) → English press spelling, lower case. */
export function cyrillicToEnglish(cyrillic: string, language: SlavicLanguage): string {
  let out = ''
  const letters = [...cyrillic]
  for (const [index, letter] of letters.entries()) {
    const previous = letters[index - 1]
    const next = letters[index + 1]
    const start = previous === undefined || previous === '-'
    if (language === 'uk') {
      const pair = ukrainianInitial[letter]
      if (pair) out += start ? pair[0] : pair[1]
      // зг is zgh, so that it is not read as the digraph zh.
      else if (letter === 'г' && previous === 'з') out += 'gh'
      else out += ukrainianNational[letter] ?? letter
      continue
    }
    const afterVowel = previous !== undefined && (cyrillicVowels.has(previous) || previous === 'ь' || previous === 'ъ' || previous === 'й')
    switch (letter) {
      case 'е':
        out += start || afterVowel ? 'ye' : 'e'
        break
      case 'ё':
        out += previous !== undefined && 'жчшщ'.includes(previous) ? 'e' : start || afterVowel ? 'yo' : 'yo'
        break
      case 'й':
        // -ий and -ый are -y; й after a vowel is i (Sergei, Shoigu), final -ой is -oy.
        if (previous === 'и' || previous === 'ы') out = out.slice(0, -1) + 'y'
        else if (start || (next !== undefined && cyrillicVowels.has(next))) out += 'y'
        else if (previous === 'о' && next === undefined) out += 'y'
        else out += 'i'
        break
      case 'я':
        // Maria, Yulia: a final -ия is -ia as the press writes it.
        out += previous === 'и' && (next === undefined || next === '-') ? 'a' : 'ya'
        break
      default:
        out += russianPress[letter] ?? letter
    }
  }
  return out
}

/** `english` with the capitals of `german` kept: the first letter, and letters after a hyphen. */
export function capitalizeLike(german: string, english: string): string {
  const capitals = german.split('-').map((part) => part !== '' && part[0] !== part[0]?.toLowerCase())
  return english
    .split('-')
    .map((part, index) => (capitals[index] ?? capitals[0] ? part.charAt(0).toUpperCase() + part.slice(1) : part))
    .join('-')
}

/** One German-written word, through the Cyrillic, into the English press spelling. */
export function transliterateWord(word: string, language: SlavicLanguage, context: WordContext = {}): {english: string; cyrillic: string} {
  const parts = word.split('-')
  const cyrillic = parts.map((part) => dudenToCyrillic(part, language, context)).join('-')
  const english = cyrillic
    .split('-')
    .map((part) => cyrillicToEnglish(part, language))
    .join('-')
  return {english: capitalizeLike(word, english), cyrillic: capitalizeLike(word, cyrillic)}
}
