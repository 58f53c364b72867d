// Globs that name articles, read by picomatch as shells and Node's tools read them: *, ?, ** (any folders),
// [abc], [!abc] and [a-z] (a leading ] is literal), {a,b}, and \ to escape (on Windows, \ is a separator). A
// pattern is split into a literal folder to start from and a rest matched against "/"-separated paths relative to
// it. Pure.
import picomatch from 'picomatch';

// As in shells: wildcards do not match a name's leading dot, [!a] is a negated class, [ab] is only ever a class
// (picomatch would also match the literal name "[ab]"), and a leading ! or +(…) is part of a name, not a negation
// or an extended glob.
const OPTIONS: picomatch.PicomatchOptions = { dot: false, posix: true, literalBrackets: false, nonegate: true, noextglob: true, windows: false };

/**
 * Escapes the parentheses outside a [class]: picomatch reads (…) as a regular-expression group, but in a shell
 * they are part of a name, and downloaded files are often called "report (1).md".
 */
function escapeParentheses(pattern: string): string {
  let out = '';
  let inClass = false;
  for (let i = 0; i < pattern.length; i++) {
    const char = pattern[i]!;
    if (char === '\\') {
      out += char + (pattern[i + 1] ?? '');
      i++;
    } else if (inClass) {
      // A ] right after [ (or [! / [^) is a member of the class, not its end.
      if (char === ']' && !/\[[!^]?$/.test(out)) inClass = false;
      out += char;
    } else {
      if (char === '[' && pattern.indexOf(']', i + 2) !== -1) inClass = true;
      out += char === '(' || char === ')' ? `\\${char}` : char;
    }
  }
  return out;
}

function toPosix(pattern: string): string {
  return process.platform === 'win32' ? pattern.replace(/\\/g, '/') : pattern;
}

/** A wildcard, a class, braces, or an escape ("\\[draft\\].md" names the file "[draft].md"). */
export function hasGlobMagic(pattern: string): boolean {
  const posix = toPosix(pattern);
  return picomatch.scan(escapeParentheses(posix), OPTIONS).isGlob || posix.includes('\\');
}

export interface SplitGlob {
  /** The literal leading folders ("." when the pattern starts with magic), escapes removed. */
  base: string;
  /** The rest, matched against "/"-separated paths relative to base. */
  rest: string;
}

export function splitGlob(pattern: string): SplitGlob {
  const posix = escapeParentheses(toPosix(pattern));
  const scanned = picomatch.scan(posix, { ...OPTIONS, unescape: true });
  if (scanned.isGlob) return { base: scanned.base || '.', rest: scanned.glob };
  // No wildcard: the folder is literal (escapes removed) and the name, escapes kept, is matched.
  const slash = posix.lastIndexOf('/');
  const folder = slash === -1 ? '' : posix.slice(0, slash);
  return { base: folder === '' ? (slash === 0 ? '/' : '.') : folder.replace(/\\(.)/g, '$1'), rest: posix.slice(slash + 1) };
}

/** True when matching the rest needs to descend more than one folder. */
export function isDeepGlob(rest: string): boolean {
  return rest.includes('**') || rest.includes('/');
}

/** A RegExp for the whole relative path. */
export function globToRegExp(rest: string): RegExp {
  return picomatch.makeRe(escapeParentheses(rest), OPTIONS);
}
