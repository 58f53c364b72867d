// Whether an amount stands before a noun as its adjective: "a $5 fee" is "a five-dollar fee", "the 100m final"
// "the one hundred meter final", while "a $5 a share" and "the 5 km north" are plain amounts. One check and one
// word list for money and measures alike. Pure.
import { wordsBefore } from './patterns.js';

const DETERMINER = /^(a|an|the|this|that|its|their|his|her|our|your)$/;

/** Words after an amount that are not the noun it describes. */
const NOT_NOUNS = new Set([
  // Articles, prepositions, conjunctions, verbs and pronouns.
  ...['a', 'an', 'the', 'of', 'in', 'into', 'to', 'for', 'from', 'on', 'at', 'by', 'with', 'and', 'or', 'but', 'as'],
  ...['was', 'were', 'is', 'are', 'has', 'have', 'had', 'will', 'would', 'could', 'should', 'that', 'which', 'who'],
  ...['this', 'it', 'than', 'more', 'less', 'plus', 'per', 'each', 'apiece', 'too', 'so', 'then', 'when', 'while'],
  ...['after', 'before', 'since', 'until', 'over', 'under', 'above', 'below', 'beneath', 'behind', 'ahead', 'beyond'],
  ...['apart', 'across', 'along', 'around', 'off', 'up', 'down', 'away', 'overhead', 'underground', 'underwater'],
  // Directions and dimensions: "the 5 km north", "a 3 m high wall".
  ...['north', 'south', 'east', 'west', 'northeast', 'northwest', 'southeast', 'southwest', 'inland', 'offshore'],
  ...['high', 'tall', 'long', 'wide', 'deep', 'short', 'thick', 'higher', 'lower', 'further', 'farther', 'longer'],
  ...['deeper', 'wider'],
  // Rates: "a $5 a-year fee" is rare, "$5 a share" common.
  ...['a-day', 'a-year', 'year', 'month', 'week', 'day', 'hour', 'share', 'head', 'piece', 'barrel', 'ton', 'tonne'],
  ...['ounce', 'gallon'],
]);

/** Whether the amount at text[offset, offset + length) follows a determiner and comes before a noun it describes. */
export function isAttributive(text: string, offset: number, length: number): boolean {
  const before = wordsBefore(text, offset)[0]?.toLowerCase() ?? '';
  const after = /^\s+([\p{Ll}-]+)/u.exec(text.slice(offset + length))?.[1];
  // A count before the amount works as a determiner too: "2 100m races", "3 $5 bills".
  const determiner = DETERMINER.test(before) || /['’]s$/.test(before) || /^\d+$/.test(before);
  return determiner && after !== undefined && !NOT_NOUNS.has(after);
}
