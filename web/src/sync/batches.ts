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

/**
 * TX-8: text ops build on earlier batches, so batches go out in order. When one is refused for now
 * (rate_limited, unavailable), new batches wait, and after a backoff it and every later one are
 * resent in order; a later batch refused meanwhile (it came in the same burst, and may only have
 * lacked the refused one) is kept.
 */
export class SendOrder {
  private heldFrom: string | null = null;

  constructor(
    private readonly retries: ResendTimers,
    /** Sends the pending batches from `id` on, in order. */
    private readonly resendFrom: (id: string) => void,
  ) {}

  /** Whether new batches must wait. */
  get holding(): boolean {
    return this.heldFrom !== null;
  }

  /** Batch `id` of `pending` was refused for now. */
  hold(pending: readonly { batch: string }[], id: string): void {
    if (this.heldFrom !== null) {
      const held = pending.findIndex((b) => b.batch === this.heldFrom);
      if (held >= 0 && held <= pending.findIndex((b) => b.batch === id)) return; // resent with it
      this.retries.cancel(this.heldFrom);
    }
    this.heldFrom = id;
    this.retries.schedule(id, () => {
      if (this.heldFrom !== id) return;
      this.heldFrom = null;
      this.resendFrom(id);
    });
  }

  /** Whether a refusal of batch `id` is to be ignored: it comes after the one held. */
  keeps(pending: readonly { batch: string }[], id: string): boolean {
    if (this.heldFrom === null) return false;
    const held = pending.findIndex((b) => b.batch === this.heldFrom);
    return held >= 0 && pending.findIndex((b) => b.batch === id) > held;
  }

  /** A new connection: everything is sent again from the start anyway. */
  clear(): void {
    this.heldFrom = null;
  }
}
