/**
 * The addresses typed in the test-send box: separated by commas, semicolons or new lines, blanks
 * dropped. The server checks each address (shared/lib/email-address.ts), so nothing is refused here.
 *
 * @example
 * splitTestAddresses('a@x.test, b@x.test;\n') // ['a@x.test', 'b@x.test']
 */
export function splitTestAddresses(text: string): string[] {
  return text
    .split(/[,;\n]/)
    .map((part) => part.trim())
    .filter((part) => part !== '');
}
