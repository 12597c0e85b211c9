/** Whole days from `fromIso` to `toIso` (both `YYYY-MM-DD`); null when unparsable. */
export function daysBetween(fromIso: string, toIso: string): number | null {
  const from = isoDay(fromIso);
  const to = isoDay(toIso);
  if (from === null || to === null) return null;
  return Math.round((to - from) / 86_400_000);
}

function isoDay(iso: string): number | null {
  const m = /^(\d{4})-(\d{2})-(\d{2})/.exec(iso);
  if (!m) return null;
  return Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3]));
}
