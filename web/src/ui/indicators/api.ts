// REST calls of server/PROTOCOL.md IND-1..IND-15. A person's key and a workshop's token travel
// only as Bearer headers; an upload goes as it is (no JSON), with XMLHttpRequest for its progress.
import { ApiError } from "../api";

export interface Consent {
  sleep: boolean;
  activity: boolean;
  heart: boolean;
  team: boolean;
}

export interface PersonInfo {
  person: string;
  workshop: string;
  created: number;
  consent: Consent;
  google: boolean;
}

export interface ImportStatus {
  import: string;
  state: "running" | "done" | "failed";
  progress: number;
  days: number;
  warnings: { code: string; count: number; message: string }[];
  error?: { code: string; message: string };
}

export interface DayValues {
  date: string;
  sleepMinutes?: number;
  steps?: number;
  activeMinutes?: number;
  restingHeartRate?: number;
  hrvRmssd?: number;
  spo2?: number;
}

export type Outcome = { value: number; unit?: string; k?: number } | { suppressed: string; reason: string; people: number; need: number };

export interface WeekReport {
  week: string;
  contributors: number;
  indicators: Record<string, Outcome>;
}

export interface Counts {
  people: number;
  week: string;
  contributorsThisWeek: number;
  consents: { sleep: number; activity: number; heart: number; team: number };
}

export const INDICATORS = [
  "sleepHours",
  "shortSleepShare",
  "steps",
  "activeMinutes150Share",
  "restingHeartRateDeviation",
  "hrvDeviation",
] as const;
export type IndicatorName = (typeof INDICATORS)[number];

async function call<T>(method: string, path: string, bearer?: string | null, body?: unknown): Promise<T> {
  const headers = new Headers({ Accept: "application/json" });
  if (bearer) headers.set("Authorization", `Bearer ${bearer}`);
  if (body !== undefined) headers.set("Content-Type", "application/json");
  let res: Response;
  try {
    res = await fetch(path, { method, headers, body: body === undefined ? undefined : JSON.stringify(body) });
  } catch (e) {
    throw new ApiError(0, "network", e instanceof Error ? e.message : String(e));
  }
  const json: unknown = res.status === 204 ? null : await res.json().catch(() => null);
  if (!res.ok) {
    const err = (json ?? {}) as { error?: string; message?: string };
    throw new ApiError(res.status, err.error ?? "http_" + res.status, err.message ?? res.statusText);
  }
  return json as T;
}

const enc = encodeURIComponent;

export function createPerson(workshop: string, token: string): Promise<{ person: string; key: string; link: string }> {
  return call("POST", `/api/workshops/${enc(workshop)}/people`, token);
}

export function getPerson(person: string, key: string): Promise<PersonInfo> {
  return call("GET", `/api/people/${enc(person)}`, key);
}

export function saveConsent(person: string, key: string, c: Consent): Promise<Consent> {
  return call("PUT", `/api/people/${enc(person)}/consent`, key, c);
}

export function importStatus(person: string, key: string, id: string): Promise<ImportStatus> {
  return call("GET", `/api/people/${enc(person)}/imports/${enc(id)}`, key);
}

export function days(person: string, key: string, from: string, to: string): Promise<{ days: DayValues[] }> {
  return call("GET", `/api/people/${enc(person)}/days?from=${from}&to=${to}`, key);
}

export function erase(person: string, key: string): Promise<null> {
  return call("DELETE", `/api/people/${enc(person)}`, key);
}

export function startGoogle(person: string, key: string, tz: string): Promise<{ authorize: string }> {
  return call("POST", `/api/people/${enc(person)}/google?tz=${enc(tz)}`, key);
}

export function weekReport(workshop: string, token: string, week?: string): Promise<WeekReport> {
  return call("GET", `/api/workshops/${enc(workshop)}/indicators${week ? `?week=${enc(week)}` : ""}`, token);
}

export function counts(workshop: string, token: string): Promise<Counts> {
  return call("GET", `/api/workshops/${enc(workshop)}/people`, token);
}

export function placeIndicator(board: string, token: string, body: { indicator: string; weeks: number; x: number; y: number }): Promise<{ item: string }> {
  return call("POST", `/api/boards/${enc(board)}/indicators`, token, body);
}

export function removeIndicator(board: string, token: string, item: string): Promise<null> {
  return call("DELETE", `/api/boards/${enc(board)}/indicators/${enc(item)}`, token);
}

/**
 * The media type an export is sent as: the node takes exactly application/zip, application/json and
 * application/xml (IND-4, RE-7), while browsers name the same files differently (Chrome calls an
 * .xml file text/xml, Windows a zip application/x-zip-compressed, and some files have no type).
 */
export function uploadType(file: { name?: string; type?: string }): string {
  const name = (file.name ?? "").toLowerCase();
  const type = (file.type ?? "").toLowerCase();
  if (name.endsWith(".zip") || type.includes("zip")) return "application/zip";
  if (name.endsWith(".xml") || type.endsWith("/xml")) return "application/xml";
  return "application/json";
}

/**
 * Uploads an export as it is (IND-4). `onProgress` gets the share sent (0..1); resolves with the
 * import id once the node has the whole file (202).
 */
export function upload(person: string, key: string, file: Blob & { name?: string }, tz: string, onProgress: (share: number) => void): Promise<string> {
  return new Promise((resolve, reject) => {
    const xhr = new XMLHttpRequest();
    const name = file.name ? `&name=${enc(file.name)}` : "";
    xhr.open("POST", `/api/people/${enc(person)}/imports?tz=${enc(tz)}${name}`);
    xhr.setRequestHeader("Authorization", `Bearer ${key}`);
    xhr.setRequestHeader("Content-Type", uploadType(file));
    xhr.upload.onprogress = (e) => {
      if (e.lengthComputable) onProgress(e.loaded / e.total);
    };
    xhr.onload = () => {
      let body: { import?: string; error?: string; message?: string } = {};
      try {
        body = JSON.parse(xhr.responseText) as typeof body;
      } catch {
        // not JSON: the status says enough
      }
      if (xhr.status === 202 && body.import) resolve(body.import);
      else reject(new ApiError(xhr.status, body.error ?? `http_${xhr.status}`, body.message ?? xhr.statusText));
    };
    xhr.onerror = () => reject(new ApiError(0, "network", "upload failed"));
    xhr.send(file);
  });
}
