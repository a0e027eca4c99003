// Failover (CL-1): when the node a client is on dies, the client reconnects to another node of
// its list, including nodes added to the list after it started (nodes.ts).
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
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

/** The node of `url` dies: its sockets close without a close frame and it refuses new ones. */
function kill(url: string): void {
  net.down.add(url);
  for (const c of [...net.server.conns]) if (c.socket.url === url) c.socket.serverClose(1006);
}

describe("failover", () => {
  it("moves on past dead nodes to a live one and sends what was typed meanwhile", async () => {
    const a = make({ baseUrls: ["http://node-a", "http://node-b", "http://node-c"] });
    await startAll(tick, a);
    expect(net.sockets.at(-1)?.url).toBe("ws://node-a/ws");
    kill("ws://node-a/ws");
    net.down.add("ws://node-b/ws");
    await tick();
    expect(a.client.status).toBe("offline");
    a.client.change(note("n1", "na de crash"));
    for (let k = 0; k < 4 && a.client.status !== "connected"; k++) await tick(10_000);
    expect(a.client.status).toBe("connected");
    expect(net.sockets.map((s) => s.url)).toEqual(["ws://node-a/ws", "ws://node-b/ws", "ws://node-c/ws"]);
    expect(net.server.items.value("n1", "text")).toBe("na de crash");
  });

  it("uses nodes added to the list after it started", async () => {
    const urls = ["http://node-a"];
    const a = make({ baseUrls: urls });
    await startAll(tick, a);
    urls.push("http://node-b");
    kill("ws://node-a/ws");
    await tick();
    expect(a.client.status).toBe("offline");
    for (let k = 0; k < 4 && a.client.status !== "connected"; k++) await tick(10_000);
    expect(a.client.status).toBe("connected");
    expect(net.sockets.at(-1)?.url).toBe("ws://node-b/ws");
  });
});
