// An in-process stand-in for navigator.locks (Web Locks), shared by the clients of one test as the
// browser shares it between the tabs of an origin: exclusive locks granted in request order,
// `ifAvailable` answered with null when the lock is held or asked for, release when the
// callback's promise settles.
import type { LockLike, LockManagerLike } from "../../src/sync/api";

export class FakeLocks implements LockManagerLike {
  private readonly held = new Set<string>();
  private readonly queues = new Map<string, Array<() => void>>();
  /** Every request, in order, for assertions. */
  readonly requests: { name: string; ifAvailable: boolean; granted: boolean | null }[] = [];

  request<T>(name: string, options: { mode?: "exclusive" | "shared"; ifAvailable?: boolean }, callback: (lock: LockLike | null) => T): Promise<T> {
    const entry = { name, ifAvailable: options.ifAvailable === true, granted: null as boolean | null };
    this.requests.push(entry);
    return new Promise<T>((resolve, reject) => {
      const grant = (): void => {
        this.held.add(name);
        entry.granted = true;
        Promise.resolve()
          .then(() => callback({ name }))
          .then(
            (value) => {
              this.release(name);
              resolve(value as T);
            },
            (error: unknown) => {
              this.release(name);
              reject(error);
            },
          );
      };
      if (this.isFree(name)) return grant();
      if (entry.ifAvailable) {
        entry.granted = false;
        Promise.resolve()
          .then(() => callback(null))
          .then((value) => resolve(value as T), reject);
        return;
      }
      const queue = this.queues.get(name) ?? [];
      queue.push(grant);
      this.queues.set(name, queue);
    });
  }

  isHeld(name: string): boolean {
    return this.held.has(name);
  }

  private isFree(name: string): boolean {
    return !this.held.has(name) && (this.queues.get(name)?.length ?? 0) === 0;
  }

  private release(name: string): void {
    this.held.delete(name);
    const next = this.queues.get(name)?.shift();
    if (next) next();
    else this.queues.delete(name);
  }
}
