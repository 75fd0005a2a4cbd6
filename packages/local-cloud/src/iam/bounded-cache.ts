/**
 * Values by key, all forgotten when the generation they were computed in changes (the role
 * registry's, for decisions), the oldest dropped first beyond a bound.
 */
export class BoundedCache<V> {
  private readonly entries = new Map<string, V>();
  private generation = Number.NaN;

  constructor(private readonly maxEntries: number) {}

  get(key: string, generation: number): V | undefined {
    this.sync(generation);
    return this.entries.get(key);
  }

  set(key: string, value: V, generation: number): void {
    if (this.maxEntries <= 0) return;
    this.sync(generation);
    if (this.entries.size >= this.maxEntries) this.entries.delete(this.entries.keys().next().value as string);
    this.entries.set(key, value);
  }

  private sync(generation: number): void {
    if (generation === this.generation) return;
    this.entries.clear();
    this.generation = generation;
  }
}
