// The workshop page's second connection: every role joins the room board (FA-1), whose peers are
// who is in the workshop and whose items are the facilitation state (FA-2). It shares the tab's
// replica id and seat with the board client (so a person's groups match their board connection), but it
// never writes ops, so it takes no Web Lock (it must not queue behind, or hold up, the board
// client's replica lock) and keeps nothing in IndexedDB.
import type { BoardClient, Peer, Role } from "../../sync/api";
import type { Identity } from "../../sync/identity";
import { clusterBaseUrls, createBoardClient, MemoryPendingStore } from "../../sync/index";
import { EMPTY_ROOM, parseRoom, type RoomState } from "./state";

export const ROOM_TEMPLATE = "room";

export interface RoomSessionOptions {
  board: string;
  token: string;
  name: string;
  /** This tab's seat and replica in the workshop (ID-1, ID-2). */
  identity: Identity;
}

export class RoomSession {
  readonly client: BoardClient;
  state: RoomState = EMPTY_ROOM;
  /** The first welcome has arrived: `state` is the room's, not the empty default. */
  loaded = false;
  private readonly listeners = new Set<() => void>();
  private readonly errorListeners = new Set<(code: string, message: string) => void>();
  private readonly offs: (() => void)[] = [];

  constructor(o: RoomSessionOptions) {
    this.client = createBoardClient({
      baseUrls: clusterBaseUrls(location.origin),
      token: o.token,
      board: o.board,
      name: o.name,
      seat: o.identity.seat,
      replica: o.identity.replica,
      locks: null,
      storage: new MemoryPendingStore(),
    });
    this.offs.push(
      this.client.on("welcome", () => {
        this.loaded = true;
        this.refresh();
      }),
      this.client.on("items", () => this.refresh()),
      this.client.on("peers", () => this.emit()),
      this.client.on("error", (code, message) => {
        for (const l of [...this.errorListeners]) l(code, message);
      }),
    );
  }

  start(): void {
    void this.client.start();
  }

  stop(): void {
    for (const off of this.offs) off();
    this.client.stop();
  }

  get replica(): string {
    return this.client.replica;
  }

  get role(): Role | null {
    return this.client.role;
  }

  /** Called on every change of state or peers. */
  onChange(listener: () => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /** Errors of the room connection that no control call is waiting for (a refused hello, ...). */
  onError(listener: (code: string, message: string) => void): () => void {
    this.errorListeners.add(listener);
    return () => this.errorListeners.delete(listener);
  }

  /** The connected participants (room peers of role participant), by name. */
  participants(): Peer[] {
    return [...this.client.peers.values()]
      .filter((p) => p.role === "participant")
      .sort((a, b) => a.name.localeCompare(b.name) || a.replica.localeCompare(b.replica));
  }

  control(action: string, args?: Record<string, unknown>): Promise<number> {
    return this.client.control(action, args);
  }

  serverNow(): number {
    return this.client.serverNow();
  }

  private refresh(): void {
    this.state = parseRoom(this.client.items);
    this.emit();
  }

  private emit(): void {
    for (const l of [...this.listeners]) {
      try {
        l();
      } catch (e) {
        console.error("samenbord: a room listener failed", e);
      }
    }
  }
}
