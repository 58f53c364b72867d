// A job's article as the pipeline reads it (an InputText): a URL fetched through safeFetch with the server's
// address policy (checked again at connect time and at every redirect), pasted text, or a followed feed's
// entry that carries its full text.
import { detectFormat } from '../article/detect-format.js';
import { InputError } from '../errors.js';
import { escapeHtml } from '../publish/escape.js';
import { entryPage } from '../batch/entry-page.js';
import type { AddressPolicy } from '../read/address-policy.js';
import { ARTICLE_ACCEPT, decodeFetched, formatOfResponse, type InputText } from '../read/read-input.js';
import { safeFetch, type Resolver } from '../read/safe-fetch.js';
import type { JobRequest } from '../queue/job-queue.js';
import type { InputFormat } from '../types.js';

export interface JobInputOptions {
  policy: AddressPolicy;
  /** --from: the format every article is read as. */
  from?: InputFormat;
  signal?: AbortSignal;
  /** Where host names are resolved; tests inject one. */
  resolve?: Resolver;
}

function refuseEmpty(content: string, source: string): void {
  if (content.replace(/^\uFEFF/, '').trim() === '') throw new InputError(`${source} is empty: there is nothing to read.`);
}

/** Pasted text with its title as the parsers find a title: a first line, a Markdown heading, an HTML <title>. */
function pastedContent(title: string | undefined, text: string, format: InputFormat): string {
  if (title === undefined) return text;
  if (format === 'markdown') return `# ${title}\n\n${text}`;
  if (format === 'html') return `<title>${escapeHtml(title)}</title>\n${text}`;
  return `${title}\n\n${text}`;
}

export async function readJobInput(request: JobRequest, options: JobInputOptions): Promise<InputText> {
  switch (request.kind) {
    case 'url': {
      const fetched = await safeFetch(request.url, {
        ...options.policy,
        headers: { accept: ARTICLE_ACCEPT },
        ...(options.signal ? { signal: options.signal } : {}),
        ...(options.resolve ? { resolve: options.resolve } : {}),
      });
      const { text, warnings } = await decodeFetched(fetched);
      refuseEmpty(text, fetched.url);
      return { content: text, format: options.from ?? formatOfResponse(fetched.contentType, fetched.url, text), source: fetched.url, warnings };
    }
    case 'text': {
      refuseEmpty(request.text, 'The pasted text');
      const format = options.from ?? detectFormat('-', request.text);
      return { content: pastedContent(request.title, request.text, format), format, source: '-', warnings: [] };
    }
    case 'entry':
      return {
        content: entryPage(request.title, request.html, { link: request.link, published: request.published }),
        format: 'html',
        source: request.link ?? request.feed,
        warnings: [],
      };
  }
}
