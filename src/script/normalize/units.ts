// Measures: a number with a unit reads the unit in full, singular for one ("1 km" one kilometer), and as an
// adjective before a noun ("a 5-km race" a five-kilometer race). Percentages and basis points too. Pure.
import { sayFraction, sayMixedFraction, sayNumber } from './number-words.js';
import { isAttributive } from './attributive.js';
import { NUM, START, alternation, pattern } from './patterns.js';

type Forms = readonly [singular: string, plural: string];
const same = (word: string): Forms => [word, word];
const regular = (word: string): Forms => [word, `${word}s`];
const per = (a: string, b: string): Forms => [`${a} per ${b}`, `${a}s per ${b}`];

const UNITS: Readonly<Record<string, Forms>> = {
  km: regular('kilometer'),
  cm: regular('centimeter'),
  mm: regular('millimeter'),
  µm: regular('micrometer'),
  μm: regular('micrometer'),
  nm: regular('nanometer'),
  mi: regular('mile'),
  ft: ['foot', 'feet'],
  'ft.': ['foot', 'feet'],
  'in.': ['inch', 'inches'],
  yd: regular('yard'),
  yds: regular('yard'),
  kg: regular('kilogram'),
  kgs: regular('kilogram'),
  g: regular('gram'),
  mg: regular('milligram'),
  µg: regular('microgram'),
  mcg: regular('microgram'),
  lb: regular('pound'),
  lbs: regular('pound'),
  'lb.': regular('pound'),
  'lbs.': regular('pound'),
  oz: regular('ounce'),
  'oz.': regular('ounce'),
  L: regular('liter'),
  ml: regular('milliliter'),
  mL: regular('milliliter'),
  cl: regular('centiliter'),
  gal: regular('gallon'),
  mph: per('mile', 'hour'),
  'km/h': per('kilometer', 'hour'),
  kph: per('kilometer', 'hour'),
  kmh: per('kilometer', 'hour'),
  'm/s': per('meter', 'second'),
  mpg: per('mile', 'gallon'),
  '°C': ['degree Celsius', 'degrees Celsius'],
  '° C': ['degree Celsius', 'degrees Celsius'],
  ºC: ['degree Celsius', 'degrees Celsius'],
  '°F': ['degree Fahrenheit', 'degrees Fahrenheit'],
  '° F': ['degree Fahrenheit', 'degrees Fahrenheit'],
  '°': regular('degree'),
  º: regular('degree'),
  KB: regular('kilobyte'),
  kB: regular('kilobyte'),
  MB: regular('megabyte'),
  GB: regular('gigabyte'),
  TB: regular('terabyte'),
  PB: regular('petabyte'),
  kbps: per('kilobit', 'second'),
  Kbps: per('kilobit', 'second'),
  Mbps: per('megabit', 'second'),
  Gbps: per('gigabit', 'second'),
  W: regular('watt'),
  kW: regular('kilowatt'),
  MW: regular('megawatt'),
  GW: regular('gigawatt'),
  TW: regular('terawatt'),
  kWh: regular('kilowatt hour'),
  MWh: regular('megawatt hour'),
  GWh: regular('gigawatt hour'),
  TWh: regular('terawatt hour'),
  V: regular('volt'),
  kV: regular('kilovolt'),
  mAh: regular('milliamp hour'),
  Hz: same('hertz'),
  kHz: same('kilohertz'),
  MHz: same('megahertz'),
  GHz: same('gigahertz'),
  hp: same('horsepower'),
  ha: regular('hectare'),
  bcm: same('billion cubic meters'),
  ms: regular('millisecond'),
  sec: regular('second'),
  secs: regular('second'),
  min: regular('minute'),
  mins: regular('minute'),
  hr: regular('hour'),
  hrs: regular('hour'),
  h: regular('hour'),
  yr: regular('year'),
  yrs: regular('year'),
  bpd: per('barrel', 'day'),
  tbsp: regular('tablespoon'),
  tsp: regular('teaspoon'),
  fps: ['frame per second', 'frames per second'],
  'b/d': per('barrel', 'day'),
  bbl: regular('barrel'),
  ppm: ['part per million', 'parts per million'],
  ppb: ['part per billion', 'parts per billion'],
  dB: regular('decibel'),
  psi: ['pound per square inch', 'pounds per square inch'],
  rpm: ['revolution per minute', 'revolutions per minute'],
  kcal: regular('kilocalorie'),
  cal: regular('calorie'),
  mSv: regular('millisievert'),
  µSv: regular('microsievert'),
  Gt: regular('gigaton'),
  kt: regular('knot'),
  kts: regular('knot'),
  '%': same('percent'),
  pct: same('percent'),
  bps: regular('basis point'),
  bp: regular('basis point'),
  pp: regular('percentage point'),
  ppt: regular('percentage point'),
  m: regular('meter'),
  'fl oz': regular('fluid ounce'),
  'km/s': per('kilometer', 'second'),
  hPa: regular('hectopascal'),
  kPa: regular('kilopascal'),
  MPa: regular('megapascal'),
  mb: regular('millibar'),
  nmi: regular('nautical mile'),
  'mg/dL': per('milligram', 'deciliter'),
  mmHg: ['millimeter of mercury', 'millimeters of mercury'],
  cc: same('C C'),
  wk: regular('week'),
  wks: regular('week'),
  mo: regular('month'),
  mos: regular('month'),
};

// Units written in small letters ("5 mbps", "3 kwh") read as the unit they vary, unless another unit is written
// so ("mb" is a millibar, "MB" a megabyte); in capitals or with a capital first ("12KG", "10 KM", "12 Kg",
// "60 MPH") only the units shouted in headlines and spec sheets, because after a number a capitalized word is
// more often a name ("5 HP printers", "3 CL titles", "2 MG cars").
const NO_CASE_VARIANTS = new Set(['ms', 'bp', 'bps', 'pp', 'ppt', 'ha', 'hp', 'ft', 'ft.', 'sec', 'secs', 'nm', 'hr', 'mi', 'in.', 'mo', 'mos', 'kt', 'cal']);
const SHOUTED_UNITS = new Set([
  'km',
  'kg',
  'kgs',
  'cm',
  'mm',
  'lb',
  'lbs',
  'oz',
  'ml',
  'mph',
  'kph',
  'kmh',
  'km/h',
  'mbps',
  'gbps',
  'kbps',
  'kwh',
  'mwh',
  'gwh',
  'twh',
  'kw',
  'mhz',
  'ghz',
  'khz',
  'hz',
  'mah',
  'psi',
  'rpm',
  'mpg',
  'yds',
  'gal',
  'kcal',
  'ppm',
]);

function caseVariants(): ReadonlyMap<string, string> {
  const variants = new Map<string, string>();
  const ambiguous = new Set<string>();
  for (const unit of Object.keys(UNITS)) {
    const lower = unit.toLowerCase();
    if (unit.length < 2 || NO_CASE_VARIANTS.has(lower)) continue;
    const capitalized = unit[0]!.toUpperCase() + unit.slice(1).toLowerCase();
    for (const variant of SHOUTED_UNITS.has(lower) ? [lower, unit.toUpperCase(), capitalized] : [lower]) {
      if (variant in UNITS) continue;
      const seen = variants.get(variant);
      if (seen !== undefined && UNITS[seen]![0] !== UNITS[unit]![0]) ambiguous.add(variant);
      else variants.set(variant, unit);
    }
  }
  for (const variant of ambiguous) variants.delete(variant);
  return variants;
}
const CASE_VARIANTS = caseVariants();

/** The unit a written unit stands for: itself, or the unit whose spelling it varies ("KG" → "kg"). */
function canonicalUnit(written: string): string {
  return written in UNITS ? written : (CASE_VARIANTS.get(written) ?? written);
}

/** Units that name an area or volume when written with a "sq" prefix or a ² / ³ suffix. */
const AREA_UNITS = new Set(['km', 'm', 'cm', 'mm', 'mi', 'ft', 'yd']);

// "5m" is five million people in British headlines and five meters everywhere else: read it as million only
// before the nouns that are counted in millions.
const COUNTED_IN_MILLIONS =
  /^(people|users|viewers|customers|subscribers|followers|visitors|passengers|residents|voters|votes|children|jobs|homes|households|doses|vaccines|barrels|tonnes|tons|copies|downloads|views|cases|deaths|refugees|migrants|workers|members|shares|units|vehicles|cars|phones|devices|accounts|animals|patients|students|pupils|tourists|listeners|readers|signatures|years|euros|dollars|pounds)\b/;

const MAGNITUDE_WORDS: Readonly<Record<string, string>> = { k: 'thousand', bn: 'billion', tn: 'trillion', trn: 'trillion', mn: 'million', mln: 'million' };

const SIGN = String.raw`(?:(?<=^|[\s(\[])([-\u2212+±~]))?`;
const UNIT = `(${alternation([...Object.keys(UNITS), ...CASE_VARIANTS.keys()])})`;
const MEASURE = pattern(
  String.raw`${SIGN}${START}(${NUM}|\.\d+)(?:\s?[-–]\s?(${NUM}))?(\s(?:thousand|million|billion|trillion|quadrillion|quintillion))?(\s?|-)(sq\.?\s?|square\s|cubic\s|cu\.?\s?)?${UNIT}([²³]|(?<=(?:km|m|cm|mm|mi|ft))[23])?(?![\p{L}\p{N}])`,
);
// "4 1/2 lbs", "1/4 mi": a fraction of a unit, mixed or not.
const FRACTION_MEASURE = pattern(String.raw`${START}(?:(\d+)\s)?(\d{1,2})/(\d{1,2})(?:\s?|-)${UNIT}(?![\p{L}\p{N}])`);
const FEET_AND_INCHES = pattern(String.raw`${START}(\d+)\s?ft\.?\s(\d{1,2})\s?in\.?(?![\p{L}\p{N}])`);
const FEET_INCHES = pattern(String.raw`${START}(\d)['’′]\s?(\d{1,2})(?:["”″]|'')?(?![\p{L}\p{N}])`);
const REPEATED_UNIT = pattern(String.raw`${START}(${NUM})\s?(%|°C|°F|km|kg|mm|cm|m|mph|GW|MW|bps)\s?[-–]\s?(${NUM})(\s?\2)(?![\p{L}\p{N}])`);
const TEMPERATURE = pattern(String.raw`${SIGN}${START}(${NUM})([CF])(?![\p{L}\p{N}])`);
const DIMENSIONS = pattern(String.raw`${START}(${NUM})\s?[x×]\s?(${NUM})(?:\s?[x×]\s?(${NUM}))?(?![\p{L}\p{N}])`);
const TIMES = pattern(String.raw`${START}(${NUM})[x×](?![\p{L}\p{N}])`);
const MAGNITUDE = pattern(String.raw`${START}(${NUM})\s?(k|bn|tn|trn|mn|mln)(?![\p{L}\p{N}])`);
const PER_UNIT = pattern(String.raw`(?<=\S)\/(${alternation(['kg', 'km', 'lb', 'g', 'mi', 'L', 'ml', 'kWh', 'MWh', 'oz', 'gal', 'bbl'])})(?![\p{L}\p{N}])`);

const SIGN_WORDS: Readonly<Record<string, string>> = { '-': 'minus', '\u2212': 'minus', '+': 'plus', '±': 'plus or minus', '~': 'about' };

function unitWords(written: string, plural: boolean, prefix: string | undefined, power: string | undefined): string {
  const unit = canonicalUnit(written);
  const forms = UNITS[unit]!;
  const word = plural ? forms[1] : forms[0];
  if (prefix || power) {
    const kind = /cu|cubic/.test(prefix ?? '') || power === '³' || power === '3' ? 'cubic' : 'square';
    return AREA_UNITS.has(unit.replace(/\.$/, '')) ? `${kind} ${word}` : word;
  }
  return word;
}

const TEMPERATURE_TOPIC = /temperat|degree|heat|cold|warm|celsius|fahrenheit|thermomet|weather|hot|freez|chill|frost|climate|pre-industrial|forecast|°/i;

export function readMeasures(text: string): string {
  const isTemperatureTopic = TEMPERATURE_TOPIC.test(text);
  return (
    text
      .replace(FRACTION_MEASURE, (match: string, whole: string | undefined, top: string, bottom: string, written: string) => {
        // "8/16 kHz" is a choice of two values, not a fraction: a fraction of a unit is written in lowest terms.
        if (Number(top) === 0 || Number(top) >= Number(bottom) || Number(bottom) > 16 || greatestCommonDivisor(Number(top), Number(bottom)) > 1) return match;
        const unit = canonicalUnit(written);
        // "four and a half pounds"; "one quarter of a mile", but "one half percent".
        if (whole !== undefined) return `${sayMixedFraction(whole, top, bottom)} ${unitWords(unit, true, undefined, undefined)}`;
        const singular = unitWords(unit, false, undefined, undefined);
        if (unit === '%' || unit === 'pct') return `${sayFraction(top, bottom)} ${singular}`;
        return `${sayFraction(top, bottom)} of ${/^[aeiou]/.test(singular) ? 'an' : 'a'} ${singular}`;
      })
      .replace(FEET_AND_INCHES, (_match, feet: string, inches: string) => `${sayNumber(feet)} feet ${sayNumber(inches)} inches`)
      // Heights: 6'2" is "six foot two".
      .replace(FEET_INCHES, (_match, feet: string, inches: string) => `${sayNumber(feet)} foot ${sayNumber(inches)}`)
      // "5.25%-5.5%", "3 km - 5 km": a unit written on both ends of a range is said once.
      .replace(REPEATED_UNIT, '$1-$3$4')
      .replace(DIMENSIONS, (_match, a: string, b: string, c: string | undefined) =>
        [a, b, c]
          .filter((n): n is string => n !== undefined)
          .map((n) => sayNumber(n.replace(/,/g, '')))
          .join(' by '),
      )
      .replace(TIMES, (_match, n: string) => `${sayNumber(n.replace(/,/g, ''))} times`)
      .replace(
        MEASURE,
        (
          match: string,
          sign: string | undefined,
          value: string,
          upper: string | undefined,
          scale: string | undefined,
          joiner: string,
          prefix: string | undefined,
          unit: string,
          power: string | undefined,
          offset: number,
          whole: string,
        ) => {
          const after = whole.slice(offset + match.length);
          if (unit === 'm' && !prefix && !power && !scale) {
            const next = /^\s*([\p{Ll}]+)/u.exec(after)?.[1] ?? '';
            if (COUNTED_IN_MILLIONS.test(next)) return `${signWords(sign)}${sayNumber(value.replace(/,/g, ''))} million`;
          }
          // "5.00%" is five percent: zeros after the point add nothing to a rate.
          const written = unit === '%' ? value.replace(/\.0+$/, '') : value;
          const spokenValue = sayNumber(written.replace(/,/g, '')) + (scale ?? '');
          // "a 10-km race", "the 100m final": before a noun the unit is an adjective, singular.
          const adjective = upper === undefined && (joiner === '-' || isAttributive(whole, offset, match.length));
          const plural = !adjective && (upper !== undefined || scale !== undefined || !/^1(\.0+)?$/.test(value));
          const words = unitWords(unit, plural, prefix, power);
          if (upper !== undefined) {
            const top = unit === '%' ? upper.replace(/\.0+$/, '') : upper;
            return `${signWords(sign)}${spokenValue} to ${sayNumber(top.replace(/,/g, ''))} ${words}`;
          }
          return `${signWords(sign)}${spokenValue}${joiner === '-' && adjective ? '-' : ' '}${words}`;
        },
      )
      .replace(TEMPERATURE, (match: string, sign: string | undefined, value: string, scale: string) => {
        if (!isTemperatureTopic) return match;
        const unit = scale === 'C' ? 'Celsius' : 'Fahrenheit';
        return `${signWords(sign)}${sayNumber(value.replace(/,/g, ''))} degree${value === '1' ? '' : 's'} ${unit}`;
      })
      .replace(MAGNITUDE, (_match, value: string, magnitude: string) => `${sayNumber(value.replace(/,/g, ''))} ${MAGNITUDE_WORDS[magnitude]}`)
      .replace(PER_UNIT, (_match, unit: string) => ` per ${UNITS[unit]![0]}`)
  );
}

function greatestCommonDivisor(a: number, b: number): number {
  return b === 0 ? a : greatestCommonDivisor(b, a % b);
}

function signWords(sign: string | undefined): string {
  return sign ? `${SIGN_WORDS[sign]} ` : '';
}
