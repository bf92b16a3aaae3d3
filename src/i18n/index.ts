import i18next, {type i18n} from 'i18next'
import {englishText, type Phrase} from '../core/phrase.ts'
import {de, en} from './resources.ts'

export type UiLanguage = 'de' | 'en'

/** A ready i18next instance; resources are bundled, so init is synchronous. */
export function createI18n(lng: UiLanguage = 'en'): i18n {
  const instance = i18next.createInstance()
  void instance.init({
    lng,
    fallbackLng: 'en',
    initAsync: false,
    resources: {de: {translation: de}, en: {translation: en}},
    interpolation: {escapeValue: false},
    returnNull: false
  })
  return instance
}

/**
 * A phrase (or a text that has none, said as it is) in the instance's language: its resource when there is
 * one, else its English. Nested phrases are said first; values are never read as i18next markup (`$t(…)`).
 */
export function say(ui: i18n, said: Phrase | string): string {
  if (typeof said === 'string') return said
  if (!ui.exists(said.key)) return englishText(said)
  const values = Object.fromEntries(Object.entries(said.params).map(([name, value]) => [name, typeof value === 'object' ? say(ui, value) : value]))
  return ui.t(said.key, {replace: values, nest: false, ...(typeof said.params.count === 'number' ? {count: said.params.count} : {})})
}

type DetailsLabelKey = keyof typeof de.details.labels

/** Details label as written in `lang` → its key, for recognising the controlled vocabulary. */
export function detailsLabels(lang: UiLanguage): ReadonlyMap<string, DetailsLabelKey> {
  const labels = lang === 'en' ? en.details.labels : de.details.labels
  return new Map(Object.entries(labels).map(([key, label]) => [label, key as DetailsLabelKey]))
}

/** German Details label → its key. */
export const detailsLabelByGerman = detailsLabels('de')
