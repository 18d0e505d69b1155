/**
 * A bounded map that keeps what was used lately, for the tracking caches (tokens, jobs). A plain
 * LRU re-inserts on every hit (a delete and a set on a large Map, and its periodic rehash): on the
 * pixel's hot path that cost more than the lookup it saves. Here entries live in two generations: a
 * hit in the young one changes nothing; a hit in the old one moves the entry to the young one; when
 * the young one holds half the budget it becomes the old one and the previous old one is dropped.
 * So at most `maxEntries` are kept, and anything used since the last turnover survives it.
 *
 * @example const tokens = new RecentMap<string, TrackingPayload>(50_000); tokens.set(token, payload); tokens.get(token);
 */
export class RecentMap<K, V> {
  private young = new Map<K, V>();
  private old = new Map<K, V>();
  private readonly generation: number;

  constructor(maxEntries: number) {
    this.generation = Math.max(1, Math.floor(maxEntries / 2));
  }

  get(key: K): V | undefined {
    const young = this.young.get(key);
    if (young !== undefined) return young;
    const old = this.old.get(key);
    if (old !== undefined) {
      this.old.delete(key);
      this.set(key, old);
    }
    return old;
  }

  has(key: K): boolean {
    return this.young.has(key) || this.old.has(key);
  }

  set(key: K, value: V): void {
    this.old.delete(key);
    this.young.set(key, value);
    if (this.young.size >= this.generation) {
      this.old = this.young;
      this.young = new Map();
    }
  }

  delete(key: K): void {
    this.young.delete(key);
    this.old.delete(key);
  }

  get size(): number {
    return this.young.size + this.old.size;
  }
}
