// French host words. Numbers stay digits: espeak-ng and the French system voices read them in French.
import type { HostCatalog } from './catalog.js';

export const FR: HostCatalog = {
  untitledArticle: 'Article sans titre',
  theArticle: "l'article",
  credit: {
    by: 'Par {by}',
    bySite: 'Par {by} pour {site}',
    site: 'Publié par {site}',
    withDate: '{credit}, le {date}.',
    alone: '{credit}.',
    dateOnly: 'Publié le {date}.',
  },
  runs: 'Ce résumé audio dure {duration}.',
  duration: {
    lessThanMinute: "moins d'une minute",
    about: 'environ {span}',
    minutes: { one: '{n} minute', other: '{n} minutes' },
    hours: { one: 'une heure', other: '{n} heures' },
    hoursAndMinutes: '{hours} et {minutes}',
  },
  sections: {
    one: 'Il comporte une seule partie : {heading}',
    all: 'Au sommaire : {list}.',
    count: { one: 'Il comporte {n} partie', other: 'Il comporte {n} parties' },
    countStartingWith: '{count}, à commencer par {list}.',
    countOnly: '{count}.',
  },
  closing: { thatWas: "C'était {title}", from: "L'article vient de {source}.", thanks: 'Merci de votre écoute.' },
  digest: {
    title: 'Votre revue de presse',
    covers: { one: 'Cette revue compte {n} article et dure {duration}.', other: 'Cette revue compte {n} articles et dure {duration}.' },
    headline: 'À la une : {title}',
    first: "D'abord, {title}",
    then: 'Ensuite, {title}',
    finally: 'Et enfin, {title}',
    more: { one: 'Et {n} autre.', other: 'Et {n} autres.' },
    creditBySite: 'Par {by}, pour {site}.',
    creditBy: 'Par {by}.',
    creditSite: 'Publié par {site}.',
    closing: {
      one: "C'était votre revue de {n} article. Merci de votre écoute.",
      other: "C'était votre revue de {n} articles. Merci de votre écoute.",
    },
  },
  notes: { code: 'Un exemple de code est omis.', table: 'Un tableau est omis.' },
};
