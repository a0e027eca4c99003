// The nodes a board client may fail over to: the cluster members' public URLs from
// GET /api/nodes, behind the page's own origin. The page opens on its origin at once; the list
// only matters once that node dies, so it is fetched alongside and added when it arrives.

/** How long GET /api/nodes may take before the client keeps to its own origin. */
export const NODES_TIMEOUT_MS = 5_000;
/** More entries than any real cluster: a longer list is cut, not trusted blindly. */
const MAX_NODES = 32;

const LOOPBACK = /^(localhost|127(\.\d{1,3}){3}|\[::1\])$/i;

/**
 * `http(s)://host[:port][/path]` without a trailing slash, query or fragment; null if not such a
 * URL. With `base`, a path (`/n/node2`: a node behind the load balancer, RT-1) is resolved against it.
 */
export function normaliseUrl(raw: unknown, base?: string): string | null {
  if (typeof raw !== "string") return null;
  if (raw.startsWith("//")) return null;
  let u: URL;
  try {
    u = base !== undefined && raw.startsWith("/") ? new URL(raw, base) : new URL(raw);
  } catch {
    return null;
  }
  if (u.protocol !== "http:" && u.protocol !== "https:") return null;
  return u.origin + u.pathname.replace(/\/+$/, "");
}

/** Same node: equal URLs, or two loopback names (localhost, 127.0.0.1) with the same scheme, port and path. */
export function sameNode(a: string, b: string): boolean {
  if (a === b) return true;
  const x = new URL(a);
  const y = new URL(b);
  return LOOPBACK.test(x.hostname) && LOOPBACK.test(y.hostname)
    && x.protocol === y.protocol && x.port === y.port && x.pathname === y.pathname;
}

/** `origin` first, then the other nodes of a /api/nodes body (paths resolved against `origin`); anything malformed is skipped. */
export function nodeList(origin: string, body: unknown): string[] {
  const own = normaliseUrl(origin) ?? origin;
  const urls = [own];
  const listed = (body as { nodes?: unknown } | null)?.nodes;
  if (!Array.isArray(listed)) return urls;
  for (const raw of listed.slice(0, MAX_NODES)) {
    const url = normaliseUrl(raw, own);
    if (url !== null && !urls.some((known) => sameNode(known, url))) urls.push(url);
  }
  return urls;
}

/** The node list from `origin`'s GET /api/nodes; just `[origin]` when that fails in any way. */
export async function fetchNodeUrls(
  origin: string,
  fetchImpl: typeof fetch = fetch,
  timeoutMs: number = NODES_TIMEOUT_MS,
): Promise<string[]> {
  try {
    const res = await fetchImpl(`${origin.replace(/\/+$/, "")}/api/nodes`, { signal: AbortSignal.timeout(timeoutMs) });
    if (!res.ok) return nodeList(origin, null);
    return nodeList(origin, await res.json());
  } catch {
    return nodeList(origin, null);
  }
}

/**
 * Adds the other cluster nodes to `baseUrls` (a client's live list, origin first) when
 * /api/nodes answers; the client reads the list on every connect attempt.
 */
export async function addClusterNodes(baseUrls: string[], fetchImpl: typeof fetch = fetch): Promise<void> {
  const origin = baseUrls[0];
  if (origin === undefined) return;
  const all = await fetchNodeUrls(origin, fetchImpl);
  for (const url of all) if (!baseUrls.some((known) => sameNode(normaliseUrl(known) ?? known, url))) baseUrls.push(url);
}

/** A live node list for a new client: `[origin]` now, the other cluster nodes once known. */
export function clusterBaseUrls(origin: string, fetchImpl: typeof fetch = fetch): string[] {
  const urls = [origin];
  void addClusterNodes(urls, fetchImpl);
  return urls;
}
