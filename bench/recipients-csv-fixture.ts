/** The benches' recipient file: `rows` recipients × 7 columns, quoted commas and two-line notes among them, CRLF. */
const FIRST = ['Ada', 'Grace', 'Alan', 'Edsger', 'Barbara', 'Donald', 'Frances', 'Ken', 'Radia', 'Tim'];
const LAST = ['Lovelace', 'Hopper', 'Turing', 'Dijkstra', 'Liskov', 'Knuth', 'Allen', 'Thompson', 'Perlman', 'Berners-Lee'];
const CITIES = ['Paris', 'Lyon', 'Berlin', 'Madrid', 'Lisbon', 'Rome', 'Oslo', 'Dublin'];

export function generateRecipientsCsv(rows: number, prefix = ''): string {
  const lines = ['email,first name,last name,company,notes,city,orders'];
  for (let i = 0; i < rows; i++) {
    const first = FIRST[i % FIRST.length]!;
    const last = LAST[(i * 7) % LAST.length]!;
    const email = `${prefix}${first}.${last}.${i}@Example${i % 50}.com`;
    // Every 7th company needs quotes for its comma; every 10th note spans two lines.
    const company = i % 7 === 0 ? `"${last} & Sons, Ltd."` : `${last} Corp`;
    const notes = i % 10 === 0 ? `"Met at the fair.\nFollow up in spring, ""maybe""."` : i % 3 === 0 ? 'VIP' : '';
    lines.push(`${email},${first},${last},${company},${notes},${CITIES[i % CITIES.length]},${(i * 37) % 1000}`);
  }
  return lines.join('\r\n') + '\r\n';
}
