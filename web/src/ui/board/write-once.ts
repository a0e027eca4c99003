// One batch on another board of the workshop (carrying forward, FA-27; a round's answers onto the
// check-in board): connect, write, wait for the ack, disconnect. A short-lived client of that
// board with this tab's seat and replica, so the node sees the same person.
import type { Change } from "../../sync/api";
import { clusterBaseUrls, createBoardClient } from "../../sync/index";
import type { Identity } from "../../sync/identity";

const WRITE_TIMEOUT_MS = 15_000;

export interface Writer {
  token: string;
  name: string;
  identity: Identity;
}

/** One batch on another board of the workshop: connect, write, wait for the ack, disconnect. */
export function writeOnce(o: Writer, board: string, changes: Change[]): Promise<void> {
  const client = createBoardClient({
    baseUrls: clusterBaseUrls(location.origin),
    token: o.token,
    board,
    name: o.name,
    seat: o.identity.seat,
    replica: o.identity.replica,
    // This tab's own board client holds the replica's lock; this one adopts nothing.
    locks: null,
  });
  return new Promise<void>((resolve, reject) => {
    let sent = false;
    const timer = setTimeout(() => done(new Error("timeout")), WRITE_TIMEOUT_MS);
    const offs: (() => void)[] = [];
    const done = (e?: Error) => {
      clearTimeout(timer);
      offs.forEach((off) => off());
      client.stop();
      if (e) reject(e);
      else resolve();
    };
    const check = () => {
      if (sent && client.pendingCount === 0) done();
    };
    offs.push(
      client.on("welcome", () => {
        if (sent) return;
        sent = true;
        client.change(changes);
      }),
      client.on("status", check),
      client.on("items", check),
      client.on("error", (code, message) => done(new Error(message || code))),
    );
    void client.start();
  });
}
