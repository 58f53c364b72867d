// How long a briefing is, or where a chapter starts, as the CLI and the batch summary print it. Pure.

/** m:ss, or h:mm:ss from an hour up, rounded to the nearest second. */
export function formatClock(ms: number): string {
  const total = Math.round(ms / 1000);
  const h = Math.floor(total / 3600);
  const m = Math.floor((total % 3600) / 60);
  const s = String(total % 60).padStart(2, '0');
  return h ? `${h}:${String(m).padStart(2, '0')}:${s}` : `${m}:${s}`;
}
