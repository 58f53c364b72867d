// Just enough glob for naming articles (Node 20 has no fs.glob): *, ?, **, [abc], {a,b}. Patterns use "/" on
// every platform; a pattern is split into a literal folder to start from and a rest matched against paths
// relative to it. Pure.
import { escapeRegExp } from '../script/normalize/patterns.js';

export function hasGlobMagic(pattern: string): boolean {
  return /[*?[{]/.test(pattern);
}

export interface SplitGlob {
  /** The literal leading folders ("." when the pattern starts with magic). */
  base: string;
  /** The rest, matched against "/"-separated paths relative to base. */
  rest: string;
}

export function splitGlob(pattern: string): SplitGlob {
  const parts = pattern.replace(/\\/g, '/').split('/');
  const firstMagic = parts.findIndex(hasGlobMagic);
  if (firstMagic === -1) return { base: parts.slice(0, -1).join('/') || '.', rest: parts[parts.length - 1] ?? '' };
  const baseParts = parts.slice(0, firstMagic);
  const base = baseParts.length === 0 ? '.' : baseParts.join('/') || '/';
  return { base, rest: parts.slice(firstMagic).join('/') };
}

/** True when matching the rest needs to descend more than one folder. */
export function isDeepGlob(rest: string): boolean {
  return rest.includes('**') || rest.includes('/');
}

/** A RegExp for the whole relative path. Wildcards do not match a leading dot, as in shells. */
export function globToRegExp(rest: string): RegExp {
  let source = '';
  let braces = 0;
  for (let i = 0; i < rest.length; i++) {
    const char = rest[i]!;
    const atSegmentStart = i === 0 || rest[i - 1] === '/';
    if (char === '*') {
      if (rest[i + 1] === '*' && atSegmentStart && (rest[i + 2] === '/' || i + 2 === rest.length)) {
        // "**/" is zero or more whole folders; a trailing "**" is anything below.
        const trailing = i + 2 === rest.length;
        source += trailing ? '(?:(?!\\.)[^/]*(?:/(?!\\.)[^/]*)*)?' : '(?:(?!\\.)[^/]*/)*';
        i += trailing ? 1 : 2;
        continue;
      }
      source += `${atSegmentStart ? '(?!\\.)' : ''}[^/]*`;
    } else if (char === '?') {
      source += `${atSegmentStart ? '(?!\\.)' : ''}[^/]`;
    } else if (char === '[') {
      const close = rest.indexOf(']', i + 2);
      if (close === -1) {
        source += '\\[';
        continue;
      }
      const body = rest.slice(i + 1, close).replace(/^!/, '^').replace(/\\/g, '\\\\');
      source += `[${body}]`;
      i = close;
    } else if (char === '{') {
      braces++;
      source += '(?:';
    } else if (char === '}' && braces > 0) {
      braces--;
      source += ')';
    } else if (char === ',' && braces > 0) {
      source += '|';
    } else {
      source += escapeRegExp(char);
    }
  }
  return new RegExp(`^${source}$`);
}
