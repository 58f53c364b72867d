// The template tags static-site generators leave in a post's Markdown (Jekyll's Liquid, Hugo's and Zola's
// shortcodes), which a reader never sees: tags are removed, the prose a paired tag wraps is kept, highlighted code
// becomes a fenced code block (read as the code note) and display math is dropped, as MathML is in HTML. Code (fenced
// blocks and `inline spans`) is left as written: a post about templates quotes them there. Pure.

// Fenced code blocks and inline code spans, kept as they are.
const CODE = /(^|\n)(```|~~~)[^\n]*\n[\s\S]*?(?:\n\2[^\n]*(?=\n|$)|$)|`[^`\n]+`/g;

const RULES: ReadonlyArray<readonly [RegExp, string]> = [
  // Highlighted code, in Liquid or as a Hugo shortcode.
  [/\{%-?\s*highlight\b[^%]*%\}([\s\S]*?)\{%-?\s*endhighlight\s*-?%\}/g, '\n```\n$1\n```\n'],
  [/\{\{<\s*highlight\b[^>]*>\}\}([\s\S]*?)\{\{<\s*\/highlight\s*>\}\}/g, '\n```\n$1\n```\n'],
  // Comments, with what they hold.
  [/\{%-?\s*comment\s*-?%\}[\s\S]*?\{%-?\s*endcomment\s*-?%\}/g, ''],
  [/\{\{<\s*!--[\s\S]*?--\s*>\}\}|\{\{\/\*[\s\S]*?\*\/\}\}|\{#[\s\S]*?#\}/g, ''],
  // Display math on lines of its own.
  [/(^|\n)[ \t]*\$\$[\s\S]+?\$\$[ \t]*(?=\n|$)/g, '$1'],
  // Hugo shortcodes ({{< name >}}, {{% name %}}, and their closing tags), then Liquid and Zola tags and outputs.
  [/\{\{[<%][\s\S]*?[>%]\}\}/g, ''],
  [/\{%[\s\S]*?%\}/g, ''],
  [/\{\{[\s\S]*?\}\}/g, ''],
];

/** The Markdown with its template tags removed (see above); a post without any comes back unchanged. */
export function stripTemplateTags(markdown: string): string {
  if (!/\{[{%#]|\$\$/.test(markdown)) return markdown;
  let result = '';
  let last = 0;
  for (const match of markdown.matchAll(CODE)) {
    result += stripOutsideCode(markdown.slice(last, match.index)) + match[0];
    last = match.index + match[0].length;
  }
  return result + stripOutsideCode(markdown.slice(last));
}

function stripOutsideCode(text: string): string {
  let result = text;
  for (const [pattern, replacement] of RULES) result = result.replace(pattern, replacement);
  return result;
}
