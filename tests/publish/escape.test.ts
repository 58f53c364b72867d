import { describe, expect, it } from 'vitest';
import { escapeHtml, escapeVttText, escapeXmlAttribute, escapeXmlText, stripInvalidXmlChars } from '../../src/publish/escape.js';

describe('escapeXmlText', () => {
  it('escapes the markup characters', () => {
    expect(escapeXmlText('AT&T <b> "q" \'a\' ]]>')).toBe('AT&amp;T &lt;b&gt; "q" \'a\' ]]&gt;');
  });
  it('does not double-escape on purpose: an entity in the source is text', () => {
    expect(escapeXmlText('&amp;')).toBe('&amp;amp;');
  });
  it('drops characters XML 1.0 forbids and keeps tab, newline, emoji', () => {
    expect(escapeXmlText('a\u0000b\u0008c\u000Bd\u001Fe\uFFFEf\tg\nh 🎧')).toBe('abcdef\tg\nh 🎧');
  });
  it('drops lone surrogates but keeps pairs', () => {
    expect(stripInvalidXmlChars('x\uD800y\uDC00z\uD83C\uDFA7')).toBe('xyz\uD83C\uDFA7');
  });
});

describe('escapeXmlAttribute', () => {
  it('escapes quotes and keeps whitespace from being normalized away', () => {
    expect(escapeXmlAttribute('a "b" \'c\' <&>\t\n\r')).toBe('a &quot;b&quot; &apos;c&apos; &lt;&amp;&gt;&#9;&#10;&#13;');
  });
});

describe('escapeHtml', () => {
  it('escapes text and attribute characters', () => {
    expect(escapeHtml('<script>alert("x&y")</script> it\'s')).toBe('&lt;script&gt;alert(&quot;x&amp;y&quot;)&lt;/script&gt; it&#39;s');
  });
});

describe('escapeVttText', () => {
  it('escapes & < > so that no tag or timing arrow appears in cue text', () => {
    expect(escapeVttText('Q&A: a --> b <c>')).toBe('Q&amp;A: a --&gt; b &lt;c&gt;');
  });
  it('turns line breaks into spaces: a blank line would end the cue', () => {
    expect(escapeVttText('one\n\ntwo\r\nthree\u2028four')).toBe('one two three four');
  });
});
