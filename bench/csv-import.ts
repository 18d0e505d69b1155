/**
 * CSV import benchmark: 100,000 recipients × 7 columns, parsed, validated, deduplicated and stored
 * into a fresh file-backed libsql database (the real embedded setup). Target: under 2 s.
 *
 *   node_modules/.bin/tsx bench/csv-import.ts [rounds]
 *
 * Always exits 0: it reports, it does not gate.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Papa from 'papaparse';
import { count, eq } from 'drizzle-orm';
import { parseRecipientsCsv } from '../shared/recipients-csv';
import { parseConfig } from '../backend/src/config/config';
import { openDatabase } from '../backend/src/db/open-database';
import { recipients } from '../backend/src/db/schema';
import { encodeBase64url } from '../backend/src/lib/base64';
import { randomBytes } from '../backend/src/lib/random';
import { systemClock } from '../backend/src/lib/clock';
import { importRecipientsCsv } from '../backend/src/recipients/add-recipients';
import { seedCampaign } from '../backend/src/testing/seed-campaign';

const ROWS = 100_000;
const ROUNDS = Number(process.argv[2] ?? 5);
const TARGET_MS = 2000;

const FIRST = ['Ada', 'Grace', 'Alan', 'Edsger', 'Barbara', 'Donald', 'Frances', 'Ken', 'Radia', 'Tim'];
const LAST = ['Lovelace', 'Hopper', 'Turing', 'Dijkstra', 'Liskov', 'Knuth', 'Allen', 'Thompson', 'Perlman', 'Berners-Lee'];
const CITIES = ['Paris', 'Lyon', 'Berlin', 'Madrid', 'Lisbon', 'Rome', 'Oslo', 'Dublin'];

function generateCsv(rows: number): string {
  const lines = ['email,first name,last name,company,notes,city,orders'];
  for (let i = 0; i < rows; i++) {
    const first = FIRST[i % FIRST.length]!;
    const last = LAST[(i * 7) % LAST.length]!;
    const email = `${first}.${last}.${i}@Example${i % 50}.com`;
    // Every 7th company needs quotes for its comma; every 10th note spans two lines.
    const company = i % 7 === 0 ? `"${last} & Sons, Ltd."` : `${last} Corp`;
    const notes = i % 10 === 0 ? `"Met at the fair.\nFollow up in spring, ""maybe""."` : i % 3 === 0 ? 'VIP' : '';
    lines.push(`${email},${first},${last},${company},${notes},${CITIES[i % CITIES.length]},${(i * 37) % 1000}`);
  }
  return lines.join('\r\n') + '\r\n';
}

async function time(fn: () => unknown | Promise<unknown>): Promise<number> {
  const start = performance.now();
  await fn();
  return performance.now() - start;
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
}

async function main() {
  const text = generateCsv(ROWS);
  const body = new TextEncoder().encode(text);
  const config = parseConfig(
    { NODE_ENV: 'test', ENCRYPTION_KEY: encodeBase64url(randomBytes(32)), AUTH_SECRET: encodeBase64url(randomBytes(32)) },
    { version: 'bench' },
  );
  console.log(`${ROWS.toLocaleString('en-US')} rows × 7 columns, ${(body.byteLength / 1024 / 1024).toFixed(1)} MB, ${ROUNDS} rounds each (median)\n`);

  const bare: number[] = [];
  const decode: number[] = [];
  const parse: number[] = [];
  const full: number[] = [];
  for (let round = 0; round < ROUNDS; round++) {
    bare.push(await time(() => Papa.parse<string[]>(text, { delimiter: '' })));
    decode.push(await time(() => new TextDecoder('utf-8', { fatal: true }).decode(body)));
    parse.push(
      await time(() => {
        const parsed = parseRecipientsCsv(text, { maxRows: config.importLimits.maxRows });
        if (!parsed.ok || parsed.rows.length !== ROWS) throw new Error(`parse: expected ${ROWS} rows`);
      }),
    );
  }

  let stored = 0;
  for (let round = 0; round < ROUNDS; round++) {
    const dir = mkdtempSync(join(tmpdir(), 'iconnect-bench-'));
    const { db, client } = await openDatabase({ url: `file:${join(dir, 'bench.db')}` });
    try {
      const { userId, campaignId } = await seedCampaign(db, systemClock.now());
      let imported = 0;
      full.push(
        await time(async () => {
          imported = (await importRecipientsCsv({ db, clock: systemClock, config }, { userId, campaignId, body })).imported;
        }),
      );
      const [row] = await db.select({ n: count() }).from(recipients).where(eq(recipients.campaignId, campaignId));
      stored = row?.n ?? 0;
      if (imported !== ROWS) console.log(`round ${round + 1}: imported ${imported}, expected ${ROWS}`);
    } finally {
      client.close();
      rmSync(dir, { recursive: true, force: true });
    }
  }

  const bareMs = median(bare);
  const table = [
    ['(a) Papa.parse (bare)', bareMs],
    ['    TextDecoder (fatal)', median(decode)],
    ['(b) parseRecipientsCsv', median(parse)],
    ['(c) importRecipientsCsv (full, stored)', median(full)],
  ] as const;
  console.log('step'.padEnd(42) + 'ms'.padStart(9) + 'rows/s'.padStart(12) + '× bare'.padStart(9));
  for (const [label, ms] of table) {
    console.log(
      label.padEnd(42) +
        ms.toFixed(0).padStart(9) +
        Math.round((ROWS / ms) * 1000).toLocaleString('en-US').padStart(12) +
        (ms / bareMs).toFixed(2).padStart(9),
    );
  }
  const fullMs = median(full);
  console.log(`\nall full rounds (ms): ${full.map((ms) => ms.toFixed(0)).join(', ')}`);
  console.log(`recipients in the database after the last round: ${stored.toLocaleString('en-US')} ${stored === ROWS ? '(as expected)' : `(EXPECTED ${ROWS})`}`);
  console.log(`full import under ${TARGET_MS} ms: ${fullMs < TARGET_MS ? 'yes' : 'NO'} (${fullMs.toFixed(0)} ms)`);
}

main()
  .catch((error: unknown) => console.error(error))
  .finally(() => process.exit(0));
