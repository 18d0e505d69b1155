import fc from 'fast-check';
import { hostileValue, prototypeKey, hostileText } from './hostile-values';
import { JsonEntries, Ref } from './raw-json';

/**
 * Mutations of a valid body: one value replaced by a hostile one, one member dropped, or one member
 * added. A body that is valid but for one field passes the first checks and reaches the deep ones
 * (a service's own rules, the database, a merge-tag renderer) that a wholly random body never does.
 */

export type Mutation = { op: 'replace' | 'drop' | 'add'; at: number; key: string; value: unknown };

export const mutation: fc.Arbitrary<Mutation> = fc.record({
  op: fc.constantFrom('replace', 'replace', 'replace', 'drop', 'add'),
  at: fc.nat(),
  key: fc.oneof(prototypeKey, hostileText),
  value: hostileValue,
});

type Path = (string | number)[];

/** `body` with `m` applied at one of its values, chosen by `m.at`; `body` itself is not changed. */
export function applyMutation(body: unknown, m: Mutation): unknown {
  const paths: Path[] = [];
  collectPaths(body, [], paths);
  const objects = paths.filter((path) => isPlainObject(valueAt(body, path)));
  if (m.op === 'add' && objects.length > 0) {
    const path = objects[m.at % objects.length]!;
    return updateAt(body, path, (object) => new JsonEntries([...Object.entries(object as object), [m.key, m.value]]));
  }
  // Never the root itself: replacing the whole body is what the hostile-body cases do.
  const members = paths.filter((path) => path.length > 0);
  if (members.length === 0) return m.value;
  const path = members[m.at % members.length]!;
  if (m.op === 'drop') {
    return updateAt(body, path.slice(0, -1), (parent) => {
      const last = path.at(-1)!;
      if (Array.isArray(parent)) return parent.filter((_, index) => index !== last);
      const { [last]: _dropped, ...rest } = parent as Record<string, unknown>;
      return rest;
    });
  }
  return updateAt(body, path, () => m.value);
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return value !== null && typeof value === 'object' && !Array.isArray(value) && !(value instanceof Ref) && !(value instanceof JsonEntries);
}

function collectPaths(value: unknown, path: Path, out: Path[]): void {
  out.push(path);
  if (Array.isArray(value)) value.forEach((item, index) => collectPaths(item, [...path, index], out));
  else if (isPlainObject(value)) for (const [key, member] of Object.entries(value)) if (member !== undefined) collectPaths(member, [...path, key], out);
}

function valueAt(value: unknown, path: Path): unknown {
  return path.reduce<unknown>((node, key) => (node as Record<string | number, unknown>)[key], value);
}

function updateAt(value: unknown, path: Path, change: (old: unknown) => unknown): unknown {
  if (path.length === 0) return change(value);
  const [head, ...rest] = path;
  if (Array.isArray(value)) return value.map((item, index) => (index === head ? updateAt(item, rest, change) : item));
  const object = value as Record<string, unknown>;
  return { ...object, [head!]: updateAt(object[head!], rest, change) };
}
