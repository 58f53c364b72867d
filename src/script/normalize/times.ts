// Clock times, durations and ratios: "10 a.m." → "ten A M", "3:30 p.m." → "three thirty P M",
// "14:00" → "fourteen hundred", "3:1" → "three to one". Pure.
import { sayCardinal, sayTwoDigits } from './number-words.js';
import { END, START, pattern } from './patterns.js';

/** A twelve-hour time: "3:30" → "three thirty", "3:00" → "three". */
function sayTwelveHour(hour: string, minutes?: string): string {
  const h = sayCardinal(Number(hour));
  return minutes && Number(minutes) ? `${h} ${sayTwoDigits(minutes)}` : h;
}

/**
 * A time without a.m./p.m.: a twelve-hour reading up to 12, a zero in front or not ("01:00" one o'clock, "09:30"
 * nine thirty); 24-hour style past 12 ("14:00" fourteen hundred, "14:30" fourteen thirty); "00:00" midnight.
 */
export function sayClock(hour: string, minutes: string): string {
  const h = Number(hour);
  const m = Number(minutes);
  if (h === 0) return m ? `twelve ${sayTwoDigits(m)} A M` : 'midnight';
  if (h <= 12) return m ? `${sayCardinal(h)} ${sayTwoDigits(m)}` : `${sayCardinal(h)} o'clock`;
  return m ? `${sayCardinal(h)} ${sayTwoDigits(m)}` : `${sayCardinal(h)} hundred`;
}

/** A four-digit military time, said as written: "0600" oh six hundred, "1430" fourteen thirty, "0000" midnight. */
function sayMilitary(hour: string, minutes: string): string {
  const h = Number(hour);
  const m = Number(minutes);
  if (h === 0 && m === 0) return 'midnight';
  const hourText = h === 0 ? 'zero' : hour.startsWith('0') ? sayTwoDigits(h) : sayCardinal(h);
  return `${hourText} ${m ? sayTwoDigits(m) : 'hundred'}`;
}

function sayDuration(hours: string, minutes: string, seconds: string): string {
  const parts: string[] = [];
  const add = (value: string, unit: string) => {
    const n = Number(value);
    if (n) parts.push(`${sayCardinal(n)} ${unit}${n === 1 ? '' : 's'}`);
  };
  add(hours, 'hour');
  add(minutes, 'minute');
  add(seconds, 'second');
  if (parts.length === 0) return 'zero seconds';
  return parts.length === 1 ? parts[0]! : `${parts.slice(0, -1).join(', ')} and ${parts.at(-1)}`;
}

const MERIDIEM = String.raw`([AaPp])\.?\s?[Mm]\.?(?![\p{L}])`;
// "10:00:00 p.m.": seconds on a clock time with a.m. or p.m. are not said.
const TWELVE_HOUR = pattern(String.raw`${START}(1[0-2]|0?[1-9])(?:[:.]([0-5]\d)(?::[0-5]\d)?)?\s?${MERIDIEM}`);
const HMS = pattern(String.raw`${START}(\d{1,2}):([0-5]\d):([0-5]\d)(?![\d:])`);
const CLOCK = pattern(String.raw`${START}([01]?\d|2[0-3]):([0-5]\d)(?![\d:]|\.\d)`);
// "0600 GMT", "1430 local time": military-style times are only recognisable by what follows them.
const MILITARY = pattern(String.raw`${START}([01]\d|2[0-3])([0-5]\d)(?=\s?(?:GMT|UTC|Z|BST|CET|EST|EDT|PST|PDT|hrs|hours|local time)${END})`);
const TIME_RANGE_DASH =
  /(?<=\d\s?[AaPp]\.?\s?[Mm]\.?|\b\d{1,2}:\d\d)\s?[-–]\s?(?=\d{1,2}(?::\d\d)?\s?[AaPp]\.?\s?[Mm](?![a-z])|\d{1,2}:\d\d|noon\b|midnight\b)/g;
const HOUR_RANGE = pattern(String.raw`${START}(1[0-2]|0?[1-9])\s?[-–]\s?(1[0-2]|0?[1-9])\s?${MERIDIEM}`);
const RATIO = pattern(String.raw`${START}(\d+):(\d+)${END}`);
const NOON = pattern(String.raw`${START}12\s?(noon|midnight)${END}`);

export function readTimes(text: string): string {
  return (
    text
      .replace(NOON, (_match, word: string) => `twelve ${word}`)
      // "9am-5pm", "10:00-11:30", "10 a.m.-noon": a dash between two times is "to".
      .replace(TIME_RANGE_DASH, ' to ')
      // "1-2pm": both hours share the a.m. or p.m. written once.
      .replace(HOUR_RANGE, (_match, from: string, to: string, half: string) => `${sayTwelveHour(from)} to ${sayTwelveHour(to)} ${half.toUpperCase()} M`)
      .replace(TWELVE_HOUR, (_match, hour: string, minutes: string | undefined, half: string) => `${sayTwelveHour(hour, minutes)} ${half.toUpperCase()} M`)
      .replace(HMS, (_match, h: string, m: string, s: string) => sayDuration(h, m, s))
      .replace(CLOCK, (_match, h: string, m: string) => sayClock(h, m))
      .replace(MILITARY, (_match, h: string, m: string) => sayMilitary(h, m))
      .replace(RATIO, (_match, a: string, b: string) => `${sayCardinal(a)} to ${sayCardinal(b)}`)
  );
}
