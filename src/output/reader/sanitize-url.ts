/**
 * URLs from articles, made safe to put in `href` and `src`. The browser's own URL parser
 * (WHATWG, as `URL` implements it) decides the scheme, so obfuscations such as `java&#x09;script:`,
 * ` JaVaScRiPt:` or `\u0000javascript:` are judged as the browser would run them.
 */

/** Schemes a link may use: the web and mail. `javascript:`, `vbscript:`, `data:`, `file:` and the rest are refused. */
const linkProtocols = new Set(['http:', 'https:', 'mailto:'])

/** Only a stand-in, to resolve relative URLs while judging them; it never appears in the output. */
const base = new URL('https://tandem.invalid/site/')

/**
 * Raster images inlined as data URLs: an `<img>` never runs script, and they cost no request.
 * SVG is left out, because opened on its own it is a document that can carry script.
 */
const dataImage = /^data:image\/(?:png|gif|jpeg|webp|avif);base64,[a-z0-9+/=]*$/i

/** What the browser strips before it parses a URL: C0 controls and spaces at the ends, tabs and newlines anywhere. */
function clean(url: string): string | undefined {
  const trimmed = url.replace(/^[\u0000-\u0020]+|[\u0000-\u0020]+$/g, '').replace(/[\t\n\r]/g, '')
  // Any other control character left inside is never part of an honest URL.
  return /[\u0000-\u001f\u007f]/.test(trimmed) ? undefined : trimmed
}

function parse(url: string): URL | undefined {
  try {
    return new URL(url, base)
  } catch {
    return undefined
  }
}

/** The URL to put in a link's `href`, or undefined when it must not be a link. Relative URLs stay relative. */
export function safeLinkUrl(url: string): string | undefined {
  const cleaned = clean(url)
  if (cleaned === undefined) return undefined
  const parsed = parse(cleaned)
  return parsed && linkProtocols.has(parsed.protocol) ? cleaned : undefined
}

export type ImageSource =
  /** Load it: a relative URL (same site) or an inlined raster image. */
  | {kind: 'inline'; src: string}
  /** An image on another host: shown as a link, so that the page makes no request to any other host. */
  | {kind: 'remote'; href: string}
  | {kind: 'refused'}

/** How to show an image whose source is `url`. */
export function imageSource(url: string): ImageSource {
  const cleaned = clean(url)
  if (cleaned === undefined) return {kind: 'refused'}
  if (/^data:/i.test(cleaned)) return dataImage.test(cleaned) ? {kind: 'inline', src: cleaned} : {kind: 'refused'}
  const parsed = parse(cleaned)
  if (!parsed || !linkProtocols.has(parsed.protocol) || parsed.protocol === 'mailto:') return {kind: 'refused'}
  return parsed.origin === base.origin ? {kind: 'inline', src: cleaned} : {kind: 'remote', href: cleaned}
}
