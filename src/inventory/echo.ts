// A value from the inventory, as a problem line may quote it. Values are the user's own
// (a device name, a platform, a field name), but one may be a megabyte long or hold a
// newline that would forge a line of its own, so a message quotes a short, one-line cut.

/** How much of a value a message quotes: enough to recognise it, short enough to read. */
export const ECHO_LIMIT = 60;

/** `value`, control characters written as escapes (`\n`), cut to ECHO_LIMIT characters with `…`. */
export function echo(value: string): string {
  const cut = value.length > ECHO_LIMIT ? `${value.slice(0, ECHO_LIMIT)}…` : value;
  return cut.replace(/[\u0000-\u001f\u007f]/g, (c) => JSON.stringify(c).slice(1, -1));
}
