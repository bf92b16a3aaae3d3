import i18next, {type i18n} from 'i18next'
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

type DetailsLabelKey = keyof typeof de.details.labels

/** Details label as written in `lang` → its key, for recognising the controlled vocabulary. */
export function detailsLabels(lang: UiLanguage): ReadonlyMap<string, DetailsLabelKey> {
  const labels = lang === 'en' ? en.details.labels : de.details.labels
  return new Map(Object.entries(labels).map(([key, label]) => [label, key as DetailsLabelKey]))
}

/** German Details label → its key. */
export const detailsLabelByGerman = detailsLabels('de')
