/**
 * The first index in `0…length` where `isBefore` turns false, for a predicate that is true on a prefix and false
 * after it (C++'s `partition_point`): a binary search over anything sorted.
 */
export function partitionPoint(length: number, isBefore: (index: number) => boolean): number {
  let low = 0
  let high = length
  while (low < high) {
    const middle = (low + high) >>> 1
    if (isBefore(middle)) low = middle + 1
    else high = middle
  }
  return low
}

/** The index of the last of the ascending `values` that is at most `value`, or -1. */
export function lastAtOrBefore(values: readonly number[], value: number): number {
  return partitionPoint(values.length, (index) => (values[index] ?? 0) <= value) - 1
}
