// Issue 13 "Faults", item 9: findings about the web client's sync, each with its regression test.
// - "missing seq unnoticed": a lost ops frame went unnoticed (the Java test client saw it); the
//   client now resyncs with since = the last seq it has all of (SQ-1, SQ-2, OP-5, OP-6).
// - "1013 every 250 ms forever": close 1012/1013 always retried within 250 ms; now they back off
//   with full jitter while no welcome arrives, the first retry still fast (CL-1, CU-5).
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import type { FakeNet } from "./fake-server";
import { note, setUp, startAll } from "./helpers";

let net: FakeNet;
let make: ReturnType<typeof setUp>["make"];
let tick: ReturnType<typeof setUp>["tick"];

beforeEach(() => {
  ({ net, make, tick } = setUp());
  vi.spyOn(console, "warn").mockImplementation(() => {});
});
afterEach(() => {
  vi.restoreAllMocks();
  vi.useRealTimers();
});

/** The hellos a replica has sent, in order. */
function hellos(replica: string): Record<string, unknown>[] {
  return net.sockets.flatMap((s) => s.sent).filter((f) => f.t === "hello" && f.replica === replica);
}

describe("finding: missing seq unnoticed (SQ-1, SQ-2)", () => {
  it("resyncs with since = the last contiguous seq when an ops frame is missing", async () => {
    const writer = make();
    const reader = make();
    await startAll(tick, writer, reader);
    writer.client.change(note("n1", "one")); // seq 1 reaches the reader
    await tick();
    expect(reader.client.lastSeq).toBe(1);

    net.server.loseFanouts = 1;
    writer.client.change(note("n2", "two")); // seq 2 is lost on the way to the reader
    await tick();
    expect(reader.client.lastSeq).toBe(1);
    writer.client.change(note("n3", "three")); // seq 3 arrives: 2 is missing
    await tick(250);

    expect(reader.client.items.value("n2", "text")).toBe("two");
    expect(reader.client.items.value("n3", "text")).toBe("three");
    expect(reader.client.items.toSnapshot()).toEqual(net.server.items.toSnapshot());
    const sent = hellos(reader.client.replica);
    expect(sent).toHaveLength(2);
    expect(sent[1]!.since).toBe(1);
    expect(reader.client.status).toBe("connected");
    expect(reader.client.lastSeq).toBe(3);
    expect(reader.client.seqGaps).toBe(1);
  });

  it("does not take its own acks, or duplicates, for a gap", async () => {
    const a = make();
    const b = make();
    const f = make({ token: "tok-f" });
    await startAll(tick, a, b, f);
    for (let k = 0; k < 5; k++) {
      a.client.change(note(`a${k}`, "a")); // a sees its seq in an ack, b in an ops frame
      b.client.change(note(`b${k}`, "b"));
      void f.client.control("timerStart", { seconds: 60 }); // a node batch: an ops frame to all
      await tick();
    }
    // An old frame again (a relay may repeat one): applied again, harmlessly.
    net.server.conn(a.client.replica)!.socket.deliver({ t: "ops", seq: 2, ops: [] });
    await tick();
    for (const c of [a, b, f]) {
      expect(c.client.seqGaps).toBe(0);
      expect(c.client.lastSeq).toBe(15);
      expect(hellos(c.client.replica)).toHaveLength(1);
    }
  });
});

describe("finding: 1013 every 250 ms forever (CL-1, CU-5)", () => {
  it("backs off with full jitter on repeated 1013 without a welcome, first retry fast", async () => {
    const a = make({ random: () => 0.999 });
    await startAll(tick, a);
    net.server.refuseHellos = 8;
    net.server.drop(a.client.replica, 1013);
    for (let k = 0; k < 9; k++) await tick(10_000);
    expect(a.client.status).toBe("connected");
    const delays = a.client.link.delays.slice(0, 9);
    // The first retry stays under 250 ms; each refused hello (1013, no welcome) doubles the ceiling.
    expect(delays).toEqual([249, 499, 999, 1998, 3996, 7992, 9990, 9990, 9990]);
  });

  it("escalates on repeated 1012 too, and a welcome resets the ladder", async () => {
    const a = make({ random: () => 0.999 });
    await startAll(tick, a);
    net.server.refuseCode = 1012;
    net.server.refuseHellos = 3;
    net.server.drop(a.client.replica, 1012);
    for (let k = 0; k < 5; k++) await tick(10_000);
    expect(a.client.status).toBe("connected");
    expect(a.client.link.delays).toEqual([249, 499, 999, 1998]);

    net.server.drop(a.client.replica, 1013); // after a welcome: fast again
    await tick(250);
    expect(a.client.link.delays.at(-1)).toBe(249);
    expect(a.client.status).toBe("connected");
  });

  it("keeps the jitter full: retries spread over [0, ceiling)", async () => {
    const a = make();
    await startAll(tick, a);
    net.server.refuseHellos = 12;
    net.server.drop(a.client.replica, 1013);
    for (let k = 0; k < 13; k++) await tick(10_000);
    const delays = a.client.link.delays.slice(0, 13);
    delays.forEach((d, n) => expect(d).toBeLessThan(Math.min(10_000, 250 * 2 ** n)));
    expect(new Set(delays).size).toBe(delays.length);
    expect(Math.max(...delays.slice(6))).toBeGreaterThan(1_000);
  });
});
