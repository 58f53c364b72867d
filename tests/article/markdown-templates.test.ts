// Template tags of static-site generators in a post's Markdown: removed, with the prose they wrap kept and code
// (fenced or inline) left as written. Pure units, plus one post through parseMarkdown.
import { describe, expect, it } from 'vitest';
import { CODE_NOTE } from '../../src/article/collect-sections.js';
import { stripTemplateTags } from '../../src/article/markdown-templates.js';
import { parseMarkdown } from '../../src/article/parse-markdown.js';

describe('stripTemplateTags', () => {
  it.each([
    ['Jekyll include', 'Before.\n\n{% include note.html content="x" %}\n\nAfter.', 'Before.\n\n\n\nAfter.'],
    ['Liquid output', 'Posted in {{ page.category }} today.', 'Posted in  today.'],
    ['Liquid comment with its body', 'A {% comment %}hidden words{% endcomment %}B', 'A B'],
    ['Hugo shortcode', '{{< figure src="/a.png" caption="A chart" >}}', ''],
    ['Hugo paired shortcode keeps its prose', '{{% notice info %}}\nRead this.\n{{% /notice %}}', '\nRead this.\n'],
    ['Zola inline shortcode', 'Watch {{ youtube(id="abc") }} now.', 'Watch  now.'],
    ['Zola body shortcode keeps its prose', '{% note(kind="tip") %}\nA tip.\n{% end %}', '\nA tip.\n'],
    ['display math', 'Energy:\n\n$$\nE = mc^2\n$$\n\nDone.', 'Energy:\n\n\n\nDone.'],
  ])('%s', (_name, markdown, expected) => {
    expect(stripTemplateTags(markdown)).toBe(expected);
  });

  it('turns highlighted code into a fenced code block', () => {
    expect(stripTemplateTags('{% highlight ruby %}\nputs 1\n{% endhighlight %}')).toBe('\n```\n\nputs 1\n\n```\n');
    expect(stripTemplateTags('{{< highlight go >}}\nfmt.Println()\n{{< /highlight >}}')).toBe('\n```\n\nfmt.Println()\n\n```\n');
  });

  it('leaves code as written: a post about templates quotes them', () => {
    const markdown = 'Print it with `{{ .Title }}` in a template:\n\n```html\n<h1>{{ .Title }}</h1>\n{% if x %}\n```\n\nThat is all.';
    expect(stripTemplateTags(markdown)).toBe(markdown);
  });

  it('leaves a post without template tags unchanged, dollars included', () => {
    const markdown = '# Prices\n\nIt costs $5, or $10 with {braces} and 50% off.\n';
    expect(stripTemplateTags(markdown)).toBe(markdown);
  });
});

describe('parseMarkdown with template tags', () => {
  it('reads the prose of a Jekyll or Hugo post, and nothing of its tags', () => {
    const md = [
      '---',
      'title: Shortcodes',
      '---',
      '',
      'Intro.',
      '',
      '{{< figure src="/img/chart.png" caption="A chart of growth" >}}',
      '',
      '{% highlight ruby %}',
      'def foo; end',
      '{% endhighlight %}',
      '',
      '{{% notice info %}}',
      'Prose inside a shortcode.',
      '{{% /notice %}}',
      '',
      'The end.',
    ].join('\n');
    expect(parseMarkdown(md, 'post.md').sections[0]?.paragraphs).toEqual(['Intro.', CODE_NOTE, 'Prose inside a shortcode.', 'The end.']);
  });
});
