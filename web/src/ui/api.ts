// REST calls of server/PROTOCOL.md (RE-2..RE-5). The token travels only as a Bearer header.
import type { Role } from "../sync/api";
import type { FicheSpec } from "./fiche/spec";
import type { Template } from "./template";

export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
  ) {
    super(message);
  }
}

async function request<T>(path: string, init: RequestInit = {}, token?: string): Promise<T> {
  const headers = new Headers(init.headers);
  headers.set("Accept", "application/json");
  if (token) headers.set("Authorization", `Bearer ${token}`);
  let res: Response;
  try {
    res = await fetch(path, { ...init, headers });
  } catch (e) {
    throw new ApiError(0, "network", e instanceof Error ? e.message : String(e));
  }
  const body: unknown = await res.json().catch(() => null);
  if (!res.ok) {
    const err = (body ?? {}) as { error?: string; message?: string };
    throw new ApiError(res.status, err.error ?? "http_" + res.status, err.message ?? res.statusText);
  }
  return body as T;
}

let templatesPromise: Promise<Template[]> | null = null;

/** All templates, fetched once per page (they change only with a server release). */
export function fetchTemplates(): Promise<Template[]> {
  templatesPromise ??= request<Template[]>("/api/templates").catch((e: unknown) => {
    templatesPromise = null;
    throw e;
  });
  return templatesPromise;
}

export interface BoardRef {
  id: string;
  template: string;
}

export interface CreatedWorkshop {
  id: string;
  title: string;
  tokens: Record<Role, string>;
  links: Record<Role, string>;
  boards: BoardRef[];
}

export function createWorkshop(title: string, templates: string[]): Promise<CreatedWorkshop> {
  return request<CreatedWorkshop>("/api/workshops", {
    method: "POST",
    headers: { "Content-Type": "application/json" },
    body: JSON.stringify({ title, templates }),
  });
}

export interface WorkshopInfo {
  id: string;
  title: string;
  role: Role;
  boards: BoardRef[];
}

export function fetchWorkshop(id: string, token: string): Promise<WorkshopInfo> {
  return request<WorkshopInfo>(`/api/workshops/${encodeURIComponent(id)}`, {}, token);
}

// --- Action fiches ---------------------------------------------------------------------------

let ficheSpecPromise: Promise<FicheSpec> | null = null;

/** The action fiche spec (sections, SMART rules, statuses), fetched once per page. */
export function fetchFicheSpec(): Promise<FicheSpec> {
  ficheSpecPromise ??= request<FicheSpec>("/api/fiche-spec").catch((e: unknown) => {
    ficheSpecPromise = null;
    throw e;
  });
  return ficheSpecPromise;
}

export interface ConvertedFiche {
  id: string;
  title: string;
  created: boolean;
  source?: string;
}

/** Turns a board into fiches: the filled rows of a priority-actions board (no items) or the given notes. */
export function convertToFiches(workshop: string, token: string, board: string, items?: string[]): Promise<{ fiches: ConvertedFiche[] }> {
  const body: { board: string; items?: string[] } = { board };
  if (items) body.items = items;
  return request(
    `/api/workshops/${encodeURIComponent(workshop)}/fiches/convert`,
    { method: "POST", headers: { "Content-Type": "application/json" }, body: JSON.stringify(body) },
    token,
  );
}

export interface FicheSummary {
  id: string;
  title: string;
  status: string;
  smart: Record<string, boolean>;
  missing: string[];
  source?: string;
  /** SU-9: the header field "driver" (trekker), and the earliest dated step (null when none). */
  driver?: string;
  firstDate?: string | null;
  firstStep?: string | null;
}

/** The session summary (SU-1); `path` from summary/model.ts's summaryPath. */
export function fetchSummary(path: string, token: string): Promise<import("./summary/model").SessionSummary> {
  return request(path, {}, token);
}

export function listFiches(workshop: string, token: string): Promise<{ fiches: FicheSummary[] }> {
  return request(`/api/workshops/${encodeURIComponent(workshop)}/fiches`, {}, token);
}

/** IT-8: a spider web's team medians (null below k people); nobody's own value is in it. */
export interface TeamValues {
  k: number;
  people: number;
  /** Per dimension: `counts` holds how many people gave each value from min to max (null below k). */
  dimensions: Record<string, { people: number; median: number | null; counts: number[] | null }>;
}

export function fetchTeamValues(board: string, token: string): Promise<TeamValues> {
  return request(`/api/boards/${encodeURIComponent(board)}/team-values`, {}, token);
}
