/** True for an IANA time zone name the runtime knows (e.g. "Europe/Paris"); works in browsers, Node and Workers. */
export function isValidTimeZone(name: string): boolean {
  if (!name || name.length > 64) return false;
  try {
    new Intl.DateTimeFormat('en-US', { timeZone: name });
    return true;
  } catch {
    return false;
  }
}
