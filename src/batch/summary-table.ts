// The table printed after a batch: one row per article, then what failed and why. Pure.
import { formatClock } from '../format-clock.js';

export const ITEM_STATUSES = ['made', 'up to date', 'failed'] as const;
export type ItemStatus = (typeof ITEM_STATUSES)[number];

export interface SummaryRow {
  /** The article as the user named it (relative to the current folder when inside it). */
  input: string;
  status: ItemStatus;
  durationMs?: number;
  chapters?: number;
  /** For a briefing made now: clips taken from the cache and clips synthesized. */
  cache?: { hits: number; misses: number };
  error?: string;
}

function describeClips(row: SummaryRow): string {
  if (row.status === 'up to date') return 'none (up to date)';
  if (!row.cache) return '-';
  return `${row.cache.misses} synthesized, ${row.cache.hits} cached`;
}

export function countStatuses(rows: readonly SummaryRow[]): Record<ItemStatus, number> {
  const counts: Record<ItemStatus, number> = { made: 0, 'up to date': 0, failed: 0 };
  for (const row of rows) counts[row.status]++;
  return counts;
}

export function formatSummaryTable(rows: readonly SummaryRow[]): string {
  const header = ['article', 'status', 'duration', 'chapters', 'clips'];
  const cells = rows.map((row) => [
    row.input,
    row.status,
    row.durationMs === undefined ? '-' : formatClock(row.durationMs),
    row.chapters === undefined ? '-' : String(row.chapters),
    describeClips(row),
  ]);
  const widths = header.map((title, column) => Math.max(title.length, ...cells.map((line) => line[column]!.length)));
  // Numbers read best right-aligned; names and words left-aligned.
  const rightAligned = new Set([2, 3]);
  const formatLine = (line: readonly string[]) =>
    line
      .map((cell, column) => (rightAligned.has(column) ? cell.padStart(widths[column]!) : cell.padEnd(widths[column]!)))
      .join('  ')
      .trimEnd();
  const lines = [formatLine(header), formatLine(widths.map((width) => '-'.repeat(width))), ...cells.map(formatLine)];
  const failures = rows.filter((row) => row.status === 'failed');
  if (failures.length) {
    lines.push('', 'Failed:');
    for (const row of failures) lines.push(`  ${row.input}: ${row.error ?? 'unknown error'}`);
  }
  const counts = countStatuses(rows);
  lines.push('', `${rows.length} article${rows.length === 1 ? '' : 's'}: ${counts.made} made, ${counts['up to date']} up to date, ${counts.failed} failed.`);
  return `${lines.join('\n')}\n`;
}
