import {DEFAULTS} from '../core/defaults.ts'

/** Letters that NFKD does not decompose into ASCII + marks, or that German spells out. */
const transliterations: Readonly<Record<string, string>> = {
  ä: 'ae',
  ö: 'oe',
  ü: 'ue',
  ß: 'ss',
  ẞ: 'ss',
  æ: 'ae',
  œ: 'oe',
  ø: 'o',
  ł: 'l',
  đ: 'd',
  ð: 'd',
  þ: 'th',
  ı: 'i'
}

const transliterable = new RegExp(`[${Object.keys(transliterations).join('')}]`, 'gu')

/** Lowercase ASCII letters and digits in runs joined by single hyphens. */
const slugPattern = /^[a-z\d]+(?:-[a-z\d]+)*$/

/**
 * Turn a (German) title into a file-name slug.
 *
 * ä→ae, ö→oe, ü→ue, ß→ss; other accents are dropped (NFKD);
 * everything that is not an ASCII letter or digit becomes one hyphen.
 * The result is at most `maxLength` characters, cut at a hyphen where possible.
 * It is empty when the title has no Latin letters or digits.
 */
export function slugify(title: string, maxLength: number = DEFAULTS.import.maxSlugLength): string {
  let slug = title
    .normalize('NFC')
    .toLowerCase()
    .replace(transliterable, (character) => transliterations[character] ?? character)
    .normalize('NFKD')
    .replace(/\p{M}/gu, '')
    .replace(/[^a-z\d]+/g, '-')
    .replace(/^-+|-+$/g, '')

  if (slug.length > maxLength) {
    const cut = slug.slice(0, maxLength + 1)
    const boundary = cut.lastIndexOf('-')
    slug = (boundary > 0 ? cut.slice(0, boundary) : slug.slice(0, maxLength)).replace(/-+$/, '')
  }

  return slug
}

/** Whether `slug` is usable as given: lowercase ASCII letters, digits, single inner hyphens. */
export function isValidSlug(slug: string): boolean {
  return slugPattern.test(slug)
}
