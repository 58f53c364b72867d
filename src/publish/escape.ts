// Escaping for every text format briefcast generates besides ffmetadata and concat lists (see audio/):
// XML (the feed), HTML (the page), WebVTT (the transcript) and JSON embedded in a <script>. Pure.

// XML 1.0 allows only tab, newline and carriage return below 0x20, no lone surrogates and not U+FFFE/U+FFFF;
// one such character makes the whole feed unreadable to a strict parser, so they are dropped.
const XML_FORBIDDEN = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g;

/** Text that may stand in an XML (or XHTML) document at all. */
export function stripInvalidXmlChars(text: string): string {
  return text.replace(XML_FORBIDDEN, '');
}

/** Element content: & and < must be escaped; > too, so that "]]>" can never appear. */
export function escapeXmlText(text: string): string {
  return stripInvalidXmlChars(text).replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

/**
 * Attribute values (always written in double quotes). Tab, newline and carriage return become character
 * references because a parser would otherwise normalize them to spaces.
 */
export function escapeXmlAttribute(text: string): string {
  return escapeXmlText(text).replace(/"/g, '&quot;').replace(/'/g, '&apos;').replace(/\t/g, '&#9;').replace(/\n/g, '&#10;').replace(/\r/g, '&#13;');
}

/** Text or a double-quoted attribute value in HTML. */
export function escapeHtml(text: string): string {
  return stripInvalidXmlChars(text).replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;').replace(/'/g, '&#39;');
}

/**
 * WebVTT cue text: & < > as character references (so "-->" cannot end the timing line or a tag open), and
 * no line breaks: a blank line would end the cue, so a cue's lines are joined by the caller, not by the text.
 */
export function escapeVttText(text: string): string {
  return text
    .replace(/[\r\n\u2028\u2029]+/g, ' ')
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;');
}
