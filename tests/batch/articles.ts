// Short articles in the three input formats, for the real-engine batch tests: a few sentences each keeps
// flite and ffmpeg quick on a 2-core machine.
export const HARBOUR_MD = `# Harbour Reopens After Storm

The harbour reopened on Monday after three days of storms. Fishing boats returned within hours.

## Damage

Two piers were damaged. Repairs will take a month, and the north pier stays closed until then.

## What comes next

The council will meet on Friday to discuss funding. Insurers have already sent their surveyors.

Harbour staff say the season will go ahead as planned.
`;

export const BEES_TXT = `Bees Return to the City Park

Gardeners counted more bees this spring than in any year since 2015. Volunteers walked the same route every week.

Why it matters

Bees pollinate the fruit trees. The orchard depends on them for its apples and pears.

The park will sow more wild flowers along the river next year.
`;

export const RAIL_HTML = `<!doctype html><html><head><title>New Rail Line Opens</title></head><body><article>
<h1>New Rail Line Opens</h1>
<p>The new line links the airport &amp; the centre in twelve minutes.</p>
<h2>Tickets</h2><p>Fares start at three pounds. Children travel free, and season tickets go on sale next week.</p>
<p>Trains will run every ten minutes from early morning until midnight.</p>
</article></body></html>
`;

export const FERRY_MD = `# Night Ferry Returns

The night ferry sails again from June.

## Timetable

It leaves at ten and arrives at six.
`;

/** Bytes no reader should take for an article: a NUL-laden binary blob named like a text file. */
export function corruptBytes(): Buffer {
  return Buffer.from(Array.from({ length: 2048 }, (_, i) => (i * 73 + 11) % 256));
}
