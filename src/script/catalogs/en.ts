// English host words: exactly what briefcast said before it spoke other languages. English numbers are read as
// words and lists joined with semicolons by host-words.ts, not by Intl.
import type { HostCatalog } from './catalog.js';

export const EN: HostCatalog = {
  untitledArticle: 'Untitled article',
  theArticle: 'the article',
  credit: {
    by: 'By {by}',
    bySite: 'By {by} for {site}',
    site: 'From {site}',
    withDate: '{credit}, {date}.',
    alone: '{credit}.',
    dateOnly: 'Published {date}.',
  },
  runs: 'This briefing runs {duration}.',
  duration: {
    lessThanMinute: 'less than a minute',
    about: 'about {span}',
    minutes: { one: '{n} minute', other: '{n} minutes' },
    hours: { one: 'an hour', other: '{n} hours' },
    hoursAndMinutes: '{hours} and {minutes}',
  },
  sections: {
    one: 'It covers one section: {heading}',
    all: 'It covers {list}.',
    count: { one: 'It covers {n} section', other: 'It covers {n} sections' },
    countStartingWith: '{count}, starting with {list}.',
    countOnly: '{count}.',
  },
  closing: { thatWas: 'That was {title}', from: 'The article is from {source}.', thanks: 'Thanks for listening.' },
  digest: {
    title: 'Your briefing digest',
    covers: { one: 'This digest covers {n} article and runs {duration}.', other: 'This digest covers {n} articles and runs {duration}.' },
    headline: 'The headline: {title}',
    first: 'First, {title}',
    then: 'Then, {title}',
    finally: 'And finally, {title}',
    more: { other: 'And {n} more.' },
    creditBySite: 'By {by}, for {site}.',
    creditBy: 'By {by}.',
    creditSite: 'From {site}.',
    closing: {
      one: 'That was your digest of {n} article. Thanks for listening.',
      other: 'That was your digest of {n} articles. Thanks for listening.',
    },
  },
  notes: { code: 'A code example is skipped.', table: 'A table is skipped.' },
};
