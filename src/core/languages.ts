import {phrase, type Phrase} from './phrase.ts'

/**
 * DeepL's documented target languages and formality values (developers.deepl.com, "Translate text":
 * `target_lang` and `formality`), so that a wrong code is refused before anything is sent, with exit 2.
 * `EN`, `PT` and `ZH` are the unspecified variants DeepL still accepts for backward compatibility.
 */
export const deeplTargetLanguages = [
  'AR', 'BG', 'CS', 'DA', 'DE', 'EL', 'EN', 'EN-GB', 'EN-US', 'ES', 'ES-419', 'ET', 'FI', 'FR', 'HE', 'HU', 'ID', 'IT',
  'JA', 'KO', 'LT', 'LV', 'NB', 'NL', 'PL', 'PT', 'PT-BR', 'PT-PT', 'RO', 'RU', 'SK', 'SL', 'SV', 'TH', 'TR', 'UK', 'VI',
  'ZH', 'ZH-HANS', 'ZH-HANT'
] as const

/** DeepL's `formality`; `default` sends none. `more` and `less` fail for a language without formality, the `prefer_` ones fall back. */
export const deeplFormalities = ['default', 'more', 'less', 'prefer_more', 'prefer_less'] as const
export type Formality = (typeof deeplFormalities)[number]

/** Target languages for which DeepL accepts `more` and `less` (its /languages list, `supports_formality`). */
export const formalityLanguages = ['DE', 'ES', 'ES-419', 'FR', 'IT', 'JA', 'NL', 'PL', 'PT', 'PT-BR', 'PT-PT', 'RU'] as const

/** DeepL's codes are case-insensitive (`en-US`, `EN-US`). */
export function isDeepLTargetLanguage(code: string): boolean {
  return (deeplTargetLanguages as readonly string[]).includes(code.toUpperCase())
}

/** Why `code` is no DeepL target language, with the codes a user most likely meant; undefined when it is one. */
export function targetLanguageProblem(code: string): Phrase | undefined {
  if (isDeepLTargetLanguage(code)) return undefined
  const base = code.split('-')[0]?.toUpperCase() ?? ''
  const near = deeplTargetLanguages.filter((known) => known.split('-')[0] === base && known !== base)
  const hint = near.length > 0 ? near.join(', ') : 'EN-US, EN-GB'
  return phrase('reasons.languages.target', "`{{code}}` is not one of DeepL's target languages ({{hint}}, …; see `tandem build --help`)", {code, hint})
}

/** Why DeepL would refuse `formality` for `targetLang`; undefined when it would not. */
export function formalityProblem(formality: string, targetLang: string): Phrase | undefined {
  if (!(deeplFormalities as readonly string[]).includes(formality)) {
    return phrase('reasons.languages.formality', "`{{formality}}` is not one of DeepL's formality values ({{values}})", {formality, values: deeplFormalities.join(', ')})
  }
  if ((formality === 'more' || formality === 'less') && !(formalityLanguages as readonly string[]).includes(targetLang.toUpperCase())) {
    return phrase('reasons.languages.noFormality', 'DeepL has no formality for `{{lang}}`: `{{formality}}` would be refused; `prefer_{{formality}}` falls back to the default', {
      lang: targetLang,
      formality
    })
  }
  return undefined
}
