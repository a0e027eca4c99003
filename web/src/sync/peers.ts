// The other people on the board (HE-3 peers, PR-2 presence, PR-3 left), keyed by replica. The
// person's own other tabs (same seat, ID-3) are not "other people": their cursors are their own.
import type { Peer } from "./api";
import type { Frame } from "./connection";
import { readCursor, readDrag, readPeerRole, readPeers, readRole, readSelection, readTextCaret, str } from "./frames";
import { samePerson } from "./seat";

export class PeerMap extends Map<string, Peer> {
  /** Replicas not shown as peers: this user's own stand-ins resending a closed tab's batches. */
  readonly hidden = new Set<string>();

  constructor(private readonly self: string) {
    super();
  }

  /** Seeds the map from `welcome.peers` (cursor null until their first presence). */
  welcome(peers: unknown): void {
    this.clear();
    for (const p of readPeers(peers, this.self)) if (!this.hidden.has(p.replica) && !samePerson(p.replica, this.self)) this.set(p.replica, p);
  }

  /** A presence frame; true when the map changed. */
  presence(f: Frame): boolean {
    const replica = str(f.replica);
    if (replica === null || samePerson(replica, this.self) || this.hidden.has(replica)) return false;
    const known = this.get(replica);
    const name = str(f.name) ?? known?.name ?? "";
    const role = readRole(f.role) ?? known?.role ?? readPeerRole(f.role);
    this.set(replica, { replica, name, role, cursor: readCursor(f.cursor), selection: readSelection(f.selection), text: readTextCaret(f.text), drag: readDrag(f.drag) });
    return true;
  }

  /** A left frame; true when the map changed. */
  left(f: Frame): boolean {
    const replica = str(f.replica);
    return replica !== null && this.delete(replica);
  }
}
