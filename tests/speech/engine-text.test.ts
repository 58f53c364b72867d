import { describe, expect, it } from 'vitest';
import { hasSpeakableText, quoteFirstWords, toAsciiSpeech, toUnicodeSpeech } from '../../src/speech/engines/engine-text.js';

describe('toAsciiSpeech (flite, flite-wasm, festival)', () => {
  it('spells accented letters and typographic punctuation in ASCII', () => {
    expect(toAsciiSpeech('Café “naïve” – résumé’s Zürich… Łódź, Ærø, straße')).toBe('Cafe "naive" - resume\'s Zurich... Lodz, AEro, strasse');
  });

  it('turns an em dash into a pause and keeps hyphens', () => {
    expect(toAsciiSpeech('Xi—and Putin — met in the U.S.-led order')).toBe('Xi, and Putin, met in the U.S.-led order');
  });

  it('reads currency symbols after the amount', () => {
    expect(toAsciiSpeech('It cost €5 billion, up from £3.2m and ¥100.')).toBe('It cost 5 billion euros, up from 3.2m pounds and 100 yen.');
  });

  it('drops what it cannot spell instead of passing UTF-8 bytes through', () => {
    expect(toAsciiSpeech('President Xi Jinping (习近平) spoke.')).toBe('President Xi Jinping ( ) spoke.');
    expect(toAsciiSpeech('习近平')).toBe('');
  });

  it('keeps words whole across soft hyphens and joiners, and tidies whitespace', () => {
    expect(toAsciiSpeech('infor\u00ADmation\u200Bage\r\nnext\tline  ½')).toBe('information age\nnext line 1/2');
  });

  it('leaves plain ASCII alone, including leading dashes and Scheme-looking text', () => {
    const text = '-v --help (system "touch /tmp/x") 50% & more';
    expect(toAsciiSpeech(text)).toBe(text);
  });
});

describe('toUnicodeSpeech (espeak-ng, say, sapi)', () => {
  it('keeps UTF-8 text as it is', () => {
    expect(toUnicodeSpeech('Café “naïve” 习近平 — €5')).toBe('Café “naïve” 习近平 — €5');
  });

  it('breaks up [[...]], which espeak-ng reads as phonemes and say as embedded commands', () => {
    expect(toUnicodeSpeech("The word [[h@l'oU]] and [[rate 400]] here.")).toBe("The word [ [h@l'oU] ] and [ [rate 400] ] here.");
  });

  it('turns control characters into spaces and removes invisible format characters', () => {
    expect(toUnicodeSpeech('a\u0000b\u0007c infor\u00ADmation\r\nnext')).toBe('a b c information\nnext');
  });
});

describe('hasSpeakableText and quoteFirstWords', () => {
  it('needs a letter or a digit', () => {
    expect(hasSpeakableText('... — !')).toBe(false);
    expect(hasSpeakableText('— 5 —')).toBe(true);
    expect(hasSpeakableText('习')).toBe(true);
  });

  it('quotes the first five words, with an ellipsis when there are more', () => {
    expect(quoteFirstWords('Chinese President Xi Jinping and Russian President Vladimir Putin')).toBe('"Chinese President Xi Jinping and…"');
    expect(quoteFirstWords('Hello  there.')).toBe('"Hello there."');
  });
});
