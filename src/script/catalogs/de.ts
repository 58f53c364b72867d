// German host words. Numbers stay digits: espeak-ng and the German system voices read them in German.
import type { HostCatalog } from './catalog.js';

export const DE: HostCatalog = {
  untitledArticle: 'Artikel ohne Titel',
  theArticle: 'der Artikel',
  credit: {
    by: 'Von {by}',
    bySite: 'Von {by} für {site}',
    site: 'Aus {site}',
    withDate: '{credit}, am {date}.',
    alone: '{credit}.',
    dateOnly: 'Veröffentlicht am {date}.',
  },
  runs: 'Diese Zusammenfassung dauert {duration}.',
  duration: {
    lessThanMinute: 'weniger als eine Minute',
    about: 'etwa {span}',
    minutes: { one: '{n} Minute', other: '{n} Minuten' },
    hours: { one: 'eine Stunde', other: '{n} Stunden' },
    hoursAndMinutes: '{hours} und {minutes}',
  },
  sections: {
    one: 'Es hat einen Abschnitt: {heading}',
    all: 'Die Themen: {list}.',
    count: { one: 'Es hat {n} Abschnitt', other: 'Es hat {n} Abschnitte' },
    countStartingWith: '{count}, zuerst {list}.',
    countOnly: '{count}.',
  },
  closing: { thatWas: 'Das war {title}', from: 'Der Artikel stammt von {source}.', thanks: 'Danke fürs Zuhören.' },
  digest: {
    title: 'Ihr Nachrichtenüberblick',
    covers: {
      one: 'Dieser Überblick umfasst {n} Artikel und dauert {duration}.',
      other: 'Dieser Überblick umfasst {n} Artikel und dauert {duration}.',
    },
    headline: 'Die Schlagzeile: {title}',
    first: 'Zuerst: {title}',
    then: 'Dann: {title}',
    finally: 'Und zum Schluss: {title}',
    more: { other: 'Und {n} weitere.' },
    creditBySite: 'Von {by}, für {site}.',
    creditBy: 'Von {by}.',
    creditSite: 'Aus {site}.',
    closing: {
      one: 'Das war Ihr Überblick mit {n} Artikel. Danke fürs Zuhören.',
      other: 'Das war Ihr Überblick mit {n} Artikeln. Danke fürs Zuhören.',
    },
  },
  notes: { code: 'Ein Codebeispiel wird übersprungen.', table: 'Eine Tabelle wird übersprungen.' },
};
