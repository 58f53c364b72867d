// Words of briefcast's English host lines that are no word of French, German, Spanish, Italian, Portuguese or Dutch:
// any of them in another language's speech means an English host line (or an English number) leaked into it.
export const ENGLISH_HOST_WORDS: ReadonlySet<string> = new Set(
  (
    'by published this briefing runs about minutes less than covers section sections starting with that thanks listening ' +
    'from first then finally more digest your headline example skipped and one two three four five seven ' +
    'eight nine ten eleven twelve twenty thirty hundred hour hours untitled'
  ).split(' '),
);
