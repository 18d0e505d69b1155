import { readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import ts from 'typescript';

/**
 * The project's own import graph, read from the sources with TypeScript's pre-processor (imports,
 * re-exports and dynamic `import()` with a literal; no type checking, so it takes a second).
 * Only relative imports between our files are edges: packages are not part of the house.
 */
export type ImportEdge = { from: string; to: string };

const ROOTS = ['backend/src', 'shared', 'extension'];
const SKIP = new Set(['node_modules', '.output', '.wxt', 'fixtures']);
const EXTENSIONS = ['.ts', '.tsx'];

export function readImportGraph(repoRoot: string): { files: string[]; edges: ImportEdge[] } {
  const files = ROOTS.flatMap((root) => listSources(join(repoRoot, root))).map((file) => relative(repoRoot, file));
  const known = new Set(files);
  const edges: ImportEdge[] = [];
  for (const file of files) {
    const info = ts.preProcessFile(readFileSync(join(repoRoot, file), 'utf8'), true, true);
    for (const { fileName } of info.importedFiles) {
      if (!fileName.startsWith('.')) continue;
      const target = resolveImport(repoRoot, file, fileName, known);
      if (target !== null) edges.push({ from: file, to: target });
    }
  }
  return { files, edges };
}

/** Test files and test-only helpers: they may import anything, and nothing in production may import them. */
export function isTestOnly(file: string): boolean {
  return /\.test\.tsx?$/.test(file) || /(^|\/)testing\//.test(file);
}

/**
 * The feature folder a file belongs to: `backend/src/<feature>/…`, `shared/<area>/…`,
 * `extension/<area>/…`; files directly under a root (entrypoints such as `backend/src/app.ts`)
 * are their own unit.
 */
export function featureOf(file: string): string {
  for (const root of ROOTS) {
    if (!file.startsWith(`${root}/`)) continue;
    const rest = file.slice(root.length + 1).split('/');
    return rest.length === 1 ? file : `${root}/${rest[0]}`;
  }
  return file;
}

/** Strongly connected components with more than one member (Tarjan), each sorted. */
export function cyclesOf(nodes: string[], edges: ImportEdge[]): string[][] {
  const next = new Map<string, string[]>(nodes.map((node) => [node, []]));
  for (const { from, to } of edges) next.get(from)?.push(to);
  let index = 0;
  const indexOf = new Map<string, number>();
  const low = new Map<string, number>();
  const stack: string[] = [];
  const onStack = new Set<string>();
  const cycles: string[][] = [];
  const visit = (node: string) => {
    indexOf.set(node, index);
    low.set(node, index++);
    stack.push(node);
    onStack.add(node);
    for (const target of next.get(node) ?? []) {
      if (!indexOf.has(target)) {
        visit(target);
        low.set(node, Math.min(low.get(node)!, low.get(target)!));
      } else if (onStack.has(target)) {
        low.set(node, Math.min(low.get(node)!, indexOf.get(target)!));
      }
    }
    if (low.get(node) === indexOf.get(node)) {
      const members: string[] = [];
      let member: string;
      do {
        member = stack.pop()!;
        onStack.delete(member);
        members.push(member);
      } while (member !== node);
      if (members.length > 1) cycles.push(members.sort());
    }
  };
  for (const node of nodes) if (!indexOf.has(node)) visit(node);
  return cycles;
}

function listSources(folder: string): string[] {
  const found: string[] = [];
  for (const name of readdirSync(folder)) {
    if (SKIP.has(name)) continue;
    const path = join(folder, name);
    if (statSync(path).isDirectory()) found.push(...listSources(path));
    else if (EXTENSIONS.some((extension) => name.endsWith(extension)) && !name.endsWith('.d.ts')) found.push(path);
  }
  return found;
}

function resolveImport(repoRoot: string, from: string, specifier: string, known: Set<string>): string | null {
  const base = relative(repoRoot, resolve(repoRoot, dirname(from), specifier));
  const candidates = [base, ...EXTENSIONS.map((extension) => base + extension), ...EXTENSIONS.map((extension) => `${base}/index${extension}`)];
  return candidates.find((candidate) => known.has(candidate)) ?? null;
}
