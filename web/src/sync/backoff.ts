// Reconnect delays: exponential backoff with full jitter.
export const BACKOFF_BASE_MS = 250;
export const BACKOFF_CAP_MS = 10_000;

/** A delay in [0, min(cap, base * 2^attempt)), attempt counting from 0. */
export function backoffDelay(
  attempt: number,
  random: () => number,
  base: number = BACKOFF_BASE_MS,
  cap: number = BACKOFF_CAP_MS,
): number {
  const ceiling = Math.min(cap, base * 2 ** Math.min(Math.max(attempt, 0), 30));
  const r = Math.min(Math.max(random(), 0), 1);
  return Math.floor(r * ceiling);
}

/** `http(s)://host/path` → `ws(s)://host/path/ws`. */
export function socketUrl(baseUrl: string): string {
  const base = baseUrl.replace(/\/+$/, "");
  return base.replace(/^http(s?):\/\//i, (_m, s: string) => `ws${s}://`) + "/ws";
}
