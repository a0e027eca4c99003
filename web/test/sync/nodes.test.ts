// The node list for failover: GET /api/nodes on the own origin, origin first, never blocking.
import { describe, expect, it, vi } from "vitest";
import { clusterBaseUrls, fetchNodeUrls, nodeList, sameNode } from "../../src/sync/nodes";

const ORIGIN = "http://127.0.0.1:8081";

function answering(status: number, body: unknown): typeof fetch {
  return vi.fn(async () => new Response(typeof body === "string" ? body : JSON.stringify(body), { status })) as unknown as typeof fetch;
}

describe("node list", () => {
  it("puts the own origin first, then the other nodes, trailing slashes gone", async () => {
    const f = answering(200, { nodes: ["http://localhost:8081", "http://localhost:8082/", "https://b.example/app//"] });
    expect(await fetchNodeUrls(ORIGIN, f)).toEqual([ORIGIN, "http://localhost:8082", "https://b.example/app"]);
    expect(f).toHaveBeenCalledOnce();
    const [url, init] = (f as unknown as ReturnType<typeof vi.fn>).mock.calls[0] as [string, RequestInit];
    expect(url).toBe(`${ORIGIN}/api/nodes`);
    expect(init.headers).toBeUndefined(); // no token needed
  });

  it("drops the origin and duplicates, also under another loopback name on the same port", () => {
    const body = { nodes: ["http://localhost:8082", "http://127.0.0.1:8081/", "http://localhost:8082/", "http://[::1]:8081", "http://localhost:8083"] };
    expect(nodeList(ORIGIN, body)).toEqual([ORIGIN, "http://localhost:8082", "http://localhost:8083"]);
    expect(nodeList("https://bord.example", { nodes: ["https://bord.example/", "https://node2.example"] }))
      .toEqual(["https://bord.example", "https://node2.example"]);
  });

  it("tells loopback names apart by port and scheme, other hosts by name", () => {
    expect(sameNode("http://localhost:8081", "http://127.0.0.1:8081")).toBe(true);
    expect(sameNode("http://localhost:8081", "http://127.0.0.1:8082")).toBe(false);
    expect(sameNode("http://localhost:8081", "https://127.0.0.1:8081")).toBe(false);
    expect(sameNode("http://a.example:8081", "http://b.example:8081")).toBe(false);
  });

  it("skips entries that are not http(s) URLs", () => {
    const body = { nodes: [42, null, "not a url", "javascript:alert(1)", "ws://localhost:9000", "http://localhost:8082"] };
    expect(nodeList(ORIGIN, body)).toEqual([ORIGIN, "http://localhost:8082"]);
  });

  it("CU-7, RT-1: resolves node paths on the load balancer (/n/node2) against the origin; no protocol-relative hosts", () => {
    const body = { nodes: ["/n/node1", "/n/node2/", "//evil.example/x", "/n/node1"] };
    expect(nodeList("https://bord.example", body)).toEqual(["https://bord.example", "https://bord.example/n/node1", "https://bord.example/n/node2"]);
  });

  it("falls back to the origin alone on garbage, an HTTP error, a network error or a timeout", async () => {
    expect(await fetchNodeUrls(ORIGIN, answering(200, "<html>not json"))).toEqual([ORIGIN]);
    expect(await fetchNodeUrls(ORIGIN, answering(200, { nodes: "http://localhost:8082" }))).toEqual([ORIGIN]);
    expect(await fetchNodeUrls(ORIGIN, answering(200, null))).toEqual([ORIGIN]);
    expect(await fetchNodeUrls(ORIGIN, answering(200, ["http://localhost:8082"]))).toEqual([ORIGIN]);
    expect(await fetchNodeUrls(ORIGIN, answering(500, { nodes: ["http://localhost:8082"] }))).toEqual([ORIGIN]);
    const refused = vi.fn(async () => Promise.reject(new TypeError("Failed to fetch"))) as unknown as typeof fetch;
    expect(await fetchNodeUrls(ORIGIN, refused)).toEqual([ORIGIN]);
    const hanging = ((_url: string, init: RequestInit) =>
      new Promise((_resolve, reject) => init.signal?.addEventListener("abort", () => reject(init.signal?.reason)))) as unknown as typeof fetch;
    expect(await fetchNodeUrls(ORIGIN, hanging, 20)).toEqual([ORIGIN]);
  });

  it("gives a client its origin at once and adds the other nodes when they are known", async () => {
    let answer!: (r: Response) => void;
    const f = (() => new Promise<Response>((resolve) => (answer = resolve))) as unknown as typeof fetch;
    const urls = clusterBaseUrls(ORIGIN, f);
    expect(urls).toEqual([ORIGIN]);
    answer(new Response(JSON.stringify({ nodes: ["http://localhost:8081", "http://localhost:8082"] })));
    await vi.waitFor(() => expect(urls).toEqual([ORIGIN, "http://localhost:8082"]));
  });
});
