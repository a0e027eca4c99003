// Control requests (FA-8), the server clock (FA-2), peer roles (FA-1) and a second, lock-free
// client on the room board next to the board client of the same tab.
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { ControlError } from "../../src/sync/control";
import { readPeers } from "../../src/sync/frames";
import { replicaLockName } from "../../src/sync/ids";
import type { FakeNet } from "./fake-server";
import type { FakeLocks } from "./fake-locks";
import { setUp, startAll } from "./helpers";

let net: FakeNet;
let locks: FakeLocks;
let make: ReturnType<typeof setUp>["make"];
let tick: ReturnType<typeof setUp>["tick"];

beforeEach(() => {
  ({ net, locks, make, tick } = setUp());
});
afterEach(() => {
  vi.useRealTimers();
});

/** The settled outcome of a promise: its value, or the code of its ControlError. */
function outcome(p: Promise<number>): { value?: number; code?: string } {
  const out: { value?: number; code?: string } = {};
  p.then(
    (v) => (out.value = v),
    (e: unknown) => (out.code = e instanceof ControlError ? e.code : `not a ControlError: ${String(e)}`),
  );
  return out;
}

describe("control requests (FA-8)", () => {
  it("resolves with the seq of a done frame and sends the action with its arguments", async () => {
    const f = make({ token: "tok-f" });
    await startAll(tick, f);
    const result = outcome(f.client.control("timerStart", { seconds: 90 }));
    await tick();
    expect(result).toEqual({ value: 1 });
    const sent = net.server.controls[0]!;
    expect(sent).toMatchObject({ t: "control", action: "timerStart", seconds: 90 });
    expect(sent.request).toMatch(/^[A-Za-z0-9_.:-]{1,64}$/);
  });

  it("gives each request its own id and settles each with its own answer", async () => {
    const f = make({ token: "tok-f" });
    await startAll(tick, f);
    const one = outcome(f.client.control("timerPause"));
    const two = outcome(f.client.control("timerResume"));
    await tick();
    expect(one.value).toBe(1);
    expect(two.value).toBe(2);
    expect(new Set(net.server.controls.map((c) => c.request)).size).toBe(2);
  });

  it("arguments cannot replace the frame's own fields", async () => {
    const f = make({ token: "tok-f" });
    await startAll(tick, f);
    void f.client.control("instruction", { text: "hi", t: "ops", action: "other", request: "x" });
    await tick();
    expect(net.server.controls[0]).toMatchObject({ t: "control", action: "instruction", text: "hi" });
    expect(net.server.controls[0]!.request).not.toBe("x");
  });

  it("rejects with the error's code when the error carries the request, without an error event", async () => {
    const p = make();
    await startAll(tick, p);
    const result = outcome(p.client.control("breakoutStart", { mode: "copies", groups: [] }));
    await tick();
    expect(result).toEqual({ code: "forbidden" });
    expect(p.errors).toEqual([]);
  });

  it("rejects with bad_message and keeps the server's message", async () => {
    const f = make({ token: "tok-f" });
    await startAll(tick, f);
    net.server.controlReply = { code: "bad_message", message: "seconds must be 1..7200" };
    let error: unknown;
    f.client.control("timerStart", { seconds: 0 }).catch((e: unknown) => (error = e));
    await tick();
    expect(error).toBeInstanceOf(ControlError);
    expect((error as ControlError).code).toBe("bad_message");
    expect((error as ControlError).message).toBe("seconds must be 1..7200");
  });

  it("still reports an error for no waiting request as an error event", async () => {
    const f = make({ token: "tok-f" });
    await startAll(tick, f);
    net.server.conn(f.client.replica)!.socket.deliver({ t: "error", code: "bad_message", message: "late", request: "nobody" });
    await tick();
    expect(f.errors).toEqual([["bad_message", "late"]]);
  });

  it("rejects at once when not connected", async () => {
    const f = make({ token: "tok-f" });
    const before = outcome(f.client.control("timerStop"));
    await tick();
    expect(before).toEqual({ code: "offline" });
    expect(net.server.controls).toEqual([]);
  });

  it("rejects what is waiting when the connection drops, and when the client stops", async () => {
    const f = make({ token: "tok-f" });
    await startAll(tick, f);
    net.server.controlReply = "silent";
    const dropped = outcome(f.client.control("roundNext"));
    await tick();
    expect(dropped).toEqual({});
    net.server.drop(f.client.replica);
    await tick();
    expect(dropped).toEqual({ code: "offline" });

    await tick(10_000);
    expect(f.client.status).toBe("connected");
    const stopped = outcome(f.client.control("roundEnd"));
    await tick();
    f.client.stop();
    await tick();
    expect(stopped).toEqual({ code: "offline" });
  });

  it("ignores a done for an unknown request", async () => {
    const f = make({ token: "tok-f" });
    await startAll(tick, f);
    net.server.conn(f.client.replica)!.socket.deliver({ t: "done", request: "nobody", seq: 5 });
    await tick();
    expect(f.errors).toEqual([]);
  });
});

describe("server clock (FA-2)", () => {
  it("serverNow follows welcome.time, not the local clock", async () => {
    net.server.now = () => Date.now() + 42_000;
    const a = make({ now: () => Date.now() - 3_000 });
    await startAll(tick, a);
    expect(a.client.serverNow()).toBe(Date.now() + 42_000);
    await tick(1_000);
    expect(a.client.serverNow()).toBe(Date.now() + 42_000);
  });
});

describe("peer roles (FA-1)", () => {
  it("keeps the role of welcome and presence peers", async () => {
    const f = make({ token: "tok-f" });
    const o = make({ token: "tok-o" });
    await startAll(tick, f, o);
    const p = make();
    await startAll(tick, p);
    expect(p.client.peers.get(f.client.replica)?.role).toBe("facilitator");
    expect(p.client.peers.get(o.client.replica)?.role).toBe("observer");
    expect(f.client.peers.get(p.client.replica)?.role).toBe("participant");
  });

  it("treats a peer without a role as a participant", () => {
    expect(readPeers([{ replica: "r1", name: "An" }, { replica: "r2", name: "Bo", role: "boss" }], "me")).toEqual([
      { replica: "r1", name: "An", role: "participant", cursor: null, selection: [], text: null, drag: null },
      { replica: "r2", name: "Bo", role: "participant", cursor: null, selection: [], text: null, drag: null },
    ]);
  });
});

describe("a room client next to the board client of the same tab", () => {
  it("without locks it neither takes nor waits for the replica lock", async () => {
    const room = make({ replica: "sharedReplica1", locks: null });
    await startAll(tick, room);
    const board = make({ replica: "sharedReplica1" });
    await startAll(tick, board);
    expect(locks.requests.map((r) => r.name)).toEqual([replicaLockName("sharedReplica1")]);
    expect(locks.isHeld(replicaLockName("sharedReplica1"))).toBe(true);
    expect(room.client.status).toBe("connected");
    expect(board.client.status).toBe("connected");
    // The board client switching boards frees the lock for the next one at once.
    board.client.stop();
    await tick();
    expect(locks.isHeld(replicaLockName("sharedReplica1"))).toBe(false);
    const next = make({ replica: "sharedReplica1" });
    await startAll(tick, next);
    expect(locks.isHeld(replicaLockName("sharedReplica1"))).toBe(true);
    expect(room.client.status).toBe("connected");
  });
});
