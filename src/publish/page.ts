// index.html for an output folder: every briefing with a player, its chapters (a click seeks the player there)
// and its transcript. One self-contained file: inline CSS and script, no external resources, relative links,
// so it works from file:// as well as from any static host. Pure: every value passes through escapeHtml.
import type { ChapterTiming } from '../types.js';
import { escapeHtml } from './escape.js';
import type { VttCue } from './vtt.js';

export interface PageEpisode {
  /** Unique on the page; used as the element id (the file's slug). */
  id: string;
  title: string;
  description?: string;
  published: Date;
  durationMs: number;
  audioUrl: string;
  chaptersUrl?: string;
  transcriptUrl?: string;
  chapters: readonly ChapterTiming[];
  cues: readonly VttCue[];
  /** The language the episode is spoken in (BCP 47), for its element's lang attribute. */
  language?: string;
}

export interface PageInfo {
  title: string;
  description?: string;
  /** The RSS feed, relative or absolute. */
  feedUrl?: string;
  /**
   * Served by `briefcast serve`: the page gets a form to add an article, a bookmarklet, the list of articles
   * waiting or failed (from the API beside it), and a delete button per episode.
   */
  served?: boolean;
}

/** "4:05" or "1:02:03"; cut down, as players show time, so a chapter is never shown to start after it does. */
export function formatClock(ms: number): string {
  const total = Math.max(0, Math.floor(ms / 1000));
  const hours = Math.floor(total / 3600);
  const minutes = Math.floor((total % 3600) / 60);
  const seconds = String(total % 60).padStart(2, '0');
  return hours ? `${hours}:${String(minutes).padStart(2, '0')}:${seconds}` : `${minutes}:${seconds}`;
}

const STYLE = `
:root { color-scheme: light dark; --accent: #2563eb; --muted: #6b7280; --line: #d1d5db; --hi: rgba(37, 99, 235, 0.14); }
* { box-sizing: border-box; }
body { margin: 0 auto; max-width: 50rem; padding: 1.5rem 1rem 4rem; font: 16px/1.55 system-ui, -apple-system, "Segoe UI", sans-serif; }
header p { color: var(--muted); margin: 0.25rem 0; }
.briefing { border-top: 1px solid var(--line); padding: 1.25rem 0; }
.briefing h2 { margin: 0 0 0.25rem; font-size: 1.3rem; }
.meta, .files { color: var(--muted); font-size: 0.9rem; margin: 0.25rem 0; }
audio { width: 100%; margin: 0.5rem 0; }
.chapters { list-style: none; padding: 0; margin: 0.5rem 0; }
.chapters button { all: unset; cursor: pointer; display: flex; gap: 0.75rem; width: 100%; padding: 0.3rem 0.5rem; border-radius: 0.375rem; }
.chapters button:hover, .chapters button:focus-visible { background: var(--hi); outline: 1px solid var(--accent); }
.chapters .time { font-variant-numeric: tabular-nums; color: var(--muted); min-width: 3.5rem; text-align: right; }
.current, .chapters button.current { background: var(--hi); border-radius: 0.25rem; }
.transcript summary { cursor: pointer; color: var(--accent); }
.transcript h3 { font-size: 1rem; margin: 1rem 0 0.25rem; }
.transcript p { margin: 0.25rem 0; }
.cue { cursor: pointer; }
.cue:hover { text-decoration: underline; }
a { color: var(--accent); }
.add { border-top: 1px solid var(--line); padding: 1rem 0; }
.add h2 { font-size: 1.1rem; margin: 0 0 0.5rem; }
.add label { display: block; margin: 0.4rem 0; }
.add input, .add textarea { display: block; width: 100%; font: inherit; padding: 0.35rem 0.5rem; margin-top: 0.2rem; }
.add button, .delete { font: inherit; padding: 0.3rem 0.9rem; cursor: pointer; }
.jobs { list-style: none; padding: 0; margin: 0.75rem 0 0; }
.jobs li { padding: 0.3rem 0; display: flex; flex-wrap: wrap; gap: 0.5rem; }
.jobs .status { font-size: 0.8rem; text-transform: uppercase; letter-spacing: 0.04em; color: var(--muted); min-width: 5.5rem; }
.jobs .failed .status, .jobs .error { color: #b91c1c; }
.jobs .error { flex-basis: 100%; font-size: 0.9rem; padding-left: 6rem; }
.hint { color: var(--muted); font-size: 0.9rem; }
`;

// Seeks the briefing's own player to the clicked chapter or cue and plays from there; if the player has not
// loaded its metadata yet, the seek waits for it (setting currentTime earlier is not kept by every browser).
const SCRIPT = `
(function () {
  'use strict';
  function seek(audio, seconds) {
    function go() {
      audio.currentTime = seconds;
      var playing = audio.play();
      if (playing && playing.catch) playing.catch(function () {});
    }
    if (audio.readyState >= 1) go();
    else { audio.addEventListener('loadedmetadata', go, { once: true }); audio.load(); }
  }
  document.addEventListener('click', function (event) {
    var target = event.target instanceof Element ? event.target.closest('[data-start]') : null;
    var briefing = target && target.closest('.briefing');
    var audio = briefing && briefing.querySelector('audio');
    if (!audio) return;
    event.preventDefault();
    seek(audio, Number(target.getAttribute('data-start')));
  });
  document.addEventListener('play', function (event) {
    document.querySelectorAll('audio').forEach(function (other) { if (other !== event.target) other.pause(); });
  }, true);
  document.addEventListener('timeupdate', function (event) {
    var audio = event.target;
    var briefing = audio.closest && audio.closest('.briefing');
    if (!briefing) return;
    var now = audio.currentTime;
    briefing.querySelectorAll('[data-start]').forEach(function (el) {
      var on = now >= Number(el.getAttribute('data-start')) && now < Number(el.getAttribute('data-end'));
      if (on !== el.classList.contains('current')) el.classList.toggle('current', on);
    });
  }, true);
})();
`;

// The served page's own: adding an article through the API, the list of articles in the queue (polled; the
// page reloads when one of them is done, to show its episode), deleting an episode, and the bookmarklet, which
// opens this page with ?add=<the page being read> so that adding it takes one more press.
const SERVED_SCRIPT = `
(function () {
  'use strict';
  var api = new URL('api/', location.href).href;
  var form = document.getElementById('add-form');
  var status = document.getElementById('add-status');
  var list = document.getElementById('jobs');
  var waiting = {};
  var STATUS_WORDS = { queued: 'waiting', working: 'briefing', failed: 'failed' };
  function say(text) { status.textContent = text; }
  function readJson(response) {
    return response.json().then(function (data) { return { status: response.status, data: data }; }, function () { return { status: response.status, data: {} }; });
  }
  function render(jobs) {
    var reload = false;
    list.textContent = '';
    jobs.forEach(function (job) {
      if (job.status === 'done') { if (waiting[job.id]) reload = true; return; }
      if (job.status !== 'failed') waiting[job.id] = true;
      var item = document.createElement('li');
      item.className = job.status;
      item.setAttribute('data-job', job.id);
      var state = document.createElement('span');
      state.className = 'status';
      state.textContent = STATUS_WORDS[job.status] || job.status;
      var label = document.createElement('span');
      label.className = 'label';
      label.textContent = job.label || job.id;
      item.appendChild(state);
      item.appendChild(label);
      if (job.error) {
        var why = document.createElement('span');
        why.className = 'error';
        why.textContent = job.error;
        item.appendChild(why);
      }
      list.appendChild(item);
    });
    if (reload) location.reload();
  }
  function refresh() {
    fetch(api + 'articles', { cache: 'no-store' }).then(readJson).then(function (result) {
      if (result.status === 200 && result.data.jobs) render(result.data.jobs);
    }, function () {});
  }
  form.addEventListener('submit', function (event) {
    event.preventDefault();
    var url = form.elements.url.value.trim();
    var title = form.elements.title.value.trim();
    var text = form.elements.text.value.trim();
    if (!url && !text) { say('Give the article\u2019s address, or paste its text.'); return; }
    var body = url ? { url: url } : title ? { title: title, text: text } : { text: text };
    say('Adding\u2026');
    fetch(api + 'articles', { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) }).then(readJson).then(function (result) {
      if (result.status === 202) { say('Added: it appears below while it waits, and in the feed when it is ready.'); form.reset(); }
      else if (result.status === 409) say('Already added.');
      else say(result.data.error || 'The server answered ' + result.status + '.');
      if (result.data.id && result.data.status !== 'done') waiting[result.data.id] = true;
      refresh();
    }, function () { say('The server cannot be reached.'); });
  });
  document.addEventListener('click', function (event) {
    var button = event.target instanceof Element ? event.target.closest('[data-delete]') : null;
    if (!button) return;
    var slug = button.getAttribute('data-delete');
    if (!confirm('Delete \u201c' + button.getAttribute('data-title') + '\u201d? It leaves the feed and its files are removed.')) return;
    fetch(api + 'episodes/' + encodeURIComponent(slug), { method: 'DELETE' }).then(readJson).then(function (result) {
      if (result.status === 200) location.reload();
      else alert(result.data.error || 'The server answered ' + result.status + '.');
    }, function () { alert('The server cannot be reached.'); });
  });
  var base = new URL('.', location.href).href;
  document.getElementById('bookmarklet').href = "javascript:void(window.open('" + base + "?add='+encodeURIComponent(location.href)))";
  var add = new URLSearchParams(location.search).get('add');
  if (add) {
    form.elements.url.value = add;
    say('Press Add to brief this article.');
    history.replaceState(null, '', base);
  }
  setInterval(function () { if (!document.hidden) refresh(); }, 3000);
  refresh();
})();
`;

function buildAddSection(): string[] {
  return [
    '<section class="add" id="add">',
    '<h2>Add an article</h2>',
    '<form id="add-form">',
    '<label>Address <input type="url" name="url" placeholder="https://" autocomplete="off"></label>',
    '<details><summary>or paste its text</summary>',
    '<label>Title <input type="text" name="title" autocomplete="off"></label>',
    '<label>Text <textarea name="text" rows="8"></textarea></label>',
    '</details>',
    '<p><button type="submit">Add</button> <span id="add-status" role="status"></span></p>',
    '</form>',
    '<p class="hint">From any page: drag <a id="bookmarklet" href="#add">Add to briefcast</a> to your bookmarks, then use it on an article.</p>',
    '<ul class="jobs" id="jobs" aria-live="polite"></ul>',
    '</section>',
  ];
}

function seconds(ms: number): string {
  return String(ms / 1000);
}

function buildEpisode(episode: PageEpisode, served: boolean): string[] {
  const e = escapeHtml;
  const lines = [
    `<article class="briefing" id="${e(episode.id)}"${episode.language ? ` lang="${e(episode.language)}"` : ''}>`,
    `<h2>${e(episode.title)}</h2>`,
    `<p class="meta"><time datetime="${e(episode.published.toISOString())}">${e(episode.published.toISOString().slice(0, 10))}</time> · ${formatClock(episode.durationMs)} · ${episode.chapters.length} chapter${episode.chapters.length === 1 ? '' : 's'}</p>`,
  ];
  if (episode.description) lines.push(`<p class="description">${e(episode.description)}</p>`);
  lines.push(`<audio controls preload="metadata" src="${e(episode.audioUrl)}"></audio>`);
  lines.push('<ol class="chapters">');
  for (const chapter of episode.chapters) {
    lines.push(
      `<li><button type="button" data-start="${seconds(chapter.startMs)}" data-end="${seconds(chapter.endMs)}"><span class="time">${formatClock(chapter.startMs)}</span><span class="title">${e(chapter.title)}</span></button></li>`,
    );
  }
  lines.push('</ol>');
  if (episode.cues.length) {
    lines.push('<details class="transcript"><summary>Transcript</summary>');
    episode.chapters.forEach((chapter, index) => {
      // The chapter's heading is shown as a heading; read aloud it would be said twice.
      const cues = episode.cues.filter((cue) => cue.chapterIndex === index && cue.role !== 'title' && cue.role !== 'heading');
      if (!cues.length) return;
      const spans = cues.map(
        (cue) => `<span class="cue" data-start="${seconds(cue.startMs)}" data-end="${seconds(cue.endMs)}">${e(cue.lines.join(' '))}</span>`,
      );
      lines.push(`<section><h3>${e(chapter.title)}</h3><p>${spans.join(' ')}</p></section>`);
    });
    lines.push('</details>');
  }
  const files = [`<a href="${e(episode.audioUrl)}" download>MP3</a>`];
  if (episode.chaptersUrl) files.push(`<a href="${e(episode.chaptersUrl)}">chapters (JSON)</a>`);
  if (episode.transcriptUrl) files.push(`<a href="${e(episode.transcriptUrl)}">transcript (WebVTT)</a>`);
  if (served) files.push(`<button type="button" class="delete" data-delete="${e(episode.id)}" data-title="${e(episode.title)}">Delete</button>`);
  lines.push(`<p class="files">${files.join(' · ')}</p>`, '</article>');
  return lines;
}

export function buildPageHtml(info: PageInfo, episodes: readonly PageEpisode[]): string {
  const e = escapeHtml;
  const lines = [
    '<!doctype html>',
    '<html lang="en">',
    '<head>',
    '<meta charset="utf-8">',
    '<meta name="viewport" content="width=device-width, initial-scale=1">',
    `<title>${e(info.title)}</title>`,
  ];
  if (info.feedUrl) lines.push(`<link rel="alternate" type="application/rss+xml" title="${e(info.title)}" href="${e(info.feedUrl)}">`);
  lines.push(`<style>${STYLE}</style>`, '</head>', '<body>', '<header>', `<h1>${e(info.title)}</h1>`);
  if (info.description) lines.push(`<p>${e(info.description)}</p>`);
  if (info.feedUrl) lines.push(`<p>Subscribe in a podcast app: <a href="${e(info.feedUrl)}">podcast feed (RSS)</a></p>`);
  lines.push('</header>');
  if (info.served) lines.push(...buildAddSection());
  lines.push('<main>');
  if (!episodes.length) lines.push('<p>No briefings yet.</p>');
  for (const episode of episodes) lines.push(...buildEpisode(episode, info.served === true));
  lines.push('</main>', `<script>${SCRIPT}</script>`);
  if (info.served) lines.push(`<script>${SERVED_SCRIPT}</script>`);
  lines.push('</body>', '</html>', '');
  return lines.join('\n');
}
