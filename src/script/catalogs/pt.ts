// Portuguese host words. Numbers stay digits: espeak-ng and the Portuguese system voices read them in Portuguese.
import type { HostCatalog } from './catalog.js';

export const PT: HostCatalog = {
  untitledArticle: 'Artigo sem título',
  theArticle: 'o artigo',
  credit: {
    by: 'Por {by}',
    bySite: 'Por {by} para {site}',
    site: 'De {site}',
    withDate: '{credit}, {date}.',
    alone: '{credit}.',
    dateOnly: 'Publicado em {date}.',
  },
  runs: 'Este resumo dura {duration}.',
  duration: {
    lessThanMinute: 'menos de um minuto',
    about: 'cerca de {span}',
    minutes: { one: '{n} minuto', other: '{n} minutos' },
    hours: { one: 'uma hora', other: '{n} horas' },
    hoursAndMinutes: '{hours} e {minutes}',
  },
  sections: {
    one: 'Tem uma só secção: {heading}',
    all: 'Fala de {list}.',
    count: { one: 'Tem {n} secção', other: 'Tem {n} secções' },
    countStartingWith: '{count}, a começar por {list}.',
    countOnly: '{count}.',
  },
  closing: { thatWas: 'Foi {title}', from: 'O artigo é de {source}.', thanks: 'Obrigado por ouvir.' },
  digest: {
    title: 'O seu resumo de notícias',
    covers: { one: 'Este resumo tem {n} artigo e dura {duration}.', other: 'Este resumo tem {n} artigos e dura {duration}.' },
    headline: 'A manchete: {title}',
    first: 'Primeiro, {title}',
    then: 'Depois, {title}',
    finally: 'E por fim, {title}',
    more: { one: 'E mais {n}.', other: 'E mais {n}.' },
    creditBySite: 'Por {by}, para {site}.',
    creditBy: 'Por {by}.',
    creditSite: 'De {site}.',
    closing: {
      one: 'Foi o seu resumo de {n} artigo. Obrigado por ouvir.',
      other: 'Foi o seu resumo de {n} artigos. Obrigado por ouvir.',
    },
  },
  notes: { code: 'Um exemplo de código é omitido.', table: 'Uma tabela é omitida.' },
};
