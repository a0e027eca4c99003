// The board client (src/sync/api.ts): an optimistic view = confirmed state ⊔ pending batches,
// kept across reloads, resent after reconnects (OP-4 makes resends harmless). Batches that a
// closed tab left behind are adopted: resent under that tab's replica once its Web Lock is free.
import { Adoption, defaultLocks } from "./adoption";
import type { BoardClient, BoardClientOptions, Change, ConnectionStatus, DragPosition, Op, PendingBatch, PendingStore, Role, TextCaret, TextView } from "./api";
import { Link, type Frame } from "./connection";
import { Emitter } from "./emitter";
import { mergesText, readOps, readRole, readSeq, readSnapshot, str } from "./frames";
import { HybridLogicalClock } from "./hlc";
import { BatchIds, helloName, tabReplica } from "./ids";
import { Items } from "./items";
import { chunkOps, cloneJson, ResendTimers, SendOrder } from "./batches";
import { ControlError, ControlRequests } from "./control";
import { defaultPendingStore } from "./pending";
import { PeerMap } from "./peers";
import { PresenceThrottle } from "./presence";
import { helloSeat, personOf, seatedReplica, seatId } from "./seat";
import { Editing } from "./editing";
import { readTextOp } from "./text/json";

// Exported from here before the adoption had a module of its own.
export { ADOPTION_DEADLINE_MS, ADOPTION_RETRY_MS, ADOPTION_ROUNDS } from "./adoption";

type Events = {
  items: [ReadonlySet<string>];
  status: [ConnectionStatus];
  peers: [];
  welcome: [Role];
  error: [string, string];
  history: [];
};

/**
 * Batch errors that mean "resend later" (LI-4, ER-3): that batch and every later one are resent in
 * order (TX-8); any other batch error drops the batch, unless it came after one to be resent.
 */
const RETRY = new Set(["rate_limited", "unavailable"]);
/** What this client can merge (TX-7). */
const CAPS = ["text"];
/** Errors of a refused hello that no retry can fix (AU-3). */
const FATAL = new Set(["unauthorized", "forbidden", "unknown_board"]);

export function createBoardClient(options: BoardClientOptions): BoardClient {
  return new SyncClient(options);
}

export class SyncClient implements BoardClient {
  readonly replica: string;
  readonly person: string;
  role: Role | null = null;
  status: ConnectionStatus = "connecting";
  readonly items = new Items();
  readonly peers: PeerMap;
  readonly adoptions: Promise<number>;

  private confirmed = new Items();
  private pending: PendingBatch[] = [];
  private hasConfirmed = false;
  /** TX-7: the node merges text (its welcome said so, or it sent merged text). */
  private textMerging = false;
  private readonly order: SendOrder;
  private seq = 0;
  private gaps = 0;
  /** The pending count the last status event told about. */
  private shownCount = 0;
  private welcomed = false;
  /** The newest pending batch that never went out: later changes join it while it waits. */
  private unsent: PendingBatch | null = null;
  private started = false;
  private stopped = false;
  /** A hello refused for good (AU-3). */
  private helloRefused = false;
  private readonly adoption: Adoption;
  private readonly retries: ResendTimers;
  private readonly emitter = new Emitter<Events>();
  private readonly editing: Editing;
  private readonly storage: PendingStore;
  private readonly random: () => number;
  private readonly hlc: HybridLogicalClock;
  private readonly batchIds: BatchIds;
  private readonly presence: PresenceThrottle;
  private readonly controls: ControlRequests;
  private readonly now: () => number;
  /** The seat this client's hello carries (ID-2), if any. */
  private readonly seat: string | undefined;
  /** The socket side; exposed for tests and diagnostics. */
  readonly link: Link;

  constructor(private readonly options: BoardClientOptions) {
    const now = (this.now = options.now ?? Date.now);
    this.random = options.random ?? Math.random;
    this.controls = new ControlRequests(this.random);
    this.replica = options.replica ?? (options.seat ? seatedReplica(seatId(options.seat), this.random) : tabReplica(this.random));
    this.person = personOf(this.replica);
    // ID-2: the seat goes with a replica seated with it; a legacy replica goes without one.
    this.seat = helloSeat(this.replica, options.seat) ?? undefined;
    this.peers = new PeerMap(this.replica);
    this.storage = options.storage ?? defaultPendingStore();
    this.adoption = new Adoption({
      board: options.board,
      replica: this.replica,
      locks: options.locks === undefined ? defaultLocks() : options.locks,
      storage: this.storage,
      hiddenPeers: this.peers.hidden,
      role: () => this.role,
      // A replica seated with another seat cannot be spoken for: the server would refuse its hello.
      standIn: (replica) =>
        helloSeat(replica, options.seat) === null ? null : new SyncClient({ ...options, replica, storage: this.storage, locks: null }),
    });
    this.adoptions = this.adoption.finished;
    this.retries = new ResendTimers(this.random);
    this.order = new SendOrder(this.retries, (from) => {
      const at = Math.max(0, this.pending.findIndex((b) => b.batch === from));
      for (const b of this.pending.slice(at)) this.sendBatch(b);
    });
    const WebSocketImpl = options.WebSocketImpl ?? globalThis.WebSocket;
    if (!WebSocketImpl) throw new Error("no WebSocket in this environment: pass options.WebSocketImpl");
    this.hlc = new HybridLogicalClock(this.replica, now);
    this.editing = new Editing(this.items, this.replica, (changes) => this.commit(changes), () => this.emitter.emit("history"));
    this.batchIds = new BatchIds(now, this.random);
    this.presence = new PresenceThrottle((p) => this.welcomed && this.link.send({ t: "presence", ...p }));
    this.link = new Link({
      baseUrls: options.baseUrls,
      WebSocketImpl,
      random: this.random,
      handlers: {
        onOpen: () => this.sendHello(),
        onFrame: (f) => this.onFrame(f),
        onDown: () => this.onDown(),
      },
    });
  }

  async start(): Promise<void> {
    if (this.started) return;
    this.started = true;
    this.adoption.begin();
    let loaded: PendingBatch[] = [];
    try {
      loaded = await this.storage.load(this.options.board, this.replica);
    } catch (e) {
      console.error("samenbord: could not load unsaved edits", e);
    }
    const known = new Set(this.pending.map((b) => b.batch));
    const fresh = loaded.filter((b) => !known.has(b.batch));
    this.pending = [...fresh, ...this.pending];
    for (const b of fresh) for (const op of b.ops) this.hlc.observe(op.s);
    if (fresh.length > 0) this.recompute();
    if (!this.stopped) this.link.start();
    this.adoption.run();
  }

  stop(): void {
    this.stopped = true;
    this.adoption.stop();
    this.link.stop();
    this.presence.stop();
    this.retries.clear();
    this.welcomed = false;
    this.controls.failAll("offline", "the client stopped before the server answered");
    this.setStatus("offline");
  }

  control(action: string, args: Record<string, unknown> = {}): Promise<number> {
    if (!this.welcomed) return Promise.reject(new ControlError("offline", "not connected"));
    const { request, answer } = this.controls.open();
    // The action's own fields come after the arguments so an argument can never replace them.
    if (!this.link.send({ ...args, t: "control", request, action })) {
      this.controls.fail(request, "offline", "not connected");
    }
    return answer;
  }

  serverNow(): number {
    return this.now() + this.hlc.serverOffset;
  }

  change(changes: Change[], options?: { undoable?: boolean; mergeKey?: string }): void {
    if (this.role !== "observer") this.editing.change(changes, options);
  }

  get mergesText(): boolean {
    return this.textMerging;
  }

  text(item: string, field: string): TextView | null {
    return this.items.text(item, field);
  }

  editText(item: string, field: string, value: string, options?: { caret?: number; mergeKey?: string; undoable?: boolean; base?: TextView | null }): void {
    if (this.role !== "observer") this.editing.editText(item, field, value, this.textMerging, options);
  }

  undo(): boolean {
    return this.role !== "observer" && this.editing.undo();
  }

  redo(): boolean {
    return this.role !== "observer" && this.editing.redo();
  }

  canUndo(): boolean {
    return this.role !== "observer" && this.editing.canUndo();
  }

  canRedo(): boolean {
    return this.role !== "observer" && this.editing.canRedo();
  }

  setPresence(cursor: [number, number] | null, selection: string[]): void {
    this.presence.set(cursor, selection);
  }

  setTextCaret(caret: TextCaret | null): void {
    this.presence.setText(caret);
  }

  setDrag(drag: DragPosition[] | null): void {
    this.presence.setDrag(drag);
  }

  get pendingCount(): number {
    return this.pending.length;
  }

  on(event: "items", listener: (changedItems: ReadonlySet<string>) => void): () => void;
  on(event: "status", listener: (status: ConnectionStatus) => void): () => void;
  on(event: "peers", listener: () => void): () => void;
  on(event: "welcome", listener: (role: Role) => void): () => void;
  on(event: "error", listener: (code: string, message: string) => void): () => void;
  on(event: "history", listener: () => void): () => void;
  on(event: keyof Events, listener: (...args: never[]) => void): () => void {
    return this.emitter.on(event, listener as (...args: unknown[]) => void);
  }

  /** Batches of closed tabs this client has resent and seen settled. */
  get adoptedBatches(): number {
    return this.adoption.adopted;
  }

  /** Whether the hello was refused for good (AU-3). */
  get refused(): boolean {
    return this.helloRefused;
  }

  /** Highest seq seen in welcome, ops or ack (SQ-2), all before it seen too; the next hello's `since`. */
  get lastSeq(): number {
    return this.seq;
  }

  /** Missing seqs noticed (each one dropped the socket to resync); for tests and diagnostics. */
  get seqGaps(): number {
    return this.gaps;
  }

  /** Batches not yet acknowledged, in order. */
  get pendingBatches(): readonly PendingBatch[] {
    return this.pending;
  }

  private commit(changes: Change[]): void {
    if (changes.length === 0) return;
    const ops: Op[] = changes.map((c) => ({ i: c.item, f: c.field, v: cloneJson(c.value), s: this.hlc.next() }));
    const changed = new Set<string>();
    for (const chunk of chunkOps(ops)) {
      for (const op of chunk) if (this.items.apply(op)) changed.add(op.i);
      // Offline (or held back, TX-8) every keystroke would become a batch of its own, and hundreds
      // of them resent at once would run into the rate limit (LI-4): while a batch cannot go out,
      // later changes join it (it was never sent, so its id is still free to grow).
      const tail = this.unsent;
      if (tail !== null && this.pending[this.pending.length - 1] === tail && chunkOps([...tail.ops, ...chunk]).length === 1) {
        tail.ops.push(...chunk);
        this.keep(tail);
        continue;
      }
      const batch: PendingBatch = { batch: this.batchIds.next(), ops: chunk };
      this.pending.push(batch);
      this.keep(batch);
      if (!this.sendBatch(batch)) this.unsent = batch;
    }
    this.updateStatus();
    this.emitter.emit("items", changed);
  }

  private keep(batch: PendingBatch): void {
    this.storage.put(this.options.board, this.replica, batch).catch((e: unknown) => {
      console.error("samenbord: could not keep an unsaved edit", e);
    });
  }

  /** Sends a batch unless it must wait; whether it went out. */
  private sendBatch(batch: PendingBatch): boolean {
    // TX-8: while an earlier batch waits to be resent, later ones wait too (they may build on it).
    if (!this.welcomed || this.order.holding || !this.link.send({ t: "ops", batch: batch.batch, ops: batch.ops })) return false;
    if (this.unsent === batch) this.unsent = null;
    return true;
  }

  /** HE-2 (+ ID-2 `seat`); `since` once a welcome was seen, so a reconnect misses nothing (SQ-1). */
  private sendHello(): void {
    const o = this.options;
    const since = this.hasConfirmed ? { since: this.seq } : {};
    const seat = this.seat !== undefined ? { seat: this.seat } : {};
    const caps = this.link.mayRoute ? [...CAPS, "route"] : CAPS;
    this.link.send({ t: "hello", v: 1, token: o.token, board: o.board, replica: this.replica, name: helloName(o.name), ...seat, ...since, caps });
  }

  private onFrame(f: Frame): void {
    switch (f.t) {
      case "welcome": return this.onWelcome(f);
      case "ops": return this.onOps(f);
      case "ack": return this.onAck(f);
      case "done": return void this.controls.done(str(f.request), readSeq(f.seq));
      case "error": return this.onError(f);
      case "presence": return void (this.peers.presence(f) && this.emitter.emit("peers"));
      case "left": return void (this.peers.left(f) && this.emitter.emit("peers"));
      default: return; // unknown frame types are ignored
    }
  }

  private onWelcome(f: Frame): void {
    const snapshot = readSnapshot(f.snapshot);
    const caught = snapshot ? [] : readOps(f.ops);
    if (snapshot) this.confirmed = Items.fromSnapshot(snapshot);
    else this.confirmed.applyAll(caught);
    this.textMerging = mergesText(f.caps, snapshot, caught);
    for (const op of this.confirmed.toOps()) this.hlc.observe(op.s);
    if (typeof f.time === "number") this.hlc.syncTo(f.time);
    this.hasConfirmed = true;
    this.seq = readSeq(f.seq) ?? this.seq;
    this.role = readRole(f.role) ?? this.role;
    this.welcomed = true;
    this.adoption.ready();
    this.link.welcomed();
    this.peers.welcome(f.peers);
    this.retries.clear();
    this.order.clear();
    for (const b of this.pending) this.sendBatch(b);
    const changed = this.recompute(false);
    this.updateStatus();
    if (this.role) this.emitter.emit("welcome", this.role);
    this.emitter.emit("peers");
    this.emitter.emit("items", changed);
    this.presence.resend();
  }

  private onOps(f: Frame): void {
    // SQ-1/SQ-2: every seq after the welcome's arrives once, in order, in an ops frame or in the
    // ack of an own batch (OP-5/OP-6), and `seq` follows both; so a frame past seq + 1 means a
    // frame went missing. Its ops are not applied: the client resyncs from the last seq it has
    // all of. A frame at or below seq (a duplicate) is applied again, harmlessly.
    const seq = readSeq(f.seq);
    if (seq !== null && this.hasConfirmed && seq > this.seq + 1) return this.resync(seq);
    const changed = new Set<string>();
    for (const op of readOps(f.ops)) {
      if (!this.textMerging && readTextOp(op.v) !== null) this.textMerging = true;
      this.hlc.observe(op.s);
      this.confirmed.apply(op);
      if (this.items.apply(op)) changed.add(op.i);
    }
    this.seeSeq(f.seq);
    if (changed.size > 0) this.emitter.emit("items", changed);
  }

  private onAck(f: Frame): void {
    this.seeSeq(f.seq);
    const id = str(f.batch);
    const at = this.pending.findIndex((b) => b.batch === id);
    if (id === null || at < 0) return;
    const [batch] = this.pending.splice(at, 1) as [PendingBatch];
    this.confirmed.applyAll(batch.ops);
    this.forget(batch.batch);
    this.updateStatus();
  }

  private onError(f: Frame): void {
    const code = str(f.code) ?? "error";
    const message = str(f.message) ?? "";
    if (this.controls.fail(str(f.request), code, message)) return; // its caller shows it
    const id = str(f.batch);
    const at = this.pending.findIndex((b) => b.batch === id);
    if (id !== null && at >= 0) {
      if (RETRY.has(code)) return this.order.hold(this.pending, id);
      // TX-8: a batch after one that waits to be resent may only have failed for want of it.
      if (this.order.keeps(this.pending, id)) return;
      this.pending.splice(at, 1);
      this.forget(id);
      this.recompute();
      this.updateStatus();
    } else if (!this.welcomed && FATAL.has(code)) {
      this.helloRefused = true;
      this.adoption.ready();
      this.link.stop();
      this.setStatus("offline");
    }
    this.emitter.emit("error", code, message);
  }

  /** Drops the socket; the reconnect's hello asks for everything after the last contiguous seq. */
  private resync(seen: number): void {
    this.gaps++;
    console.warn(`samenbord: ops seq ${seen} after seq ${this.seq} on board ${this.options.board}: a frame went missing, resyncing`);
    this.link.drop();
  }

  private onDown(): void {
    this.welcomed = false;
    this.controls.failAll("offline", "the connection dropped before the server answered");
    this.retries.clear();
    this.order.clear();
    if (this.peers.size > 0) {
      this.peers.clear();
      this.emitter.emit("peers");
    }
    this.setStatus("offline");
  }

  /** Rebuilds the view from the confirmed state and the pending batches; returns what changed. */
  private recompute(emit = true): Set<string> {
    const before = this.items.copy();
    const next = this.confirmed.copy();
    for (const b of this.pending) next.applyAll(b.ops);
    this.items.assign(next);
    const changed = Items.changedItems(before, next);
    if (emit && changed.size > 0) this.emitter.emit("items", changed);
    return changed;
  }

  private forget(id: string): void {
    this.retries.cancel(id);
    this.storage.remove(this.options.board, this.replica, id).catch((e: unknown) => {
      console.error("samenbord: could not forget a saved edit", e);
    });
  }

  private seeSeq(x: unknown): void {
    const seq = readSeq(x);
    if (seq !== null && seq > this.seq) this.seq = seq;
  }

  private updateStatus(): void {
    const count = this.pending.length;
    const before = this.status;
    if (this.welcomed) this.setStatus(count > 0 ? "saving" : "connected");
    // "Saving 3 edits", "offline, 3 edits kept": a new count is news even when the status is not.
    if (count !== this.shownCount && this.status === before) this.emitter.emit("status", this.status);
    this.shownCount = count;
  }

  private setStatus(status: ConnectionStatus): void {
    if (status === this.status) return;
    this.status = status;
    this.shownCount = this.pending.length;
    this.emitter.emit("status", status);
  }
}
