// The shape of a host-words catalog: everything briefcast says itself, in one language, as data. `{name}` marks a
// value filled in when spoken; a Plural holds one text per Intl.PluralRules category the language uses ("other"
// is required). Catalogs hold no logic: host-words.ts fills them in, with the language's own plural rules, dates
// (Intl.DateTimeFormat) and list joins (Intl.ListFormat).

/** One text per plural category of the language; `{n}` is the number. */
export type Plural = Partial<Record<Intl.LDMLPluralRule, string>> & { other: string };

export interface HostCatalog {
  /** Read for an article without a title. */
  untitledArticle: string;
  /** The closing's stand-in for an article without a title: "That was {theArticle}." */
  theArticle: string;

  /** The credit line of the opening. {by} is the byline, {site} the site's name, {date} the spoken date. */
  credit: {
    by: string;
    bySite: string;
    site: string;
    /** A credit and a date: "{credit}, {date}." */
    withDate: string;
    /** A credit without a date: "{credit}." */
    alone: string;
    /** Only a date: "Published {date}." */
    dateOnly: string;
  };

  /** "This briefing runs {duration}." */
  runs: string;
  duration: {
    lessThanMinute: string;
    /** "about {span}" */
    about: string;
    minutes: Plural;
    hours: Plural;
    /** "{hours} and {minutes}" */
    hoursAndMinutes: string;
  };

  /** The rundown of sections. {list} is the joined headings. */
  sections: {
    one: string;
    all: string;
    /** "It covers {n} sections" */
    count: Plural;
    /** "{count}, starting with {list}." */
    countStartingWith: string;
    /** "{count}." */
    countOnly: string;
  };

  /** The closing: "That was {title}" (a sentence), "The article is from {source}.", "Thanks for listening." */
  closing: { thatWas: string; from: string; thanks: string };

  digest: {
    title: string;
    /** "This digest covers {n} articles and runs {duration}." */
    covers: Plural;
    headline: string;
    first: string;
    then: string;
    finally: string;
    /** "And {n} more." */
    more: Plural;
    creditBySite: string;
    creditBy: string;
    creditSite: string;
    /** "That was your digest of {n} articles. Thanks for listening." */
    closing: Plural;
  };

  /** Read in place of content the article stage leaves out. */
  notes: { code: string; table: string };
}
