// Dutch host words. Numbers stay digits: espeak-ng and the Dutch system voices read them in Dutch.
import type { HostCatalog } from './catalog.js';

export const NL: HostCatalog = {
  untitledArticle: 'Artikel zonder titel',
  theArticle: 'het artikel',
  credit: {
    by: 'Door {by}',
    bySite: 'Door {by} voor {site}',
    site: 'Van {site}',
    withDate: '{credit}, op {date}.',
    alone: '{credit}.',
    dateOnly: 'Gepubliceerd op {date}.',
  },
  runs: 'Dit overzicht duurt {duration}.',
  duration: {
    lessThanMinute: 'minder dan een minuut',
    about: 'ongeveer {span}',
    minutes: { one: '{n} minuut', other: '{n} minuten' },
    hours: { one: 'een uur', other: '{n} uur' },
    hoursAndMinutes: '{hours} en {minutes}',
  },
  sections: {
    one: 'Er is één onderdeel: {heading}',
    all: 'Het gaat over {list}.',
    count: { one: 'Er is {n} onderdeel', other: 'Er zijn {n} onderdelen' },
    countStartingWith: '{count}, te beginnen met {list}.',
    countOnly: '{count}.',
  },
  closing: { thatWas: 'Dat was {title}', from: 'Het artikel komt van {source}.', thanks: 'Bedankt voor het luisteren.' },
  digest: {
    title: 'Uw nieuwsoverzicht',
    covers: { one: 'Dit overzicht bevat {n} artikel en duurt {duration}.', other: 'Dit overzicht bevat {n} artikelen en duurt {duration}.' },
    headline: 'De kop: {title}',
    first: 'Eerst, {title}',
    then: 'Dan, {title}',
    finally: 'En tot slot, {title}',
    more: { other: 'En nog {n}.' },
    creditBySite: 'Door {by}, voor {site}.',
    creditBy: 'Door {by}.',
    creditSite: 'Van {site}.',
    closing: {
      one: 'Dat was uw overzicht van {n} artikel. Bedankt voor het luisteren.',
      other: 'Dat was uw overzicht van {n} artikelen. Bedankt voor het luisteren.',
    },
  },
  notes: { code: 'Een codevoorbeeld wordt overgeslagen.', table: 'Een tabel wordt overgeslagen.' },
};
