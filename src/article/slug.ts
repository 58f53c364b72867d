// File names from titles: portable on every file system and safe in a URL.

const MAX_SLUG_LENGTH = 80;
const FALLBACK_SLUG = 'briefing';

// Letters that do not decompose into a base letter plus a mark.
const FOLDED: Record<string, string> = {
  ß: 'ss',
  æ: 'ae',
  œ: 'oe',
  ø: 'o',
  đ: 'd',
  ð: 'd',
  þ: 'th',
  ł: 'l',
  ı: 'i',
  ħ: 'h',
  ŧ: 't',
  ŋ: 'ng',
  '&': ' and ',
};

/** "Xi & Putin: Beijing Meeting" -> "xi-and-putin-beijing-meeting"; never empty ("briefing"). */
export function slugify(title: string): string {
  const folded = title
    .toLowerCase()
    .replace(/[ßæœøđðþłıħŧŋ&]/g, (char) => FOLDED[char] ?? char)
    .normalize('NFKD')
    .replace(/\p{M}/gu, '')
    .replace(/['’]/g, '');
  const slug = folded.replace(/[^a-z0-9]+/g, '-').replace(/^-+|-+$/g, '');
  if (slug.length <= MAX_SLUG_LENGTH) return slug || FALLBACK_SLUG;
  // Cut at a word boundary when there is one in the last third, so that the name does not end mid-word.
  const cut = slug.slice(0, MAX_SLUG_LENGTH + 1);
  const boundary = cut.lastIndexOf('-');
  const trimmed = (boundary > MAX_SLUG_LENGTH * 0.66 ? cut.slice(0, boundary) : cut.slice(0, MAX_SLUG_LENGTH)).replace(/-+$/, '');
  return trimmed || FALLBACK_SLUG;
}
