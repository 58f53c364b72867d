// The lines briefcast writes on stderr, each built here once: `briefcast: <message>` for errors and notices,
// `briefcast: warning: <message>` for warnings. One line each, whatever a library put in its message.

/** `briefcast: <message>` on one line, with its newline. */
export function formatNotice(message: string): string {
  return `briefcast: ${message.replace(/\s*\n\s*/g, ' ').trim()}\n`;
}

/** `briefcast: warning: <message>` on one line, with its newline. */
export function formatWarning(message: string): string {
  return formatNotice(`warning: ${message}`);
}
