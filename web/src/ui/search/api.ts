// The search request (server/PROTOCOL.md SE-1, SE-6): the token as a Bearer header and this tab's
// seat and replica as headers (never in the URL: the seat is a secret), so one's own private notes
// and dots count. A newer search aborts the one still running.
import type { Identity } from "../../sync/identity";
import { ApiError } from "../api";
import { NO_FILTERS, searchPath, type SearchAnswer, type SearchFilters } from "./model";

export async function fetchSearch(
  workshop: string,
  token: string,
  identity: Identity | null,
  q: string,
  limit: number,
  signal?: AbortSignal,
  filters: SearchFilters = NO_FILTERS,
): Promise<SearchAnswer> {
  const headers = new Headers({ Accept: "application/json", Authorization: `Bearer ${token}` });
  if (identity) {
    headers.set("X-Samenbord-Seat", identity.seat);
    headers.set("X-Samenbord-Replica", identity.replica);
  }
  let res: Response;
  try {
    res = await fetch(searchPath(workshop, q, limit, filters), { headers, signal });
  } catch (e) {
    if (e instanceof DOMException && e.name === "AbortError") throw e;
    throw new ApiError(0, "network", e instanceof Error ? e.message : String(e));
  }
  const body: unknown = await res.json().catch(() => null);
  if (!res.ok) {
    const err = (body ?? {}) as { error?: string; message?: string };
    throw new ApiError(res.status, err.error ?? "http_" + res.status, err.message ?? res.statusText);
  }
  return body as SearchAnswer;
}
