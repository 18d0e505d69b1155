/**
 * The side panel's JavaScript against its budget (issue 14: at most 250 KB gzipped). Builds
 * nothing: reads the built panel (`$ICONNECT_EXT_OUT/chrome-mv3`, else `.output/chrome-mv3`), so
 * run `wxt build` first. Fails when all of it (editor included) is over budget or a panel chunk
 * holds zod. Prints each file sidepanel.html loads (its scripts, its module preloads
 * and their static imports: the first screen), then any chunk the panel loads later (dynamic
 * `import()`), raw and gzipped (level 9, as a server or the store would), and the ratio to the budget.
 *
 *   node_modules/.bin/wxt build && node_modules/.bin/tsx bench/panel-bundle-size.ts
 *
 * With `ICONNECT_EXT_BASELINE=<another build's out dir>` (e.g. the last commit built from
 * `git archive HEAD`), it also prints that build's totals and the ratio, measured in the same run.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join, posix } from 'node:path';
import { gzipSync } from 'node:zlib';

const BUDGET_BYTES = 250 * 1024;
const root = join(process.env.ICONNECT_EXT_OUT ?? '.output', 'chrome-mv3');
const html = join(root, 'sidepanel.html');
if (!existsSync(html)) {
  console.error(`No built side panel at ${html}: run \`wxt build\` first.`);
  process.exit(1);
}

// Minified output quotes with ", ' or a backtick.
const STATIC_IMPORT = /(?:^|[;\n}])\s*import\s*(?:[\w$*{}\s,]+from\s*)?["'`]([^"'`]+\.js)["'`]/g;
const DYNAMIC_IMPORT = /import\(\s*["'`]([^"'`]+\.js)["'`]\s*\)/g;
const resolveFrom = (file: string, spec: string) => posix.normalize(spec.startsWith('/') ? spec.slice(1) : posix.join(posix.dirname(file), spec));

/** The files `start` loads, following `pattern`'s imports, each once. */
function closure(root: string, start: string[], pattern: RegExp): string[] {
  const seen = new Set<string>();
  const queue = [...start];
  while (queue.length > 0) {
    const file = queue.shift()!;
    if (seen.has(file) || !existsSync(join(root, file))) continue;
    seen.add(file);
    const code = readFileSync(join(root, file), 'utf8');
    for (const match of code.matchAll(pattern)) queue.push(resolveFrom(file, match[1]!));
  }
  return [...seen];
}

/** The panel's first-screen files and the ones it imports later, in the build at `root`. */
function panelFiles(root: string): { firstScreen: string[]; later: string[] } {
  const fromHtml = [...readFileSync(join(root, 'sidepanel.html'), 'utf8').matchAll(/<(?:script|link)\b[^>]*?(?:src|href)="([^"]+\.js)"/g)].map((m) => m[1]!.replace(/^\//, ''));
  const firstScreen = closure(root, fromHtml, STATIC_IMPORT);
  const lazyRoots = firstScreen.flatMap((file) => [...readFileSync(join(root, file), 'utf8').matchAll(DYNAMIC_IMPORT)].map((m) => resolveFrom(file, m[1]!)));
  return { firstScreen, later: closure(root, lazyRoots, STATIC_IMPORT).filter((file) => !firstScreen.includes(file)) };
}

const { firstScreen, later } = panelFiles(root);

const size = (file: string, from = root) => {
  const bytes = readFileSync(join(from, file));
  return { file, raw: bytes.length, gzip: gzipSync(bytes, { level: 9 }).length };
};
const kb = (n: number) => `${(n / 1024).toFixed(1)} KB`;

function report(title: string, files: string[]) {
  const rows = files.map((file) => size(file)).sort((a, b) => b.gzip - a.gzip);
  console.log(`\n${title}`);
  for (const row of rows) console.log(`  ${row.file.padEnd(48)} ${kb(row.raw).padStart(10)} raw ${kb(row.gzip).padStart(10)} gzip`);
  const total = { raw: rows.reduce((n, r) => n + r.raw, 0), gzip: rows.reduce((n, r) => n + r.gzip, 0) };
  console.log(`  ${'total'.padEnd(48)} ${kb(total.raw).padStart(10)} raw ${kb(total.gzip).padStart(10)} gzip`);
  return total;
}

console.log(`Side panel JavaScript in ${root} (budget ${kb(BUDGET_BYTES)} gzipped)`);
const first = report('First screen (sidepanel.html and its static imports):', firstScreen);
const rest = later.length > 0 ? report('Loaded later (dynamic import):', later) : { raw: 0, gzip: 0 };
// Other JS in the build that the panel never loads (background, content script, CSV worker) is not panel JS.
const unaccounted = readdirSync(join(root, 'chunks')).filter((name) => name.endsWith('.js') && !firstScreen.includes(`chunks/${name}`) && !later.includes(`chunks/${name}`));
if (unaccounted.length > 0) console.log(`\nChunks the panel does not load: ${unaccounted.join(', ')}`);

// The budget (issue 14) is ALL the panel's JavaScript: the first screen plus the editor (Tiptap),
// which loads when the Write tab first shows it. Both are printed; the total is held to the budget.
const all = first.gzip + rest.gzip;
console.log(`\nFirst screen: ${kb(first.gzip)} gzipped = ${((first.gzip / BUDGET_BYTES) * 100).toFixed(0)}% of the budget`);
console.log(`All panel JS, editor included: ${kb(all)} gzipped = ${((all / BUDGET_BYTES) * 100).toFixed(0)}% of the budget`);
if (all > BUDGET_BYTES) {
  console.log('The panel is over budget.');
  process.exitCode = 1;
}

// zod stays in the background (the edge, background <-> server); the panel checks only the Result
// envelope by hand (extension/sidepanel/send-message.ts). A panel chunk with zod in it costs ~30 KB.
const withZod = [...firstScreen, ...later].filter((file) => readFileSync(join(root, file), 'utf8').includes('ZodError'));
console.log(withZod.length === 0 ? 'No panel chunk contains zod.' : `Panel chunks containing zod: ${withZod.join(', ')}`);
if (withZod.length > 0) process.exitCode = 1;

// The same totals for a baseline build, measured now: a before/after on this machine and toolchain.
const baseline = process.env.ICONNECT_EXT_BASELINE ? join(process.env.ICONNECT_EXT_BASELINE, 'chrome-mv3') : null;
if (baseline) {
  const files = panelFiles(baseline);
  const gzipOf = (list: string[]) => list.reduce((n, file) => n + size(file, baseline).gzip, 0);
  const before = { first: gzipOf(files.firstScreen), all: gzipOf(files.firstScreen) + gzipOf(files.later) };
  console.log(`\nBaseline ${baseline}: first screen ${kb(before.first)}, all panel JS ${kb(before.all)} gzipped`);
  console.log(`This build against it: first screen ${(first.gzip / before.first).toFixed(2)}x, all ${(all / before.all).toFixed(2)}x (${kb(all - before.all)})`);
}
