// The contract between the sync core (src/sync) and the UI (src/ui). Wire shapes follow
// server/PROTOCOL.md; rule IDs there (OP-4, SQ-2, ...) are cited where they matter.

/** `[epoch ms, counter, replica]`, compared element by element (ST-1). */
export type Stamp = [number, number, string];

export type Json = null | boolean | number | string | Json[] | { [key: string]: Json };

/** One field write (OP-2). */
export interface Op {
  i: string;
  f: string;
  v: Json;
  s: Stamp;
}

/** A last-writer-wins register. */
export interface Register {
  v: Json;
  s: Stamp;
}

/** item id → field → register; the shape of `welcome.snapshot` and `GET /api/boards/{id}`.items. */
export type Snapshot = Record<string, Record<string, Register>>;

export type Role = "facilitator" | "participant" | "observer";

/**
 * connecting: no welcome yet; connected: welcomed and nothing unacknowledged; saving: welcomed
 * with batches awaiting their ack; offline: the socket is down (edits are kept and resent).
 */
export type ConnectionStatus = "connecting" | "connected" | "saving" | "offline";

/** A character of a merged text field: `[replica, n]` (TX-1). */
export type CharId = readonly [string, number];

/**
 * Where a person's caret is in a text field (TX-8 presence `text`): after character `at` (null =
 * the start), the selection's other end after `to`.
 */
export interface TextCaret {
  i: string;
  f: string;
  at: CharId | null;
  to: CharId | null;
}

/** A text field read by character (TX-2): positions are visible code points. */
export interface TextView {
  text(): string;
  readonly length: number;
  /** The character left of visible position `pos` (null at the start): a caret's anchor. */
  anchorAt(pos: number): CharId | null;
  /** The position just after `anchor` now (deleted: where it was); null for an unknown character. */
  positionOf(anchor: CharId | null): number | null;
}

/** PR-5: a dragged note and where its top-left corner is now, in board units. */
export type DragPosition = [item: string, x: number, y: number];

export interface Peer {
  replica: string;
  name: string;
  /** FA-1: the peer's role; a server that does not send it makes every peer a participant. */
  role: Role;
  cursor: [number, number] | null;
  selection: string[];
  /** TX-8: the peer's caret in a text field, if they are typing in one. */
  text: TextCaret | null;
  /** PR-5: the notes the peer is dragging right now, or null. */
  drag: DragPosition[] | null;
}

/** What the UI asks for; the client stamps it. */
export interface Change {
  item: string;
  field: string;
  value: Json;
}

/** A batch not yet acknowledged, as kept across reloads. */
export interface PendingBatch {
  batch: string;
  ops: Op[];
}

/** Where unacknowledged batches survive a reload or a crash of the tab (IndexedDB in the browser). */
export interface PendingStore {
  load(board: string, replica: string): Promise<PendingBatch[]>;
  put(board: string, replica: string, batch: PendingBatch): Promise<void>;
  remove(board: string, replica: string, batchId: string): Promise<void>;
  /** The replicas that have at least one batch kept for `board` (each once, in no promised order). */
  replicas(board: string): Promise<string[]>;
}

/** What a granted lock carries (the Web Locks `Lock` has more; this is all the client reads). */
export interface LockLike {
  readonly name: string;
}

/**
 * The part of the Web Locks API (`navigator.locks`) the client uses; injectable for tests. The
 * callback gets `null` when `ifAvailable` is set and the lock is taken; the lock is held until the
 * promise the callback returns settles, and `request` resolves with that promise's value.
 */
export interface LockManagerLike {
  request<T>(name: string, options: { mode?: "exclusive" | "shared"; ifAvailable?: boolean }, callback: (lock: LockLike | null) => T): Promise<T>;
}

/** Read access to the merged (optimistic) board state. */
export interface ItemsView {
  itemIds(): string[];
  get(item: string, field: string): Register | undefined;
  fields(item: string): Readonly<Record<string, Register>>;
  value(item: string, field: string): Json | undefined;
}

export interface BoardClientOptions {
  /**
   * Base http(s) URLs of nodes to try in turn, e.g. [location.origin]; the socket is `<base>/ws`.
   * Read on every connect attempt, so entries pushed later (the cluster's nodes, see nodes.ts) count.
   */
  baseUrls: string[];
  token: string;
  board: string;
  name: string;
  /**
   * The seat secret of this person in the board's workshop (ID-1, see identity.ts). Sent in the
   * hello as `seat` when the replica is seated with it (ID-2); an unseated (legacy) replica is
   * sent without it. Without a seat the client is unseated: its person is its replica (ID-3).
   */
  seat?: string;
  /**
   * Defaults: with a seat a new seated replica `<seat id>_<tab part>`, else a per-tab replica id
   * (sessionStorage); IndexedDB, Date.now, Math.random, WebSocket.
   */
  replica?: string;
  storage?: PendingStore;
  now?: () => number;
  random?: () => number;
  WebSocketImpl?: typeof WebSocket;
  /**
   * Default navigator.locks when the environment has it. The client holds the lock
   * `samenbord-replica-<replica>` while it runs and, once welcomed with a role that may edit,
   * adopts the batches that tabs now closed left in `storage` for this board: for each other
   * replica with kept batches whose lock is free, it takes that lock and resends those batches
   * under that replica (so OP-4 dedup still holds), then forgets them; a replica seated with this
   * client's seat is resent with that seat, an unseated (legacy) one without a seat, and one
   * seated with another seat is left alone (the server would refuse it). `null` (or no
   * navigator.locks) turns both off.
   */
  locks?: LockManagerLike | null;
}

export interface BoardClient {
  readonly replica: string;
  /** The person of this replica (ID-3): its seat id when seated, else the replica. "Mine" compares persons. */
  readonly person: string;
  readonly role: Role | null;
  readonly status: ConnectionStatus;
  /** Batches not yet acknowledged (kept across reloads); "saving n edits". */
  readonly pendingCount: number;
  readonly items: ItemsView;
  readonly peers: ReadonlyMap<string, Peer>;
  /**
   * Loads pending batches (applied at once, so a reload shows them), connects and sets off the
   * adoption of closed tabs' batches (see BoardClientOptions.locks); resolves without waiting for
   * the adoption, whose end `adoptions` reports.
   */
  start(): Promise<void>;
  /**
   * Resolves once the adoption set off by start() is over, with the number of batches adopted
   * (0 without a lock manager, for observers, or when the client stops first). The adopted edits
   * reach `items` as ops from the server, like any other replica's.
   */
  readonly adoptions: Promise<number>;
  /** Batches of closed tabs this client has resent and seen settled (acknowledged or refused); for diagnostics. */
  readonly adoptedBatches: number;
  stop(): void;
  /**
   * Applies at once, stores and sends as one batch. Undoable changes join this user's undo stack;
   * consecutive undoable changes with the same `mergeKey` (e.g. the keystrokes of one editing
   * session) make one undo step that goes back to before the first of them.
   */
  change(changes: Change[], options?: { undoable?: boolean; mergeKey?: string }): void;
  /**
   * Sets a text field to `value` as typed (TX-3): the difference from the field's merged text
   * becomes character ops, so others' concurrent typing is kept. `caret` (code points into
   * `value`, where the caret stood after the input) places ambiguous edits. `base` is the state
   * the input showed when it differs from the view (a composition held remote changes back): the
   * edit is made against it and applied by character id, so those changes stay. Undoable by
   * default; the same `mergeKey` makes an editing session one undo step. Against a node that does
   * not merge text (no `text` capability in its welcome) the value is written whole, as before.
   */
  editText(item: string, field: string, value: string, options?: { caret?: number; mergeKey?: string; undoable?: boolean; base?: TextView | null }): void;
  /** The field as merged text (a plain string reads as text too); null for a field of another type. */
  text(item: string, field: string): TextView | null;
  /** Whether edits of text fields go out as character ops (the node said `caps: ["text"]`, or sent merged text). */
  readonly mergesText: boolean;
  undo(): boolean;
  redo(): boolean;
  canUndo(): boolean;
  canRedo(): boolean;
  /**
   * Sends a control frame (FA-8) and resolves with the seq of the change once it is durable (the
   * change itself arrives as a normal ops frame). Rejects with a ControlError whose `code` is the
   * server's (`forbidden`, `bad_message`, ...) or `offline` when the client is not connected or
   * the connection drops before the answer. A refused control is not also emitted as "error".
   */
  control(action: string, args?: Record<string, unknown>): Promise<number>;
  /** The server's clock: Date.now() plus the offset taken from the last `welcome.time` (FA-2). */
  serverNow(): number;
  /** Throttled to at most 10 frames a second. */
  setPresence(cursor: [number, number] | null, selection: string[]): void;
  /** The caret in a text field (TX-8), sent with the presence, same throttle; null when not typing. */
  setTextCaret(caret: TextCaret | null): void;
  /**
   * PR-5: the notes being dragged and where they are now, sent with the presence at its rate (never
   * a batch per move); null when the drag ends (the drop itself is a change).
   */
  setDrag(drag: DragPosition[] | null): void;
  on(event: "items", listener: (changedItems: ReadonlySet<string>) => void): () => void;
  on(event: "status", listener: (status: ConnectionStatus) => void): () => void;
  on(event: "peers", listener: () => void): () => void;
  on(event: "welcome", listener: (role: Role) => void): () => void;
  on(event: "error", listener: (code: string, message: string) => void): () => void;
  /** The undo or redo stack changed (after the change that made it, so canUndo() is current). */
  on(event: "history", listener: () => void): () => void;
}
