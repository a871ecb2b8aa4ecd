/**
 * Runs tasks one at a time per key, in call order, while different keys proceed in parallel. Admin role grants are
 * a read-modify-write of one admin object: two grants for the same admin running at once would each write the
 * roles they read, and the second write would drop the first grant.
 */
export class KeyedLock {
  private readonly tails = new Map<string, Promise<unknown>>();

  async run<T>(key: string, task: () => Promise<T>): Promise<T> {
    const previous = this.tails.get(key) ?? Promise.resolve();
    const result = previous.then(task, task);
    const tail = result.catch(() => undefined);
    this.tails.set(key, tail);
    try {
      return await result;
    } finally {
      if (this.tails.get(key) === tail) this.tails.delete(key);
    }
  }
}
