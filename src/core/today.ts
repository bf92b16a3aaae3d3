/** Today as the memory records dates: ISO `YYYY-MM-DD`, in UTC. */
export function isoToday(): string {
  return new Date().toISOString().slice(0, 10)
}
