// Downloads an export with the Bearer token: streams the body to report progress (against
// Content-Length when the server sends it), then hands the file over through an object URL.
import { ApiError } from "../api";

export type ExportFormat = "pdf" | "md" | "csv" | "json";
export const EXPORT_FORMATS: readonly ExportFormat[] = ["pdf", "md", "csv", "json"];

/** The file name of a Content-Disposition header (RFC 6266: filename* wins over filename). */
export function dispositionFilename(header: string | null): string | null {
  if (!header) return null;
  const star = /filename\*\s*=\s*([^']*)'[^']*'([^;]+)/i.exec(header);
  if (star) {
    try {
      return decodeURIComponent(star[2]!.trim().replace(/^"|"$/g, ""));
    } catch {
      // malformed escape: fall back to the plain parameter
    }
  }
  const plain = /filename\s*=\s*("((?:[^"\\]|\\.)*)"|[^;]+)/i.exec(header);
  if (!plain) return null;
  const name = plain[2] !== undefined ? plain[2].replace(/\\(.)/g, "$1") : plain[1]!.trim();
  // Never a path: only the last segment, without control characters.
  return name.split(/[/\\]/).pop()!.replace(/[\u0000-\u001f]/g, "") || null;
}

export interface DownloadedFile {
  name: string;
  bytes: number;
}

/**
 * Fetches `path` with the token, calling `progress(received, total)` as chunks arrive (`total`
 * null when unknown), then saves it with `a[download]`. Throws ApiError on an HTTP error.
 */
export async function downloadFile(
  path: string,
  token: string,
  fallbackName: string,
  progress: (received: number, total: number | null) => void,
): Promise<DownloadedFile> {
  let res: Response;
  try {
    res = await fetch(path, { headers: { Authorization: `Bearer ${token}` } });
  } catch (e) {
    throw new ApiError(0, "network", e instanceof Error ? e.message : String(e));
  }
  if (!res.ok) {
    const err = ((await res.json().catch(() => null)) ?? {}) as { error?: string; message?: string };
    throw new ApiError(res.status, err.error ?? "http_" + res.status, err.message ?? res.statusText);
  }
  const length = Number(res.headers.get("Content-Length"));
  const total = Number.isFinite(length) && length > 0 ? length : null;
  const chunks: Uint8Array<ArrayBuffer>[] = [];
  let received = 0;
  progress(0, total);
  if (res.body) {
    const reader = res.body.getReader();
    for (;;) {
      const { done, value } = await reader.read();
      if (done) break;
      chunks.push(value);
      received += value.byteLength;
      progress(received, total);
    }
  } else {
    const buf = new Uint8Array(await res.arrayBuffer());
    chunks.push(buf);
    received = buf.byteLength;
    progress(received, total);
  }
  const type = res.headers.get("Content-Type") ?? "application/octet-stream";
  const name = dispositionFilename(res.headers.get("Content-Disposition")) ?? fallbackName;
  saveBlob(new Blob(chunks, { type }), name);
  return { name, bytes: received };
}

function saveBlob(blob: Blob, name: string): void {
  const url = URL.createObjectURL(blob);
  const a = document.createElement("a");
  a.href = url;
  a.download = name;
  a.hidden = true;
  document.body.append(a);
  a.click();
  a.remove();
  // Revoked later: the browser may still be reading it when click() returns.
  setTimeout(() => URL.revokeObjectURL(url), 60_000);
}
