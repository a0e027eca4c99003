// A minimal in-process Samenbord server for client tests: hello/welcome (with since), seats
// (ID-2: a seated replica needs its seat), ops with ack, dedup (OP-4) and fan-out of the winning
// ops (OP-6), presence, left, and knobs to drop connections, hold acks, rate-limit or reject
// batches, lose fan-out frames or refuse hellos with 1013; with `textCaps` it merges text as a
// node does (TX-3..TX-7, fake-text.ts). Frames travel through a queue that `settle()` drains, so
// tests decide when the "network" moves.
import type { Op } from "../../src/sync/api";
import { Items } from "../../src/sync/items";
import { seatId, seatOf } from "../../src/sync/seat";
import { acceptBatch, forPlainReader, plainSnapshot } from "./fake-text";

type Frame = Record<string, unknown> & { t: string };
type Handler = ((event: { data?: string; code?: number }) => void) | null;

export class FakeNet {
  private readonly queue: Array<() => void> = [];
  readonly server = new FakeServer();
  /** When false, new sockets fail to connect. */
  up = true;
  /** Socket URLs of dead nodes: new sockets to them fail to connect. */
  readonly down = new Set<string>();
  readonly sockets: FakeSocket[] = [];
  readonly WebSocket: typeof WebSocket;

  constructor() {
    const net = this;
    class BoundSocket extends FakeSocket {
      constructor(url: string) {
        super(net, url);
      }
    }
    this.WebSocket = BoundSocket as unknown as typeof WebSocket;
  }

  post(task: () => void): void {
    this.queue.push(task);
  }

  /** Delivers everything in flight, letting promises (storage) run in between, until quiet. */
  async settle(): Promise<void> {
    for (let round = 0; round < 1000; round++) {
      while (this.queue.length > 0) (this.queue.shift() as () => void)();
      for (let i = 0; i < 20; i++) await Promise.resolve();
      if (this.queue.length === 0) return;
    }
    throw new Error("the fake network never settled");
  }
}

export class FakeSocket {
  readyState = 0;
  onopen: Handler = null;
  onmessage: Handler = null;
  onclose: Handler = null;
  onerror: Handler = null;
  conn: ServerConn | null = null;
  /** Frames this socket sent, parsed. */
  readonly sent: Frame[] = [];

  constructor(
    private readonly net: FakeNet,
    readonly url: string,
  ) {
    net.sockets.push(this);
    net.post(() => {
      if (this.readyState !== 0) return;
      if (!net.up || net.down.has(url)) {
        this.readyState = 3;
        this.onerror?.({});
        this.onclose?.({ code: 1006 });
        return;
      }
      this.readyState = 1;
      this.conn = net.server.accept(this);
      this.onopen?.({});
    });
  }

  send(data: string): void {
    if (this.readyState !== 1) throw new Error("socket not open");
    const frame = JSON.parse(data) as Frame;
    this.sent.push(frame);
    const conn = this.conn;
    this.net.post(() => {
      if (conn && this.readyState === 1) this.net.server.receive(conn, frame);
    });
  }

  close(code = 1000): void {
    if (this.readyState >= 2) return;
    this.readyState = 3;
    const conn = this.conn;
    this.net.post(() => {
      if (conn) this.net.server.disconnect(conn);
      this.onclose?.({ code });
    });
  }

  /** Server → client. */
  deliver(frame: Frame): void {
    const data = JSON.stringify(frame);
    this.net.post(() => {
      if (this.readyState === 1) this.onmessage?.({ data });
    });
  }

  /** A last frame, then the server closes (as a node does after a redirect): the frame arrives first. */
  deliverThenClose(frame: Frame, code: number): void {
    const data = JSON.stringify(frame);
    this.net.post(() => {
      if (this.readyState !== 1) return;
      this.onmessage?.({ data });
      this.serverClose(code);
    });
  }

  /** The server (or the network) ends the connection. */
  serverClose(code: number): void {
    if (this.readyState >= 2) return;
    this.readyState = 3;
    if (this.conn) this.net.server.disconnect(this.conn);
    this.net.post(() => this.onclose?.({ code }));
  }
}

export interface ServerConn {
  socket: FakeSocket;
  replica: string | null;
  name: string;
  role: string;
  welcomed: boolean;
  /** What the client's hello said it can merge (TX-7). */
  caps: string[];
  /** Frames received from the client, in order. */
  received: Frame[];
}

export class FakeServer {
  items = new Items();
  seq = 0;
  readonly board = "b1";
  readonly tokens = new Map([
    ["tok-f", "facilitator"],
    ["tok-p", "participant"],
    ["tok-o", "observer"],
  ]);
  readonly log: { seq: number; replica: string; batch: string; ops: Op[] }[] = [];
  private readonly seen = new Map<string, number>();
  conns: ServerConn[] = [];
  /** Every ops frame the server received (also duplicates and rejected ones). */
  readonly opsFrames: { replica: string; batch: string; ops: Op[] }[] = [];
  now: () => number = () => Date.now();
  holdAcks = false;
  private held: Array<() => void> = [];
  rateLimitNext = 0;
  rejectNext: string | null = null;
  catchUp = true;
  /** The next this many fanned-out ops frames are lost on the way (to every receiver): a seq gap. */
  loseFanouts = 0;
  /** The next this many hellos get `unavailable` and a close with this code (CU-5, CL-1). */
  refuseHellos = 0;
  refuseCode = 1013;
  /** Control frames (FA-8) received, and what the next ones get: done (default) or an error code. */
  readonly controls: Frame[] = [];
  controlReply: "done" | "silent" | { code: string; message: string } = "done";
  /** RT-1: a hello with caps ["route"] on a socket of this URL gets a redirect to the mapped URL. */
  readonly redirects = new Map<string, string>();
  /** Merge text as a node that has TX-3..TX-7 does; off = a node from before them. */
  textCaps = false;

  accept(socket: FakeSocket): ServerConn {
    const conn: ServerConn = { socket, replica: null, name: "", role: "", welcomed: false, caps: [], received: [] };
    this.conns.push(conn);
    return conn;
  }

  receive(conn: ServerConn, frame: Frame): void {
    conn.received.push(frame);
    if (frame.t === "hello") return this.hello(conn, frame);
    if (!conn.welcomed) return this.error(conn, "bad_message", "send hello first");
    if (frame.t === "ops") return this.ops(conn, frame.batch as string, frame.ops as Op[]);
    if (frame.t === "control") return this.control(conn, frame);
    if (frame.t === "presence") {
      const out: Frame = { t: "presence", replica: conn.replica, name: conn.name, role: conn.role, cursor: frame.cursor ?? null, selection: frame.selection ?? [] };
      if (frame.text !== undefined) out.text = frame.text;
      if (frame.drag !== undefined) out.drag = frame.drag;
      return this.broadcast(conn, out);
    }
    this.error(conn, "bad_message", `unknown frame type '${frame.t}'`);
  }

  private hello(conn: ServerConn, f: Frame): void {
    if (this.refuseHellos > 0) {
      this.refuseHellos--;
      this.error(conn, "unavailable", "partitions are moving; try again");
      return conn.socket.serverClose(this.refuseCode);
    }
    const role = this.tokens.get(f.token as string);
    if (!role) return this.error(conn, "unauthorized", "unknown token");
    if (f.board !== this.board) return this.error(conn, "unknown_board", "no board with that id");
    const seated = seatOf(f.replica as string);
    if (seated !== null && (typeof f.seat !== "string" || seatId(f.seat) !== seated)) {
      return this.error(conn, "forbidden", "this replica belongs to another seat");
    }
    const caps = Array.isArray(f.caps) ? f.caps.filter((c): c is string => typeof c === "string") : [];
    const to = this.redirects.get(conn.socket.url);
    if (to !== undefined && caps.includes("route")) {
      return conn.socket.deliverThenClose({ t: "redirect", url: to, board: this.board }, 1000);
    }
    Object.assign(conn, { replica: f.replica as string, name: f.name as string, role, welcomed: true, caps });
    const peers = this.others(conn).map((c) => ({ replica: c.replica, name: c.name, role: c.role }));
    const welcome: Frame = { t: "welcome", v: 1, board: this.board, role, seq: this.seq, peers, time: this.now() };
    const merges = this.merges(conn);
    if (merges) welcome.caps = ["text"];
    if (typeof f.since === "number" && this.catchUp) {
      const ops = this.log.filter((b) => b.seq > (f.since as number)).flatMap((b) => b.ops);
      welcome.ops = merges || !this.textCaps ? ops : forPlainReader(this.items, ops);
    } else {
      welcome.snapshot = merges || !this.textCaps ? this.items.toSnapshot() : plainSnapshot(this.items);
    }
    conn.socket.deliver(welcome);
    this.broadcast(conn, { t: "presence", replica: conn.replica, name: conn.name, role: conn.role, cursor: null, selection: [] });
  }

  /** FA-8: only facilitators; a success is a node batch with its own seq. */
  private control(conn: ServerConn, f: Frame): void {
    this.controls.push(f);
    const request = f.request as string;
    if (conn.role !== "facilitator") {
      return conn.socket.deliver({ t: "error", code: "forbidden", message: "only facilitators", request });
    }
    const reply = this.controlReply;
    if (reply === "silent") return;
    if (reply !== "done") return conn.socket.deliver({ t: "error", code: reply.code, message: reply.message, request });
    // The change is a node batch: an ops frame to everyone, the sender too (FA-8).
    const seq = ++this.seq;
    this.log.push({ seq, replica: "samenbord-node", batch: request, ops: [] });
    for (const c of this.conns) if (c.welcomed) c.socket.deliver({ t: "ops", seq, ops: [] });
    conn.socket.deliver({ t: "done", request, seq });
  }

  private ops(conn: ServerConn, batch: string, ops: Op[]): void {
    const replica = conn.replica as string;
    this.opsFrames.push({ replica, batch, ops });
    if (this.rateLimitNext > 0) {
      this.rateLimitNext--;
      return this.error(conn, "rate_limited", "too many frames; resend this batch later", batch);
    }
    if (conn.role === "observer") return this.error(conn, "forbidden", "observers cannot change the board", batch);
    if (this.rejectNext) {
      const code = this.rejectNext;
      this.rejectNext = null;
      return this.error(conn, code, "rejected by the test", batch);
    }
    if (ops.some((op) => op.s[2] !== replica)) return this.error(conn, "invalid_op", "stamps must carry your own replica id", batch);
    if (ops.some((op) => op.s[0] > this.now() + 60_000)) return this.error(conn, "clock_skew", "stamp is more than 60 s ahead", batch);
    const key = `${replica}\u0000${batch}`;
    const known = this.seen.get(key);
    if (known !== undefined) return this.ack(conn, batch, known);
    let won: Op[];
    if (this.textCaps) {
      const accepted = acceptBatch(this.items, replica, ops);
      if (typeof accepted === "string") return this.error(conn, "invalid_op", accepted, batch);
      this.items = accepted.items;
      won = accepted.applied;
    } else {
      won = this.items.applyAll(ops);
    }
    if (won.length === 0) return this.ack(conn, batch, this.seq);
    const seq = ++this.seq;
    this.seen.set(key, seq);
    this.log.push({ seq, replica, batch, ops: won });
    if (this.loseFanouts > 0) this.loseFanouts--;
    else for (const c of this.others(conn)) c.socket.deliver({ t: "ops", seq, ops: this.merges(c) || !this.textCaps ? won : forPlainReader(this.items, won) });
    this.ack(conn, batch, seq);
  }

  /** TX-7: whether `conn` gets merged text as ops and states. */
  private merges(conn: ServerConn): boolean {
    return this.textCaps && conn.caps.includes("text");
  }

  private ack(conn: ServerConn, batch: string, seq: number): void {
    const send = () => conn.socket.deliver({ t: "ack", batch, seq });
    if (this.holdAcks) this.held.push(send);
    else send();
  }

  releaseAcks(): void {
    const held = this.held;
    this.held = [];
    held.forEach((send) => send());
  }

  private error(conn: ServerConn, code: string, message: string, batch?: string): void {
    conn.socket.deliver(batch === undefined ? { t: "error", code, message } : { t: "error", code, message, batch });
  }

  private others(conn: ServerConn): ServerConn[] {
    return this.conns.filter((c) => c !== conn && c.welcomed);
  }

  private broadcast(from: ServerConn, frame: Frame): void {
    for (const c of this.others(from)) c.socket.deliver(frame);
  }

  disconnect(conn: ServerConn): void {
    const at = this.conns.indexOf(conn);
    if (at < 0) return;
    this.conns.splice(at, 1);
    if (conn.welcomed) this.broadcast(conn, { t: "left", replica: conn.replica });
  }

  /** Drops the connections of `replica` (all when omitted) with `code`. */
  drop(replica?: string, code = 1006): void {
    for (const c of [...this.conns]) if (replica === undefined || c.replica === replica) c.socket.serverClose(code);
  }

  /** The connection of `replica` that is currently open. */
  conn(replica: string): ServerConn | undefined {
    return this.conns.find((c) => c.replica === replica);
  }
}

/** A small seeded PRNG (mulberry32), so jitter and ids are reproducible. */
export function seeded(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
