// --follow-every takes a duration the way people write one: "45m", "2s", "1h30m", "1d".
import { UsageError } from '../errors.js';

const UNIT_MS: Readonly<Record<string, number>> = { ms: 1, s: 1000, m: 60_000, h: 3_600_000, d: 86_400_000 };
const ORDER = ['d', 'h', 'm', 's', 'ms'];

/**
 * Milliseconds in a duration of one or more whole-number parts, largest unit first ("1h30m"). Anything else
 * (a bare number, a repeated or misordered unit, zero) is a UsageError that names the option.
 */
export function parseDuration(text: string, option = '--follow-every'): number {
  const refuse = (): UsageError => new UsageError(`${option} takes a duration such as 45m, 2s or 1h30m (units d, h, m, s, ms), not "${text}".`);
  const compact = text.trim().toLowerCase();
  const parts = [...compact.matchAll(/(\d+)(ms|s|m|h|d)/g)];
  if (parts.length === 0 || parts.map((part) => part[0]).join('') !== compact) throw refuse();
  let total = 0;
  let lastRank = -1;
  for (const [, amount, unit] of parts) {
    const rank = ORDER.indexOf(unit!);
    if (rank <= lastRank) throw refuse();
    lastRank = rank;
    total += Number(amount) * UNIT_MS[unit!]!;
  }
  if (total === 0 || !Number.isSafeInteger(total)) throw refuse();
  return total;
}
