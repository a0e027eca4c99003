#!/usr/bin/env node
// Load generator for the Hocuspocus side of the Samenbord benchmark (issue 6).
//
//   node load.mjs --url ws://127.0.0.1:<port> --mode load|idle|catchup|coldload
//                 --clients N --boards M --rate R --presence-hz H
//                 --warmup-s W --duration-s D --out <file.json>
//                 [--arrival even|poisson] [--connect-concurrency K] [--rounds K]
//
// Every client is one HocuspocusProvider with its own Y.Doc and its own
// WebSocket connection (the `ws` package), all in this one Node process so
// that performance.now() is a shared clock between senders and receivers.
// See README.md for the workload and how each number is measured.
import { performance, monitorEventLoopDelay, PerformanceObserver } from "node:perf_hooks";
import { writeFileSync } from "node:fs";
import { HocuspocusProvider } from "@hocuspocus/provider";
import * as decoding from "lib0/decoding";
import WS from "ws";
import * as Y from "yjs";

// ---------------------------------------------------------------- arguments

function usage(msg) {
  if (msg) process.stderr.write(`load.mjs: ${msg}\n`);
  process.stderr.write(
    "usage: node load.mjs --url ws://127.0.0.1:<port> --mode load|idle|catchup|coldload " +
      "--clients N --boards M --rate R --presence-hz H --warmup-s W --duration-s D --out file.json\n",
  );
  process.exit(2);
}

function parseArgs(argv) {
  const a = {
    url: null,
    mode: null,
    clients: 10,
    boards: 1,
    rate: 2,
    presenceHz: 0,
    warmupS: 5,
    durationS: 30,
    out: null,
    arrival: "even",
    connectConcurrency: 200,
    rounds: 5,
    receive: "auto",
  };
  const num = (k, v) => {
    const n = Number(v);
    if (!Number.isFinite(n) || n < 0) usage(`bad value for ${k}: ${v}`);
    return n;
  };
  for (let i = 0; i < argv.length; i++) {
    let k = argv[i];
    let v;
    const eq = k.indexOf("=");
    if (k.startsWith("--") && eq > 0) {
      v = k.slice(eq + 1);
      k = k.slice(0, eq);
    } else {
      v = argv[++i];
    }
    if (v === undefined) usage(`missing value for ${k}`);
    switch (k) {
      case "--url": a.url = v; break;
      case "--mode": a.mode = v; break;
      case "--clients": a.clients = Math.floor(num(k, v)); break;
      case "--boards": a.boards = Math.max(1, Math.floor(num(k, v))); break;
      case "--rate": a.rate = num(k, v); break;
      case "--presence-hz": a.presenceHz = num(k, v); break;
      case "--warmup-s": a.warmupS = num(k, v); break;
      case "--duration-s": a.durationS = num(k, v); break;
      case "--out": a.out = v; break;
      case "--arrival": a.arrival = v; break;
      case "--connect-concurrency": a.connectConcurrency = Math.max(1, Math.floor(num(k, v))); break;
      case "--rounds": a.rounds = Math.max(1, Math.floor(num(k, v))); break;
      case "--receive": a.receive = v; break;
      default: usage(`unknown argument ${k}`);
    }
  }
  if (!a.url || !/^wss?:\/\//.test(a.url)) usage("--url ws://host:port is required");
  if (!["load", "idle", "catchup", "coldload"].includes(a.mode)) usage("--mode must be load, idle, catchup or coldload");
  if (!a.out) usage("--out is required");
  if (!["even", "poisson"].includes(a.arrival)) usage("--arrival must be even or poisson");
  if (!["apply", "scan", "auto"].includes(a.receive)) usage("--receive must be apply, scan or auto");
  if (a.mode === "load" || a.mode === "idle" || a.mode === "catchup") {
    if (a.clients < 1) usage("--clients must be >= 1");
  }
  return a;
}

const args = parseArgs(process.argv.slice(2));

// How receivers take in other clients' changes (see the Client constructor and
// README): "apply" integrates them into each client's Y.Doc like a real client
// (observeDeep), "scan" reads them off the socket and scans them for stamps.
// auto: apply unless this one process would have to take in more than
// AUTO_SCAN_ABOVE remote messages (others' batches + presence) per second; at
// roughly 0.1-0.3 ms of CPU per integrated update that would use most of a core
// on this 2-core machine, CPU the server under test needs.
const AUTO_SCAN_ABOVE = 5000;
const expectedRemoteBatchesPerS = (() => {
  const perBoard = Math.ceil(args.clients / args.boards);
  if (args.mode === "load") return Math.round(args.clients * (args.rate + args.presenceHz) * Math.max(0, perBoard - 1));
  if (args.mode === "idle") return Math.round(args.clients * 0.1 * Math.max(0, perBoard - 1));
  return 0;
})();
const RECEIVE = args.receive !== "auto" ? args.receive
  : expectedRemoteBatchesPerS > AUTO_SCAN_ABOVE ? "scan" : "apply";

// ---------------------------------------------------------------- helpers

const sleep = (ms) => new Promise((r) => setTimeout(r, ms));
const now = () => performance.now();
const T0 = now();
const log = (msg) => process.stderr.write(`[hocus-load ${((now() - T0) / 1000).toFixed(1)}s] ${msg}\n`);

// Whole run must end within warmup + duration + 60 s: leave a margin for exit.
const HARD_LIMIT_MS = (args.warmupS + args.durationS + 60) * 1000 - 3000;
const DEADLINE = T0 + HARD_LIMIT_MS;
const watchdog = setTimeout(() => {
  process.stderr.write(`load.mjs: hard time limit of ${(HARD_LIMIT_MS / 1000).toFixed(0)} s reached, giving up\n`);
  process.exit(3);
}, HARD_LIMIT_MS);
watchdog.unref();
const remainingMs = () => DEADLINE - now();

/** Growable array of doubles; exact percentiles by sorting at the end. */
class Samples {
  constructor(initial = 1 << 12) { this.a = new Float64Array(initial); this.n = 0; }
  /** 1-based read (used as seq -> send time). */
  get(seq) { return seq >= 1 && seq <= this.n ? this.a[seq - 1] : undefined; }
  add(v) {
    if (this.n === this.a.length) {
      const b = new Float64Array(this.a.length * 2);
      b.set(this.a);
      this.a = b;
    }
    this.a[this.n++] = v;
  }
  summary() {
    if (this.n === 0) return { p50: null, p99: null, max: null, count: 0 };
    const s = this.a.slice(0, this.n).sort();
    // nearest-rank percentile: the smallest sample with at least p*n samples <= it
    const pct = (p) => s[Math.min(this.n - 1, Math.max(0, Math.ceil(p * this.n) - 1))];
    const r = (v) => Math.round(v * 1000) / 1000;
    return { p50: r(pct(0.5)), p99: r(pct(0.99)), max: r(s[this.n - 1]), count: this.n };
  }
}

function median(xs) {
  const s = xs.filter((x) => x != null).sort((a, b) => a - b);
  if (s.length === 0) return null;
  const m = s.length >> 1;
  return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
}

const rnd = (n) => Math.floor(Math.random() * n);
const ZONES = ["todo", "doing", "done", "parked"];
const WORDS = ["idee", "actie", "vraag", "risico", "klant", "team", "planning", "budget", "review",
  "workshop", "doel", "probleem", "kans", "prototype", "feedback", "sprint", "board", "notitie"];
/** ~80 characters of text (76..84). */
function text80() {
  let s = "";
  const target = 76 + rnd(9);
  while (s.length < target) s += (s ? " " : "") + WORDS[rnd(WORDS.length)];
  return s.slice(0, target);
}

// ---------------------------------------------------------------- shared state

const stats = {
  fanout: new Samples(),
  ack: new Samples(),
  measureFrom: Infinity, // performance.now() window [measureFrom, measureTo)
  measureTo: Infinity,
  sentInWindow: 0,
  expectedDeliveries: 0, // sum over batches sent in the window of (clients on the board - 1)
  sentTotal: 0,
  errorsInWindow: 0,
  errorsTotal: 0,
  errorKinds: {},
};
const inWindow = (t) => t >= stats.measureFrom && t < stats.measureTo;
function countError(kind, t = now()) {
  stats.errorsTotal++;
  stats.errorKinds[kind] = (stats.errorKinds[kind] ?? 0) + 1;
  if (inWindow(t)) stats.errorsInWindow++;
}

/**
 * The provider removes its listeners when it is destroyed; a socket that was
 * still connecting then emits "error" with no listener, which would crash the
 * process. Keep one no-op listener on every socket.
 */
class WebSocket extends WS {
  constructor(url, protocols) {
    super(url, protocols);
    this.on("error", () => {});
  }
}

const clientsByIdx = [];
const boardPeers = new Map(); // board -> connected clients (load mode)
const recvCount = { updates: 0, presence: 0, other: 0 }; // scan mode: messages by kind

/** Calls fn(sender, seq) for every "#<sender>-<seq>:" in the bytes (no allocation). */
function scanStamps(bytes, fn) {
  const n = bytes.length;
  for (let i = bytes.indexOf(0x23); i !== -1 && i < n; i = bytes.indexOf(0x23, i + 1)) {
    let j = i + 1;
    let sender = 0;
    let digits = 0;
    while (j < n && bytes[j] >= 0x30 && bytes[j] <= 0x39) { sender = sender * 10 + bytes[j++] - 0x30; digits++; }
    if (digits === 0 || j >= n || bytes[j] !== 0x2d) continue; // '-'
    j++;
    let seq = 0;
    digits = 0;
    while (j < n && bytes[j] >= 0x30 && bytes[j] <= 0x39) { seq = seq * 10 + bytes[j++] - 0x30; digits++; }
    if (digits === 0 || j >= n || bytes[j] !== 0x3a) continue; // ':'
    fn(sender, seq);
    i = j;
  }
}

const loopDelay = monitorEventLoopDelay({ resolution: 10 });
loopDelay.enable();
let gcMs = 0;
new PerformanceObserver((list) => { for (const e of list.getEntries()) gcMs += e.duration; }).observe({ entryTypes: ["gc"] });
const cpu0 = process.cpuUsage();

// ---------------------------------------------------------------- client

class Client {
  constructor(idx, board, { onReady } = {}) {
    this.idx = idx;
    this.key = `c${idx}`;
    this.board = board;
    this.seq = 0;
    this.ownNotes = []; // ids of notes this client created
    this.ready = false; // synced and the server acked our initial sync step 2
    this.everReady = false;
    this.closed = false;
    this.ackFifo = []; // send times of un-acked transactions, oldest first
    this.ackHead = 0;
    this.tracking = false; // FIFO in step with provider.unsyncedChanges
    this.lastUnsynced = 0;
    this.onReady = onReady;
    this.timers = []; // presence timers
    this.sendTimes = new Samples(16); // seq -> performance.now() of the transact (seq 1 at index 0)
    clientsByIdx[idx] = this;
    this.batchTimer = null;

    this.doc = new Y.Doc();
    this.notes = this.doc.getMap("notes");
    this.progress = this.doc.getMap("progress"); // catchup mode only
    this.observeFanout = false;

    // Fan-out. Every batch writes a stamp "#<sender>-<seq>:<time>" into the
    // note it touches. Two ways to see other clients' batches arrive:
    //  apply: the provider integrates every update into this client's Y.Doc and
    //         observeDeep on "notes" reads the stamps of remote transactions.
    //  scan:  after the initial sync, incoming document updates and presence
    //         are read off the socket and decoded up to the update bytes, which
    //         are scanned for stamps, but not integrated (see README).
    // In both, one sender's batches arrive in order, so seeing seq k of a
    // sender means all its earlier seqs have arrived too (when the server
    // merges two batches that touch one note, apply mode only sees the later
    // stamp): we record one sample for every seq between the last one seen
    // from that sender and k, with the send time from the sender's log.
    this.lastSeen = new Map(); // sender idx -> highest seq observed
    this.notes.observeDeep((events, txn) => {
      if (!this.observeFanout || txn.local) return; // only remote changes
      const t = now();
      for (const ev of events) {
        if (ev.target === this.notes) {
          for (const key of ev.keysChanged) {
            const m = this.notes.get(key);
            if (m instanceof Y.Map) this.sampleStamp(m.get("t"), t);
          }
        } else if (ev.keysChanged.has("t")) {
          this.sampleStamp(ev.target.get("t"), t);
        }
      }
    });

    this.provider = new HocuspocusProvider({
      url: args.url,
      name: `board-${board}`,
      document: this.doc,
      WebSocketPolyfill: WebSocket,
    });
    const p = this.provider;
    // Load-generator economy, no change on the wire: with 300 clients on one
    // board this process applies every update 299 times, so drop the work the
    // provider does for listeners we do not have.
    // (1) Y.Doc encodes every transaction as an update message whenever an
    // "update" listener exists; the provider's listener ignores remote ones.
    // We attach it only around our own transactions (see batch()).
    this.doc.off("update", p.boundDocumentUpdateHandler);
    // (2) The provider re-emits every awareness change with an array of all
    // states on the board (O(board size) per presence message); nobody listens.
    for (const name of ["update", "change"]) {
      for (const f of [...(p.awareness._observers.get(name) ?? [])]) {
        if (f !== p.boundAwarenessUpdateHandler) p.awareness.off(name, f);
      }
    }
    if (RECEIVE === "scan") {
      this.providerOnMessage = p.onMessage.bind(p);
      p.onMessage = (event) => this.onMessageScan(event);
    }
    p.on("synced", () => this.checkReady());
    p.on("unsyncedChanges", ({ number }) => this.onUnsynced(number));
    p.on("close", ({ event }) => {
      this.ready = false;
      this.tracking = false;
      this.ackFifo = [];
      this.ackHead = 0;
      if (!this.closed && !this.expectClose) countError(`close:${event?.code ?? "?"}`);
    });
    p.on("authenticationFailed", () => countError("authenticationFailed"));
    p.configuration.websocketProvider.on("maxAttemptsFailed", () => countError("maxAttemptsFailed"));
  }

  sampleStamp(stamp, t) {
    if (typeof stamp !== "string") return;
    const dash = stamp.indexOf("-");
    const colon = stamp.indexOf(":", dash);
    this.sample(Number(stamp.slice(1, dash)), Number(stamp.slice(dash + 1, colon)), t);
  }

  sample(senderIdx, seq, t) {
    if (senderIdx === this.idx) return; // the server echoes our own updates to us
    const sender = clientsByIdx[senderIdx];
    const last = this.lastSeen.get(senderIdx) ?? 0;
    if (!sender || seq <= last) return;
    this.lastSeen.set(senderIdx, seq);
    for (let s = last + 1; s <= seq; s++) {
      const sent = sender.sendTimes.get(s);
      if (sent !== undefined && inWindow(sent)) stats.fanout.add(t - sent);
    }
  }

  /** scan mode: replaces provider.onMessage for this client. */
  onMessageScan(event) {
    if (this.ready) {
      const data = new Uint8Array(event.data);
      const dec = decoding.createDecoder(data);
      decoding.readVarString(dec); // document name
      const type = decoding.readVarUint(dec);
      if (type === 1) { recvCount.presence++; return; } // presence of others: read off the socket, not applied
      if (type === 0) {
        const pos = dec.pos;
        if (decoding.readVarUint(dec) === 2) { // sync "update" = a broadcast of others' changes
          const update = decoding.readVarUint8Array(dec);
          recvCount.updates++;
          if (this.observeFanout) {
            const t = now();
            scanStamps(update, (sender, seq) => this.sample(sender, seq, t));
          }
          return;
        }
        dec.pos = pos;
      }
    }
    recvCount.other++;
    if (process.env.HOCUS_DEBUG) {
      const d = decoding.createDecoder(new Uint8Array(event.data));
      decoding.readVarString(d);
      const ty = decoding.readVarUint(d);
      const k = `t${ty}${ty === 0 ? "." + decoding.readVarUint(d) : ""}${this.ready ? "" : "-notready"}`;
      recvCount[k] = (recvCount[k] ?? 0) + 1;
    }
    this.providerOnMessage(event); // sync handshake, acks (sync status), auth, ...
  }

  checkReady() {
    if (!this.ready && this.provider.synced && this.provider.unsyncedChanges === 0) {
      this.ready = true;
      this.tracking = true;
      this.ackFifo = [];
      this.ackHead = 0;
      this.lastUnsynced = 0;
      if (!this.everReady) {
        this.everReady = true;
        this.onReady?.(this);
      }
    }
  }

  onUnsynced(number) {
    const delta = number - this.lastUnsynced;
    this.lastUnsynced = number;
    if (!this.ready) {
      if (number === 0) this.checkReady();
      return;
    }
    if (delta >= 0 || !this.tracking) return;
    const t = now();
    for (let k = 0; k < -delta && this.ackHead < this.ackFifo.length; k++) {
      const sent = this.ackFifo[this.ackHead++];
      if (inWindow(sent)) stats.ack.add(t - sent);
    }
    if (this.ackHead > 1024 && this.ackHead * 2 > this.ackFifo.length) {
      this.ackFifo = this.ackFifo.slice(this.ackHead);
      this.ackHead = 0;
    }
  }

  get pendingAcks() { return this.ackFifo.length - this.ackHead; }

  /** One batch = one transaction. kind: "move" | "edit" | "create" | "vote" | undefined (random mix). */
  batch(kind) {
    if (!this.ready) return false;
    if (kind === undefined) {
      const r = Math.random();
      kind = r < 0.5 ? "move" : r < 0.8 ? "edit" : r < 0.95 ? "create" : "vote";
    }
    if (kind !== "create" && this.ownNotes.length === 0) kind = "create";
    const seq = ++this.seq;
    const t = now();
    const stamp = `#${this.idx}-${seq}:${t.toFixed(3)}`;
    if (this.tracking) this.ackFifo.push(t);
    this.sendTimes.add(t);
    this.doc.on("update", this.provider.boundDocumentUpdateHandler);
    try {
    this.doc.transact(() => {
      if (kind === "create") {
        const id = `n-${this.idx}-${seq}`;
        this.notes.set(id, new Y.Map([
          ["kind", "note"],
          ["text", text80()],
          ["zone", ZONES[rnd(ZONES.length)]],
          ["x", rnd(4000)],
          ["y", rnd(3000)],
          ["t", stamp],
        ]));
        this.ownNotes.push(id);
      } else {
        const note = this.notes.get(this.ownNotes[rnd(this.ownNotes.length)]);
        if (kind === "move") {
          note.set("x", rnd(4000));
          note.set("y", rnd(3000));
        } else if (kind === "edit") {
          note.set("text", text80());
        } else {
          note.set(`vote:${this.key}`, rnd(100));
        }
        note.set("t", stamp);
      }
      if (this.progressOn) this.progress.set(this.key, seq);
    });
    } finally {
      this.doc.off("update", this.provider.boundDocumentUpdateHandler);
    }
    stats.sentTotal++;
    if (inWindow(t)) {
      stats.sentInWindow++;
      stats.expectedDeliveries += Math.max(0, (boardPeers.get(this.board) ?? 1) - 1);
    }
    return true;
  }

  presence() {
    if (!this.ready) return;
    this.provider.setAwarenessField("cursor", { x: rnd(4000), y: rnd(3000) });
  }

  /** Presence every 1/hz seconds, starting at a random phase. */
  startPresence(hz) {
    if (!(hz > 0)) return;
    const period = 1000 / hz;
    const t = setTimeout(() => {
      this.presence();
      this.timers.push(setInterval(() => this.presence(), period));
    }, Math.random() * period);
    this.timers.push(t);
  }

  /** Batches at `rate` per second until `until` (performance.now()). */
  startBatches(rate, until) {
    if (!(rate > 0)) return;
    const mean = 1000 / rate;
    const gap = () =>
      args.arrival === "poisson" ? -Math.log(1 - Math.random()) * mean : mean * (0.75 + 0.5 * Math.random());
    // planned times are absolute, so timer lateness does not lower the rate
    let at = now() + Math.random() * mean;
    const tick = () => {
      this.batchTimer = null;
      if (at >= until || this.closed) return;
      this.batch();
      at += gap();
      this.batchTimer = setTimeout(tick, Math.max(0, at - now()));
    };
    this.batchTimer = setTimeout(tick, Math.max(0, at - now()));
  }

  stopTimers() {
    for (const t of this.timers) { clearTimeout(t); clearInterval(t); }
    this.timers = [];
    if (this.batchTimer) clearTimeout(this.batchTimer);
    this.batchTimer = null;
  }

  destroy() {
    this.closed = true;
    this.stopTimers();
    try { this.provider.destroy(); } catch { /* ignore */ }
    try { this.doc.destroy(); } catch { /* ignore */ }
  }
}

// ---------------------------------------------------------------- phases

/**
 * Creates `n` clients (board of client i given by boardOf(i)) with at most
 * `concurrency` connections being set up at once; resolves when all are ready
 * or `budgetMs` has passed. Clients not ready by then are destroyed.
 */
async function connectAll(n, boardOf, budgetMs, firstIdx = 0) {
  const clients = [];
  let ready = 0;
  let inflight = 0;
  let created = 0;
  const start = now();
  const end = start + budgetMs;
  let wake;
  const onReady = () => { ready++; inflight--; wake?.(); };
  let lastLog = now();
  while (ready < n && now() < end) {
    if (ready === 0 && now() - start > 15000) break; // nothing works: fail fast
    while (created < n && inflight < args.connectConcurrency) {
      const i = firstIdx + created;
      clients.push(new Client(i, boardOf(created), { onReady }));
      created++;
      inflight++;
    }
    await new Promise((r) => { wake = r; setTimeout(r, 50); });
    if (now() - lastLog > 2000) {
      lastLog = now();
      log(`connecting: ${ready}/${n} synced, ${inflight} in progress`);
    }
  }
  const good = clients.filter((c) => c.everReady);
  for (const c of clients) if (!c.everReady) c.destroy();
  log(`connected ${good.length}/${n} in ${((now() - start) / 1000).toFixed(1)} s`);
  return good;
}

function progressLogger(label, clients) {
  let lastSent = 0;
  let lastFan = 0;
  let lastT = now();
  const h = setInterval(() => {
    const t = now();
    const dt = (t - lastT) / 1000;
    const ready = clients.filter((c) => c.ready).length;
    log(
      `${label}: ready ${ready}/${clients.length}, batches ${((stats.sentTotal - lastSent) / dt).toFixed(0)}/s, ` +
        `fan-out samples ${((stats.fanout.n - lastFan) / dt).toFixed(0)}/s, errors ${stats.errorsTotal}, ` +
        `client loop delay p99 ${(loopDelay.percentile(99) / 1e6).toFixed(1)} ms, ` +
        `heap ${(process.memoryUsage().heapUsed / 1048576).toFixed(0)} MB` +
        (RECEIVE === "scan" ? `, received ${JSON.stringify(recvCount)}` : ""),
    );
    loopDelay.reset();
    lastSent = stats.sentTotal;
    lastFan = stats.fanout.n;
    lastT = t;
  }, 5000);
  return () => clearInterval(h);
}

async function waitFor(cond, timeoutMs, stepMs = 20) {
  const end = now() + timeoutMs;
  while (!cond()) {
    if (now() >= end) return false;
    await sleep(stepMs);
  }
  return true;
}

const CONNECT_BUDGET_MS = () => Math.max(5000, Math.min(45000, remainingMs() - (args.warmupS + args.durationS) * 1000 - 10000));
const CONNECT_BUDGET_MS_AT_START = CONNECT_BUDGET_MS();

// ---------------------------------------------------------------- modes

async function runLoad(result) {
  const { clients: n, boards: m } = args;
  const clients = await connectAll(n, (i) => i % m, CONNECT_BUDGET_MS());
  result.connected = clients.length;
  if (clients.length === 0) throw new Error("no client reached synced");
  for (const c of clients) { c.observeFanout = true; boardPeers.set(c.board, (boardPeers.get(c.board) ?? 0) + 1); }
  const stopLog = progressLogger("load", clients);

  // warm-up: each client creates its first note, then the same workload, unmeasured
  const warmEnd = now() + args.warmupS * 1000;
  for (const c of clients) setTimeout(() => c.batch("create"), Math.random() * Math.min(500, args.warmupS * 500));
  await sleep(Math.min(500, args.warmupS * 500) + 10);
  for (const c of clients) if (c.ownNotes.length === 0) c.batch("create");
  for (const c of clients) { c.startPresence(args.presenceHz); c.startBatches(args.rate, warmEnd); }
  await sleep(Math.max(0, warmEnd - now()));

  // measured window
  stats.measureFrom = now();
  stats.measureTo = stats.measureFrom + args.durationS * 1000;
  for (const c of clients) { c.stopTimers(); c.startPresence(args.presenceHz); c.startBatches(args.rate, stats.measureTo); }
  log(`measuring for ${args.durationS} s`);
  await sleep(args.durationS * 1000);
  for (const c of clients) c.stopTimers();
  // drain: late deliveries and acks of batches sent inside the window
  const drainMs = Math.max(0, Math.min(30000, remainingMs() - 8000));
  const drained = await waitFor(
    () => stats.fanout.n >= stats.expectedDeliveries && clients.every((c) => !c.ready || c.pendingAcks === 0),
    drainMs,
  );
  if (!drained) log(`warning: not everything arrived within the drain time (${(drainMs / 1000).toFixed(0)} s)`);
  log(`window: ${stats.sentInWindow} batches sent, ${stats.ack.n} acked, ` +
    `${stats.fanout.n} of ${stats.expectedDeliveries} expected deliveries arrived`);
  stopLog();
  if (RECEIVE === "apply") checkConvergence(clients);
  result.fanout_ms = stats.fanout.summary();
  result.ack_ms = stats.ack.summary();
  result.batches_per_s = round3(stats.sentInWindow / args.durationS);
  result.deliveries_per_s = round3(stats.fanout.n / args.durationS);
  result.errors = stats.errorsInWindow;
  return clients;
}

async function runIdle(result) {
  const { clients: n, boards: m } = args;
  // Many idle connections can take long to open: connecting may also use the
  // warm-up time (what is left of W afterwards is still waited).
  const t0 = now();
  const clients = await connectAll(n, (i) => i % m, Math.min(CONNECT_BUDGET_MS() + args.warmupS * 1000, remainingMs() - args.durationS * 1000 - 10000));
  result.connected = clients.length;
  if (clients.length === 0) throw new Error("no client reached synced");
  const stopLog = progressLogger("idle", clients);
  for (const c of clients) c.startPresence(0.1);
  const overshoot = Math.max(0, now() - t0 - CONNECT_BUDGET_MS_AT_START);
  await sleep(Math.max(0, args.warmupS * 1000 - overshoot));
  stats.measureFrom = now();
  stats.measureTo = stats.measureFrom + args.durationS * 1000;
  log(`idle for ${args.durationS} s`);
  await sleep(args.durationS * 1000);
  stopLog();
  result.connected = clients.filter((c) => c.ready).length;
  result.errors = stats.errorsInWindow;
  return clients;
}

async function runCatchup(result) {
  const n = Math.max(1, args.clients);
  const writers = await connectAll(n, () => 0, CONNECT_BUDGET_MS());
  const [extra] = await connectAll(1, () => 0, 15000, n);
  result.connected = writers.length + (extra ? 1 : 0);
  if (writers.length === 0 || !extra) throw new Error("writers or the extra client did not reach synced");
  const all = [...writers, extra];
  for (const c of writers) c.progressOn = true;

  // warm-up: first note per writer, then the normal mix at --rate for W s
  const warmEnd = now() + args.warmupS * 1000;
  for (const c of writers) c.batch("create");
  for (const c of writers) c.startBatches(args.rate, warmEnd);
  await sleep(Math.max(0, warmEnd - now()));
  for (const c of writers) c.stopTimers();
  await waitFor(() => writers.every((c) => c.pendingAcks === 0), 5000);

  // extra client: count writers whose progress counter reached the target
  let target = new Map();
  let satisfied = 0;
  const isDone = (w) => (extra.progress.get(w.key) ?? 0) >= target.get(w.key);
  const done = new Set();
  let onDone = null;
  extra.progress.observe((ev) => {
    for (const k of ev.keysChanged) {
      if (target.has(k) && !done.has(k) && (extra.progress.get(k) ?? 0) >= target.get(k)) {
        done.add(k);
        satisfied++;
      }
    }
    if (satisfied === target.size) onDone?.();
  });

  const times = [];
  const stopLog = progressLogger("catchup", all);
  stats.measureFrom = now();
  stats.measureTo = Infinity;
  for (let round = 1; round <= args.rounds; round++) {
    if (remainingMs() < 45000) { log(`stopping after ${round - 1} rounds: time budget`); break; }
    extra.expectClose = true; // this close is intended, not an error
    extra.provider.disconnect();
    const down = await waitFor(() => extra.provider.configuration.websocketProvider.status === "disconnected", 5000);
    if (!down) throw new Error("extra client did not disconnect");
    // 1,000 changes by the writers, round-robin, in chunks so sockets get flushed
    const CHANGES = 1000;
    for (let k = 0; k < CHANGES; k++) {
      const w = writers[k % writers.length];
      if (!w.batch()) { k--; await sleep(5); if (remainingMs() < 15000) throw new Error("writers not ready"); continue; }
      if (k % 50 === 49) await new Promise((r) => setImmediate(r));
    }
    const acked = await waitFor(() => writers.every((c) => c.pendingAcks === 0), Math.min(15000, remainingMs() - 25000));
    if (!acked) log("warning: writers' changes not all acked by the server before reconnect");
    target = new Map(writers.map((w) => [w.key, w.seq]));
    done.clear();
    satisfied = 0;
    for (const w of writers) if (isDone(w)) { done.add(w.key); satisfied++; }
    if (satisfied === target.size) throw new Error("extra client already had the changes while disconnected");
    const finished = new Promise((r) => { onDone = r; });
    const t0 = now();
    extra.expectClose = false;
    extra.provider.connect();
    const ok = await Promise.race([finished, sleep(Math.max(1000, Math.min(20000, remainingMs() - 8000))).then(() => false)]);
    onDone = null;
    if (ok === false) { log(`round ${round}: extra client did not catch up in time`); times.push(null); continue; }
    const ms = now() - t0;
    times.push(ms);
    log(`round ${round}: catch-up of 1000 changes in ${ms.toFixed(1)} ms`);
    await waitFor(() => extra.ready, Math.min(5000, remainingMs() - 8000));
  }
  stopLog();
  result.catchup_ms = round3(median(times));
  result.errors = stats.errorsInWindow;
  log(`catch-up rounds (ms): ${times.map((t) => (t == null ? "timeout" : t.toFixed(1))).join(", ")}`);
  return all;
}

async function runColdload(result) {
  const NOTES = 2000;
  const board = "cold";
  const [filler] = await connectAll(1, () => board, 15000);
  if (!filler) throw new Error("filler client did not reach synced");
  let connected = 1;
  // fill: 2,000 create transactions (kind, text, zone, x, y; plus the stamp t)
  for (let k = 0; k < NOTES; k++) {
    filler.batch("create");
    if (k % 100 === 99) await new Promise((r) => setImmediate(r));
  }
  const acked = await waitFor(() => filler.pendingAcks === 0, 20000);
  if (!acked) throw new Error("the server did not ack the 2,000 notes");
  log(`board filled with ${filler.notes.size} notes`);
  await sleep(Math.min(args.warmupS * 1000, 2000));

  const times = [];
  stats.measureFrom = now();
  stats.measureTo = Infinity;
  for (let round = 1; round <= args.rounds; round++) {
    if (remainingMs() < 20000) { log(`stopping after ${round - 1} rounds: time budget`); break; }
    const t0 = now();
    let joiner;
    const ok = await new Promise((resolve) => {
      const to = setTimeout(() => resolve(false), 15000);
      joiner = new Client(100000 + round, board);
      const check = () => {
        if (joiner.provider.synced && joiner.notes.size >= NOTES) { clearTimeout(to); resolve(true); }
      };
      joiner.provider.on("synced", check);
      joiner.notes.observe(check);
    });
    const ms = now() - t0;
    if (ok) { connected++; times.push(ms); log(`round ${round}: new client synced ${joiner.notes.size} notes in ${ms.toFixed(1)} ms`); }
    else { times.push(null); log(`round ${round}: new client did not get ${NOTES} notes within 15 s`); }
    joiner.destroy();
    await sleep(300);
  }
  result.connected = connected;
  result.coldload_ms = round3(median(times));
  result.errors = stats.errorsInWindow;
  log(`cold-load rounds (ms): ${times.map((t) => (t == null ? "timeout" : t.toFixed(1))).join(", ")}`);
  return [filler];
}

/** apply mode: every client of a board should hold the same document by now. */
function checkConvergence(clients) {
  const byBoard = new Map();
  for (const c of clients) {
    if (!c.ready) continue;
    const sv = Buffer.from(Y.encodeStateVector(c.doc)).toString("base64");
    const k = `${c.board}`;
    if (!byBoard.has(k)) byBoard.set(k, new Map());
    const m = byBoard.get(k);
    m.set(sv, (m.get(sv) ?? 0) + 1);
  }
  const diverged = [...byBoard.entries()].filter(([, m]) => m.size > 1);
  if (diverged.length === 0) log(`convergence: all clients of each of the ${byBoard.size} boards hold the same document state`);
  else log(`convergence: ${diverged.length} of ${byBoard.size} boards have clients with different document states at the end (late updates?)`);
}

function round3(v) {
  return v == null ? null : Math.round(v * 1000) / 1000;
}

// ---------------------------------------------------------------- main

async function main() {
  const result = {
    system: "hocuspocus",
    mode: args.mode,
    clients: args.clients,
    connected: 0,
    fanout_ms: null,
    ack_ms: null,
    batches_per_s: null,
    deliveries_per_s: null,
    errors: 0,
    catchup_ms: null,
    coldload_ms: null,
  };
  log(`mode ${args.mode}: ${args.clients} clients, ${args.boards} boards, rate ${args.rate}/s, presence ${args.presenceHz} Hz, ` +
    `warm-up ${args.warmupS} s, duration ${args.durationS} s, url ${args.url}, receive ${RECEIVE}` +
    (args.receive === "auto" ? ` (auto: ~${expectedRemoteBatchesPerS} remote messages/s to take in)` : ""));
  const run = { load: runLoad, idle: runIdle, catchup: runCatchup, coldload: runColdload }[args.mode];
  const clients = await run(result);
  writeFileSync(args.out, JSON.stringify(result, null, 2) + "\n");
  const cpu = process.cpuUsage(cpu0);
  log(`wrote ${args.out}; errors in window ${stats.errorsInWindow}, total ${stats.errorsTotal} ${JSON.stringify(stats.errorKinds)}; ` +
    `load generator: cpu ${((cpu.user + cpu.system) / 1e6).toFixed(1)} s, gc ${(gcMs / 1000).toFixed(1)} s, receive ${RECEIVE}`);
  process.stdout.write(JSON.stringify(result) + "\n");
  // close the connections politely, bounded in time
  for (const c of clients) c.destroy();
  await sleep(Math.min(1000, Math.max(0, remainingMs())));
  process.exit(0);
}

main().catch((e) => {
  process.stderr.write(`load.mjs: ${e?.stack ?? e}\n`);
  process.exit(1);
});
