// Italian host words. Numbers stay digits: espeak-ng and the Italian system voices read them in Italian.
import type { HostCatalog } from './catalog.js';

export const IT: HostCatalog = {
  untitledArticle: 'Articolo senza titolo',
  theArticle: "l'articolo",
  credit: {
    by: 'Di {by}',
    bySite: 'Di {by} per {site}',
    site: 'Da {site}',
    withDate: '{credit}, {date}.',
    alone: '{credit}.',
    dateOnly: 'Pubblicato il {date}.',
  },
  runs: 'Questo notiziario dura {duration}.',
  duration: {
    lessThanMinute: 'meno di un minuto',
    about: 'circa {span}',
    minutes: { one: '{n} minuto', other: '{n} minuti' },
    hours: { one: "un'ora", other: '{n} ore' },
    hoursAndMinutes: '{hours} e {minutes}',
  },
  sections: {
    one: 'Ha una sola sezione: {heading}',
    all: 'Si parla di {list}.',
    count: { one: 'Ha {n} sezione', other: 'Ha {n} sezioni' },
    countStartingWith: '{count}, a partire da {list}.',
    countOnly: '{count}.',
  },
  closing: { thatWas: 'Era {title}', from: "L'articolo è di {source}.", thanks: 'Grazie per averci ascoltato.' },
  digest: {
    title: 'La tua rassegna',
    covers: { one: 'Questa rassegna contiene {n} articolo e dura {duration}.', other: 'Questa rassegna contiene {n} articoli e dura {duration}.' },
    headline: 'Il titolo: {title}',
    first: 'Per primo, {title}',
    then: 'Poi, {title}',
    finally: 'E infine, {title}',
    more: { one: 'E {n} altro.', other: 'E altri {n}.' },
    creditBySite: 'Di {by}, per {site}.',
    creditBy: 'Di {by}.',
    creditSite: 'Da {site}.',
    closing: {
      one: 'Era la tua rassegna di {n} articolo. Grazie per averci ascoltato.',
      other: 'Era la tua rassegna di {n} articoli. Grazie per averci ascoltato.',
    },
  },
  notes: { code: 'Un esempio di codice viene saltato.', table: 'Una tabella viene saltata.' },
};
