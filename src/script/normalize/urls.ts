// Web addresses and e-mail addresses, read the way a presenter gives them out: "example dot com",
// "jane dot doe at example dot org". The scheme and any query string are left out, as on air. Pure.
import { sayDigits } from './number-words.js';
import type { RuleContext } from './patterns.js';
import { isPronounceable } from './acronyms.js';

const TLDS =
  'com|org|net|gov|edu|int|mil|io|co|uk|ai|app|dev|info|biz|us|ca|de|fr|cn|ru|eu|au|in|jp|news|tv|me|ly|ch|nl|es|it|se|no|ie|nz|za|br|mx|kr|tw|hk|sg|ua|pl|be|at|dk|fi|il|org\\.uk|co\\.uk|gov\\.uk|ac\\.uk';

const EMAIL = /(?<![\w.+-])([A-Za-z0-9][A-Za-z0-9._%+-]*)@([A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)*\.[A-Za-z]{2,})(?![\w-])/g;
const URL_WITH_SCHEME = /(?<![\w@])(?:https?:\/\/|www\.)[^\s"'<>()[\]{}]+/gi;
// Labels may hold an underscore ("some_university.edu"): not valid in a host name, but written in articles.
const BARE_DOMAIN = new RegExp(String.raw`(?<![\w@./-])(?:[A-Za-z0-9][A-Za-z0-9_-]*\.)+(?:${TLDS})(?:/[^\s"'<>()[\]{}]*)?(?![\w-])`, 'g');

// Said as words on air; every other two-letter ending is a country code, spelled.
const SPOKEN_TLDS = new Set(['com', 'org', 'net', 'gov', 'edu', 'int', 'mil', 'info', 'biz', 'news', 'app', 'dev', 'co']);
const SPELLED_TLDS = new Set(['edu']);

function readLabel(label: string, isTld: boolean, inHost = false): string {
  if (!label) return '';
  const lower = label.toLowerCase();
  if (lower === 'www') return 'W W W';
  if (isTld) return SPELLED_TLDS.has(lower) || !SPOKEN_TLDS.has(lower) ? spell(lower) : lower;
  return label
    .split(/(\d+)/)
    .filter(Boolean)
    .map((part) => (/^\d+$/.test(part) ? sayDigits(part) : readWordPart(part, inHost)))
    .join(' ');
}

function readWordPart(part: string, inHost: boolean): string {
  return part
    .split(/([-_+%~])/)
    .filter(Boolean)
    .map((word) => {
      if (word === '-') return 'dash';
      if (word === '_') return 'underscore';
      if (word === '+') return 'plus';
      if (word === '%' || word === '~') return '';
      const lower = word.toLowerCase();
      // Short host names are initials ("bbc.co.uk", "who.int"); in a path or a mailbox a word with a vowel is a word.
      if (inHost && lower.length <= 3) return SHORT_WORDS.has(lower) ? lower : spell(lower);
      if (inHost && word === word.toUpperCase()) return isPronounceable(word) ? word : spell(lower);
      return /[aeiouy]/.test(lower) || SHORT_WORDS.has(lower) ? word : spell(lower);
    })
    .filter(Boolean)
    .join(' ');
}

// Short labels that are words, not initials ("go.dev", "my.site.com"); other short labels are spelled ("bbc").
const SHORT_WORDS = new Set([
  'go',
  'my',
  'web',
  'app',
  'get',
  'the',
  'and',
  'new',
  'top',
  'map',
  'doc',
  'shop',
  'now',
  'one',
  'sky',
  'box',
  'fox',
  'bit',
  'hub',
  'lab',
  'dev',
  'art',
  'car',
  'job',
  'gov',
  'org',
  'net',
  'com',
  'mail',
  'news',
  'co',
]);

function spell(word: string): string {
  return Array.from(word.toUpperCase()).join(' ');
}

function readHost(host: string): string {
  const labels = host.replace(/\.$/, '').split('.');
  return labels.map((label, index) => readLabel(label, index === labels.length - 1 && labels.length > 1, true)).join(' dot ');
}

function readPath(path: string): string {
  const clean = path.replace(/[?#].*$/, '').replace(/\/+$/, '');
  if (!clean) return '';
  return clean
    .split('/')
    .filter(Boolean)
    .map((segment) =>
      segment
        .split('.')
        .map((piece) => readLabel(piece, false))
        .join(' dot '),
    )
    .map((segment) => ` slash ${segment}`)
    .join('');
}

/** "https://www.example.com/news/" → "W W W dot example dot com slash news". */
export function readUrl(url: string): string {
  const withoutScheme = url.replace(/^https?:\/\//i, '');
  const slash = withoutScheme.indexOf('/');
  const host = slash === -1 ? withoutScheme : withoutScheme.slice(0, slash);
  const path = slash === -1 ? '' : withoutScheme.slice(slash);
  return `${readHost(host.replace(/:\d+$/, ''))}${readPath(path)}`;
}

/** "jane.doe@example.org" → "jane dot doe at example dot org". */
export function readEmail(local: string, domain: string): string {
  const user = local
    .split(/([._+-])/)
    .filter(Boolean)
    .map((piece) => ({ '.': 'dot', _: 'underscore', '+': 'plus', '-': 'dash' })[piece] ?? readLabel(piece, false))
    .join(' ');
  return `${user} at ${readHost(domain)}`;
}

/** Splits off sentence punctuation that a greedy URL match swallowed ("see example.com/a." ends the sentence). */
function trimTrailing(url: string): [string, string] {
  const match = /[.,;:!?'"]+$/.exec(url);
  return match ? [url.slice(0, match.index), match[0]] : [url, ''];
}

export function readWebAddresses(text: string, context: RuleContext): string {
  const protect = (spoken: string) => context.protector.protect(spoken);
  return text
    .replace(EMAIL, (_match, local: string, domain: string) => protect(readEmail(local, domain)))
    .replace(URL_WITH_SCHEME, (match) => {
      const [url, tail] = trimTrailing(match);
      return protect(readUrl(url)) + tail;
    })
    .replace(BARE_DOMAIN, (match) => {
      const [url, tail] = trimTrailing(match);
      return protect(readUrl(url)) + tail;
    });
}
