// Articles in French, German, Spanish and Italian briefed end to end with the real espeak-ng and ffmpeg, through
// the CLI as a user runs it: the language each one is read in (declared by the page, by Markdown front matter, or
// found in a plain text that declares nothing), voices of that language with a host distinct from the narrator, no
// English host words, and an MP3 whose chapters and ID3 TLAN read back with ffprobe. Short articles: 2 cores shared.
import { writeFile } from 'node:fs/promises';
import { existsSync } from 'node:fs';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { createSandbox, expectOneLineError, runCli, type Sandbox } from '../cli/cli-harness.js';
import { describeWithBinaries } from '../helpers/require-binary.js';
import { probeFile } from '../helpers/media-tools.js';
import { ENGLISH_HOST_WORDS } from './english-host-words.js';

interface ScriptJson {
  language: string;
  engine: string;
  chapters: { title: string; segments: { role: string; voice: string; text: string }[] }[];
}

const ARTICLES = {
  // Declared by the page's lang attribute.
  'fr.html': `<!doctype html><html lang="fr-FR"><head><meta charset="utf-8"><title>Le vieux pont du port ferme</title>
<meta name="author" content="Claire Martin"><meta property="article:published_time" content="2025-09-03T08:00:00Z"></head><body><article>
<h1>Le vieux pont du port ferme</h1>
<p>Le conseil municipal a voté mardi la fermeture du vieux pont du port, après la découverte de fissures dans deux piliers.</p>
<h2>Des bus plus fréquents</h2><p>Le maire a promis davantage de bus pendant les travaux, qui coûteront 12 millions d'euros.</p>
<h2>Une histoire ancienne</h2><p>Construit en 1925, le pont avait déjà été rénové en 1987 selon la mairie.</p>
</article></body></html>`,
  // Declares nothing: the language comes from the text.
  'de.txt': `Hafenbrücke gesperrt

Der Stadtrat hat am Dienstag beschlossen, die alte Hafenbrücke für Reparaturen zu sperren, nachdem Ingenieure Risse in zwei ihrer Pfeiler entdeckt hatten.

Mehr Busse

Der Verkehr wird mindestens sechs Monate lang durch den Nordtunnel umgeleitet, und der Bürgermeister kündigte häufigere Busverbindungen an.
`,
  // Declared in the front matter.
  'es.md': `---
title: Cierran el viejo puente del puerto
lang: es
author: Lucía Gómez
---

El ayuntamiento aprobó el martes el cierre del viejo puente del puerto, después de que los ingenieros hallaran grietas en dos pilares.

## Más autobuses

El tráfico se desviará por el túnel norte durante al menos seis meses, y habrá más autobuses mientras duren las obras.
`,
  // Declared by og:locale only.
  'it.html': `<!doctype html><html><head><meta charset="utf-8"><title>Chiuso il vecchio ponte del porto</title>
<meta property="og:locale" content="it_IT"></head><body><article><h1>Chiuso il vecchio ponte del porto</h1>
<p>Il consiglio comunale ha votato martedì la chiusura del vecchio ponte del porto, dopo la scoperta di crepe in due piloni.</p>
<h2>Più autobus</h2><p>Il traffico sarà deviato nella galleria nord per almeno sei mesi e il sindaco ha promesso più autobus.</p>
</article></body></html>`,
} as const;

const EXPECTED = { 'fr.html': ['fr', 'fra'], 'de.txt': ['de', 'deu'], 'es.md': ['es', 'spa'], 'it.html': ['it', 'ita'] } as const;

describeWithBinaries('espeak-ng', 'ffprobe')('articles in other languages, with espeak-ng', () => {
  let sandbox: Sandbox;
  beforeAll(async () => {
    sandbox = await createSandbox('briefcast-languages-');
    for (const [name, content] of Object.entries(ARTICLES)) await writeFile(sandbox.path(name), content);
  });
  afterAll(() => sandbox.remove());

  for (const [name, [language, iso6392]] of Object.entries(EXPECTED)) {
    it(`reads ${name} in ${language}: its voices, its host words, TLAN ${iso6392} and chapters in the MP3`, async () => {
      const script = await runCli(['script', name, '--json', '--engine', 'auto'], sandbox);
      expect(script.exitCode, script.stderr).toBe(0);
      const planned = JSON.parse(script.stdout) as ScriptJson;
      expect(planned.language).toBe(language);
      expect(planned.engine).toBe('espeak-ng');
      const segments = planned.chapters.flatMap((chapter) => chapter.segments);
      const voiceOf = (roles: readonly string[]) => new Set(segments.filter((segment) => roles.includes(segment.role)).map((segment) => segment.voice));
      const narrators = [...voiceOf(['body'])];
      const hosts = [...voiceOf(['title', 'intro', 'heading', 'outro'])];
      expect(narrators).toHaveLength(1);
      expect(hosts).toHaveLength(1);
      expect(hosts[0]).not.toBe(narrators[0]);
      // espeak-ng voices are named by their language ("fr-fr", "de", "es+f3").
      for (const voice of [...narrators, ...hosts]) expect(voice.split('+')[0]!.split('-')[0]).toBe(language);
      const spokenWords = segments.flatMap((segment) => segment.text.toLowerCase().match(/\p{L}+/gu) ?? []);
      expect(spokenWords.filter((word) => ENGLISH_HOST_WORDS.has(word))).toEqual([]);

      const mp3 = sandbox.path(`${name}.mp3`);
      const brief = await runCli([name, '-o', mp3, '--engine', 'espeak-ng', '-q', '--no-sidecars'], sandbox);
      expect(brief.exitCode, brief.stderr).toBe(0);
      const probed = await probeFile(mp3);
      expect(probed.format.tags?.language).toBe(iso6392);
      expect(probed.chapters.map((chapter) => chapter.tags?.title)).toEqual(planned.chapters.map((chapter) => chapter.title));
    });
  }

  it('refuses, in one line and before any synthesis, an article the chosen engine cannot speak', async () => {
    const mp3 = sandbox.path('refused.mp3');
    const result = await runCli(['fr.html', '-o', mp3, '--engine', 'flite'], sandbox);
    expectOneLineError(result, 4, /^briefcast: flite has no French \(fr\) voice, so it cannot read this article\. .*espeak-ng/);
    expect(existsSync(mp3)).toBe(false);
  });
});
