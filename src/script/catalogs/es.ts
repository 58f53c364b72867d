// Spanish host words. Numbers stay digits: espeak-ng and the Spanish system voices read them in Spanish.
import type { HostCatalog } from './catalog.js';

export const ES: HostCatalog = {
  untitledArticle: 'Artículo sin título',
  theArticle: 'el artículo',
  credit: {
    by: 'Por {by}',
    bySite: 'Por {by} para {site}',
    site: 'De {site}',
    withDate: '{credit}, el {date}.',
    alone: '{credit}.',
    dateOnly: 'Publicado el {date}.',
  },
  runs: 'Este resumen dura {duration}.',
  duration: {
    lessThanMinute: 'menos de un minuto',
    about: 'unos {span}',
    minutes: { one: '{n} minuto', other: '{n} minutos' },
    hours: { one: 'una hora', other: '{n} horas' },
    hoursAndMinutes: '{hours} y {minutes}',
  },
  sections: {
    one: 'Tiene una sola sección: {heading}',
    all: 'Trata de {list}.',
    count: { one: 'Tiene {n} sección', other: 'Tiene {n} secciones' },
    countStartingWith: '{count}, empezando por {list}.',
    countOnly: '{count}.',
  },
  closing: { thatWas: 'Eso fue {title}', from: 'El artículo es de {source}.', thanks: 'Gracias por escuchar.' },
  digest: {
    title: 'Su resumen informativo',
    covers: { one: 'Este resumen incluye {n} artículo y dura {duration}.', other: 'Este resumen incluye {n} artículos y dura {duration}.' },
    headline: 'El titular: {title}',
    first: 'Primero, {title}',
    then: 'Después, {title}',
    finally: 'Y por último, {title}',
    more: { one: 'Y {n} más.', other: 'Y {n} más.' },
    creditBySite: 'Por {by}, para {site}.',
    creditBy: 'Por {by}.',
    creditSite: 'De {site}.',
    closing: {
      one: 'Eso fue su resumen de {n} artículo. Gracias por escuchar.',
      other: 'Eso fue su resumen de {n} artículos. Gracias por escuchar.',
    },
  },
  notes: { code: 'Se omite un ejemplo de código.', table: 'Se omite una tabla.' },
};
