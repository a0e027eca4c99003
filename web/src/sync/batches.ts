// Splitting ops into batches the server accepts whole: at most 500 ops (OP-3) and frames well
// under 64 KiB (LI-1; a frame over it gets too_large without naming the batch, so it would never
// be acknowledged).
import type { Op } from "./api";
import { backoffDelay } from "./backoff";

export const MAX_OPS_PER_BATCH = 500;
export const MAX_BATCH_BYTES = 60 * 1024;

const encoder = new TextEncoder();

/** A deep copy of a JSON value, so a later change of the caller's object cannot reach a batch. */
export function cloneJson<T>(v: T): T {
  return v !== null && typeof v === "object" ? (JSON.parse(JSON.stringify(v)) as T) : v;
}

export function chunkOps(ops: Op[], maxOps = MAX_OPS_PER_BATCH, maxBytes = MAX_BATCH_BYTES): Op[][] {
  const out: Op[][] = [];
  let current: Op[] = [];
  let bytes = 0;
  for (const op of ops) {
    const size = encoder.encode(JSON.stringify(op)).length + 1;
    if (current.length > 0 && (current.length >= maxOps || bytes + size > maxBytes)) {
      out.push(current);
      current = [];
      bytes = 0;
    }
    current.push(op);
    bytes += size;
  }
  if (current.length > 0) out.push(current);
  return out;
}

/** Per-batch resend timers for batches the server asked to resend later (rate_limited, unavailable). */
export class ResendTimers {
  private readonly entries = new Map<string, { attempt: number; timer: ReturnType<typeof setTimeout> | null }>();

  constructor(private readonly random: () => number) {}

  /** Runs `resend` after 100 ms plus a jittered backoff that grows with each retry of this batch. */
  schedule(id: string, resend: () => void): void {
    const entry = this.entries.get(id) ?? { attempt: 0, timer: null };
    if (entry.timer !== null) clearTimeout(entry.timer);
    entry.timer = setTimeout(() => {
      entry.timer = null;
      resend();
    }, 100 + backoffDelay(entry.attempt++, this.random));
    this.entries.set(id, entry);
  }

  cancel(id: string): void {
    const entry = this.entries.get(id);
    if (entry?.timer != null) clearTimeout(entry.timer);
    this.entries.delete(id);
  }

  clear(): void {
    for (const id of [...this.entries.keys()]) this.cancel(id);
  }
}
