import {escapeUTF8} from 'entities'

/**
 * Text for HTML text and double-quoted attribute values: `& < > " '` become character references,
 * everything else stays UTF-8. Every string from an article, the glossary or the memory goes through this.
 */
export function escapeHtml(value: string): string {
  return escapeUTF8(value)
}

/** ` name="value"`, escaped; nothing when the value is undefined. */
export function attribute(name: string, value: string | number | undefined): string {
  return value === undefined ? '' : ` ${name}="${escapeHtml(String(value))}"`
}
