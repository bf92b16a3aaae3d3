/** Drop keys whose value is `undefined`, so that spreading options over defaults keeps the defaults. */
export function definedOptions<T extends object>(value: T): Partial<T> {
  return Object.fromEntries(Object.entries(value).filter(([, entry]) => entry !== undefined)) as Partial<T>
}
