// Reconnects: exponential backoff with full jitter, base 250 ms, cap 10 s; URLs in turn (CL-1).
import fc from "fast-check";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { backoffDelay, socketUrl } from "../../src/sync/backoff";
import type { FakeNet } from "./fake-server";
import { setUp, startAll } from "./helpers";
import { propertySettings } from "../seeds";

let net: FakeNet;
let make: ReturnType<typeof setUp>["make"];
let tick: ReturnType<typeof setUp>["tick"];

beforeEach(() => {
  ({ net, make, tick } = setUp());
});
afterEach(() => {
  vi.useRealTimers();
});

describe("backoff", () => {
  it("doubles the ceiling from 250 ms up to the 10 s cap", () => {
    const top = () => 0.999999;
    expect([0, 1, 2, 3, 4, 5, 6, 7, 20].map((n) => backoffDelay(n, top))).toEqual([249, 499, 999, 1999, 3999, 7999, 9999, 9999, 9999]);
    expect(backoffDelay(3, () => 0)).toBe(0);
  });

  it("stays within [0, min(cap, base * 2^n)) for any random draw", () => {
    fc.assert(
      fc.property(fc.nat(100), fc.double({ min: 0, max: 1, noNaN: true }), (n, r) => {
        const d = backoffDelay(n, () => r);
        return d >= 0 && d <= Math.min(10_000, 250 * 2 ** n);
      }),
      propertySettings(20261122, 300, "backoff.test.ts"),
    );
  });

  it("maps http(s) base URLs to the socket URL", () => {
    expect(socketUrl("http://localhost:8080")).toBe("ws://localhost:8080/ws");
    expect(socketUrl("https://bord.example/app/")).toBe("wss://bord.example/app/ws");
  });

  it("reconnects with growing jittered delays, rotating URLs, and resets after a welcome", async () => {
    const a = make({ baseUrls: ["http://node-a", "https://node-b/"] });
    net.up = false;
    await a.client.start();
    for (let k = 0; k < 9; k++) await tick(10_000);
    const delays = a.client.link.delays.slice(0, 9);
    delays.forEach((d, n) => expect(d).toBeLessThanOrEqual(Math.min(10_000, 250 * 2 ** n)));
    expect(new Set(delays).size).toBe(delays.length); // jittered, not a fixed ladder
    expect(Math.max(...delays.slice(5))).toBeGreaterThan(Math.max(...delays.slice(0, 3)));
    expect(net.sockets.slice(0, 4).map((s) => s.url)).toEqual([
      "ws://node-a/ws",
      "wss://node-b/ws",
      "ws://node-a/ws",
      "wss://node-b/ws",
    ]);
    expect(a.client.status).toBe("offline");
    expect(a.statuses).toEqual(["offline"]);

    net.up = true;
    await tick(10_000);
    expect(a.client.status).toBe("connected");
    const before = a.client.link.delays.length;
    net.server.drop(a.client.replica);
    await tick();
    expect(a.client.status).toBe("offline");
    expect(a.client.link.delays.length).toBe(before + 1);
    expect(a.client.link.delays.at(-1)).toBeLessThan(250);
    await tick(250);
    expect(a.client.status).toBe("connected");
  });

  it("reconnects soon, to the next URL, after close 1012 or 1013", async () => {
    const a = make({ baseUrls: ["http://node-a", "http://node-b"] });
    await startAll(tick, a);
    net.server.drop(a.client.replica, 1012);
    await tick(250);
    expect(a.client.status).toBe("connected");
    expect(net.sockets.at(-1)?.url).toBe("ws://node-b/ws");
  });

  it("retries at once when the browser goes back online", async () => {
    const win = new EventTarget();
    vi.stubGlobal("window", win);
    try {
      const a = make({ random: () => 0.9 });
      net.up = false;
      await a.client.start();
      await tick();
      for (let k = 0; k < 6; k++) await tick(a.client.link.delays.at(-1));
      expect(a.client.link.delays.at(-1)).toBe(9_000);
      net.up = true;
      win.dispatchEvent(new Event("online"));
      await tick();
      expect(a.client.status).toBe("connected");
      a.client.stop();
    } finally {
      vi.unstubAllGlobals();
    }
  });

  it("stop() closes the socket and stops reconnecting", async () => {
    const a = make();
    await startAll(tick, a);
    a.client.stop();
    await tick(60_000);
    expect(a.client.status).toBe("offline");
    expect(net.sockets).toHaveLength(1);
    expect(net.server.conns).toHaveLength(0);
  });
});
