// Adoption of the batches that closed tabs left behind (see BoardClientOptions.locks): each client
// holds the Web Lock of its own replica while it runs, so a replica whose lock is free has no tab,
// and its kept batches can be resent under that replica by a stand-in client.
import type { ConnectionStatus, LockManagerLike, PendingBatch, PendingStore, Role } from "./api";
import { replicaLockName } from "./ids";

/** How long an adoption waits for a closed tab's batches to be acknowledged; the rest stay kept for a later try. */
export const ADOPTION_DEADLINE_MS = 120_000;
/** How often, and how far apart, a replica whose lock is held is tried again before it counts as a live tab. */
export const ADOPTION_ROUNDS = 6;
export const ADOPTION_RETRY_MS = 2_000;

/** navigator.locks where the browser has it; null elsewhere (then no locks and no adoption). */
export function defaultLocks(): LockManagerLike | null {
  return typeof navigator !== "undefined" && navigator.locks ? navigator.locks : null;
}

/** The part of a client that an adoption drives: one running under a closed tab's replica. */
export interface StandIn {
  readonly status: ConnectionStatus;
  /** Its hello was refused for good (AU-3). */
  readonly refused: boolean;
  readonly pendingBatches: readonly PendingBatch[];
  start(): Promise<void>;
  stop(): void;
  on(event: "status", listener: (status: ConnectionStatus) => void): () => void;
  on(event: "error", listener: (code: string, message: string) => void): () => void;
}

/** What an adoption needs from the client that runs it. */
export interface AdoptionHost {
  readonly board: string;
  /** The client's own replica: its lock is held, its batches are never adopted. */
  readonly replica: string;
  readonly locks: LockManagerLike | null;
  readonly storage: PendingStore;
  /** Replicas whose presence the client does not show; a stand-in's own replica joins it while it runs. */
  readonly hiddenPeers: Set<string>;
  /** The role the client was welcomed with, if any. */
  role(): Role | null;
  /**
   * A client for `replica` with the same token, board and storage, this user's name and no locks
   * of its own; it sends this client's seat when `replica` is seated with it (ID-2) and none for a
   * legacy replica. Null when it cannot speak for `replica` (seated with another seat).
   */
  standIn(replica: string): StandIn | null;
}

/**
 * One client's replica lock and its adoption of closed tabs' batches. The client calls begin()
 * as it starts, run() once its own kept batches are loaded, ready() on its first welcome or a
 * refused hello, and stop() when it stops.
 */
export class Adoption {
  /** Batches of closed tabs resent and seen settled (acknowledged or refused). */
  adopted = 0;
  /** Settles once the adoption is over, with `adopted` (0 if the client stopped before it started). */
  readonly finished: Promise<number>;
  private settle!: (count: number) => void;
  private started = false;
  private stopped = false;
  /** Settles on stop(); the own replica lock is held until then. */
  private readonly stoppedSignal: Promise<void>;
  private signalStopped!: () => void;
  /** Settles on the first welcome, a refused hello or stop(). */
  private readonly readySignal: Promise<void>;
  private signalReady!: () => void;

  constructor(private readonly host: AdoptionHost) {
    this.finished = new Promise((resolve) => (this.settle = resolve));
    this.stoppedSignal = new Promise((resolve) => (this.signalStopped = resolve));
    this.readySignal = new Promise((resolve) => (this.signalReady = resolve));
  }

  /** The client starts: takes its replica lock unless it has already stopped. */
  begin(): void {
    this.started = true;
    if (!this.stopped) this.holdReplicaLock();
  }

  /** Sets off the adoption; `finished` reports its end. */
  run(): void {
    this.adoptOrphans().then(this.settle, (e: unknown) => {
      console.error("samenbord: could not resend the unsaved edits of a closed tab", e);
      this.settle(this.adopted);
    });
  }

  /** The client was welcomed, or its hello refused for good: the adoption may go on (or give up). */
  ready(): void {
    this.signalReady();
  }

  /** Frees the replica lock and ends every wait. */
  stop(): void {
    this.stopped = true;
    this.signalStopped();
    this.signalReady();
    if (!this.started) this.settle(0);
  }

  /**
   * Holds this replica's lock until stop() (the browser frees it when the tab goes). Asked for
   * before anything is loaded or sent, so another tab never finds it free while this one resends.
   * Not awaited: a duplicated tab sharing the replica just queues for it.
   */
  private holdReplicaLock(): void {
    if (!this.host.locks) return;
    try {
      this.host.locks.request(replicaLockName(this.host.replica), { mode: "exclusive" }, () => this.stoppedSignal).catch((e: unknown) => {
        console.warn("samenbord: could not hold the replica lock", e);
      });
    } catch (e) {
      console.warn("samenbord: could not hold the replica lock", e);
    }
  }

  /**
   * Once welcomed with a role that may edit, resends the batches kept for this board under other
   * replicas whose lock is free (their tab is gone), one replica at a time; returns how many
   * batches settled. Live tabs hold their lock and are left alone.
   */
  private async adoptOrphans(): Promise<number> {
    const locks = this.host.locks;
    if (!locks) return 0;
    await this.readySignal;
    const role = this.host.role();
    if (this.stopped || (role !== "facilitator" && role !== "participant")) return 0;
    let waiting = (await this.host.storage.replicas(this.host.board)).filter((r) => r !== this.host.replica);
    // A tab that was just closed may still hold its lock for a moment (a busy browser tears it
    // down late): replicas found locked are tried again a few times before they are left alone.
    for (let round = 0; round < ADOPTION_ROUNDS && waiting.length > 0 && !this.stopped; round++) {
      if (round > 0) await this.pause(ADOPTION_RETRY_MS);
      const locked: string[] = [];
      for (const replica of waiting) {
        if (this.stopped) break;
        try {
          await locks.request(replicaLockName(replica), { mode: "exclusive", ifAvailable: true }, (lock) =>
            lock === null ? void locked.push(replica) : this.adopt(replica),
          );
        } catch (e) {
          console.error("samenbord: could not resend the unsaved edits of a closed tab", e);
        }
      }
      waiting = locked;
    }
    return this.adopted;
  }

  /** Waits `ms`, or less if the client stops. */
  private pause(ms: number): Promise<void> {
    return new Promise((resolve) => {
      const timer = setTimeout(resolve, ms);
      void this.stoppedSignal.then(() => {
        clearTimeout(timer);
        resolve();
      });
    });
  }

  /**
   * With `replica`'s lock held: a stand-in client for that replica (same token, board and storage,
   * this user's name, no locks of its own) loads its batches and resends them; OP-4 dedups by
   * replica and batch, so a batch the server already had is acked again, not applied twice.
   * The ops reach the client's view as fan-out from the server.
   */
  private async adopt(replica: string): Promise<void> {
    if (this.stopped) return;
    const kept = await this.host.storage.load(this.host.board, replica);
    if (kept.length === 0 || this.stopped) return; // adopted meanwhile by another tab
    const standIn = this.host.standIn(replica);
    if (!standIn) return; // another person's seat: only a tab with that seat can resend these
    this.host.hiddenPeers.add(replica);
    try {
      await standIn.start();
      const taken = standIn.pendingBatches.length;
      await this.untilSaved(standIn);
      this.adopted += taken - standIn.pendingBatches.length;
    } finally {
      standIn.stop();
      this.host.hiddenPeers.delete(replica);
    }
  }

  /** Settles when `client` has nothing unacknowledged, its hello is refused, the client stops, or the deadline passes. */
  private untilSaved(client: StandIn): Promise<void> {
    return new Promise((resolve) => {
      const offs: (() => void)[] = [];
      const done = (): void => {
        clearTimeout(timer);
        for (const off of offs) off();
        resolve();
      };
      const timer = setTimeout(done, ADOPTION_DEADLINE_MS);
      offs.push(client.on("status", (status) => status === "connected" && done()));
      offs.push(client.on("error", () => client.refused && done()));
      void this.stoppedSignal.then(done);
      if (client.status === "connected" || client.refused) done();
    });
  }
}
