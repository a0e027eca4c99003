// Routing (RT-1, RT-2): a node that does not own the board sends a client that asked for it
// ("route" in the hello's caps) to the owner; the client goes there at once, follows at most two
// redirects in a row, and after losing the owner goes along its node list again.
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { MAX_REDIRECTS } from "../../src/sync/connection";
import type { FakeNet } from "./fake-server";
import { note, setUp, startAll } from "./helpers";

let net: FakeNet;
let make: ReturnType<typeof setUp>["make"];
let tick: ReturnType<typeof setUp>["tick"];

beforeEach(() => {
  ({ net, make, tick } = setUp());
});
afterEach(() => {
  vi.useRealTimers();
});

function hellos(url: string): Record<string, unknown>[] {
  return net.sockets.filter((s) => s.url === url).flatMap((s) => s.sent.filter((f) => f.t === "hello"));
}

describe("routing to the board's owner", () => {
  it("RT-1: asks for a route, follows a path redirect on the load balancer's origin at once, and works there", async () => {
    net.server.redirects.set("ws://lb:8080/ws", "/n/node2");
    const a = make({ baseUrls: ["http://lb:8080"] });
    await startAll(tick, a);
    expect(a.client.status).toBe("connected");
    expect(net.sockets.map((s) => s.url)).toEqual(["ws://lb:8080/ws", "ws://lb:8080/n/node2/ws"]);
    expect(hellos("ws://lb:8080/ws")[0]?.caps).toEqual(["text", "route"]);
    a.client.change(note("n1", "bij de eigenaar"));
    await tick();
    expect(net.server.items.value("n1", "text")).toBe("bij de eigenaar");
  });

  it("RT-1: an absolute redirect is followed as given", async () => {
    net.server.redirects.set("ws://node-a/ws", "http://node-b:8081");
    const a = make({ baseUrls: ["http://node-a"] });
    await startAll(tick, a);
    expect(a.client.status).toBe("connected");
    expect(net.sockets.at(-1)?.url).toBe("ws://node-b:8081/ws");
  });

  it("RT-2: after two redirects in a row the hello goes without route and is served where it lands", async () => {
    net.server.redirects.set("ws://node-a/ws", "http://node-b");
    net.server.redirects.set("ws://node-b/ws", "http://node-c");
    net.server.redirects.set("ws://node-c/ws", "http://node-a");
    const a = make({ baseUrls: ["http://node-a"] });
    await startAll(tick, a);
    expect(a.client.status).toBe("connected");
    expect(MAX_REDIRECTS).toBe(2);
    expect(net.sockets.map((s) => s.url)).toEqual(["ws://node-a/ws", "ws://node-b/ws", "ws://node-c/ws"]);
    expect(hellos("ws://node-c/ws")[0]?.caps).toEqual(["text"]);
  });

  it("RT-2: a welcome resets the count, so a later reconnect may be routed again", async () => {
    net.server.redirects.set("ws://node-a/ws", "http://node-b");
    const a = make({ baseUrls: ["http://node-a"] });
    await startAll(tick, a);
    expect(net.sockets.at(-1)?.url).toBe("ws://node-b/ws");
    // The owner goes away: the next attempt goes along the list (node-a), which routes again.
    for (const c of [...net.server.conns]) if (c.socket.url === "ws://node-b/ws") c.socket.serverClose(1012);
    for (let k = 0; k < 4 && (a.client.status !== "connected" || net.sockets.length < 4); k++) await tick(10_000);
    expect(a.client.status).toBe("connected");
    expect(net.sockets.map((s) => s.url)).toEqual(["ws://node-a/ws", "ws://node-b/ws", "ws://node-a/ws", "ws://node-b/ws"]);
    expect(hellos("ws://node-a/ws").map((h) => h.caps)).toEqual([["text", "route"], ["text", "route"]]);
  });

  it("RT-2: redirects to a node that is down do not use up the budget: once the owner is known, the hello is routed to it", async () => {
    // node-a still names the dead old owner node-x twice, then the new owner node-b.
    net.down.add("ws://node-x/ws");
    net.server.redirects.set("ws://node-a/ws", "http://node-x");
    const a = make({ baseUrls: ["http://node-a"] });
    await startAll(tick, a);
    await tick(10_000);
    expect(net.sockets.map((s) => s.url)).toEqual(["ws://node-a/ws", "ws://node-x/ws", "ws://node-a/ws", "ws://node-x/ws"]);
    net.server.redirects.set("ws://node-a/ws", "http://node-b");
    for (let k = 0; k < 4 && a.client.status !== "connected"; k++) await tick(10_000);
    expect(a.client.status).toBe("connected");
    expect(net.sockets.at(-1)?.url).toBe("ws://node-b/ws");
    expect(hellos("ws://node-a/ws").every((h) => JSON.stringify(h.caps) === JSON.stringify(["text", "route"]))).toBe(true);
  });

  it("RT-1: a redirect that is not an http(s) URL or path is ignored; the node's close leads to an ordinary retry", async () => {
    net.server.redirects.set("ws://node-a/ws", "javascript:alert(1)");
    const a = make({ baseUrls: ["http://node-a", "http://node-b"] });
    await startAll(tick, a);
    for (let k = 0; k < 4 && a.client.status !== "connected"; k++) await tick(10_000);
    expect(a.client.status).toBe("connected");
    expect(net.sockets.map((s) => s.url)).toEqual(["ws://node-a/ws", "ws://node-b/ws"]);
  });
});
