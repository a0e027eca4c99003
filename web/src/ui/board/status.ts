// Who is here and whether edits are safe: the connection chip (#connection-status) says connected,
// "saving 3 edits", offline (the browser has no network) or reconnecting (it has, the node is not
// reachable yet), with the edits kept meanwhile; and the people on the board (#peers).
import type { ConnectionStatus } from "../../sync/api";
import { h } from "../dom";
import { bind, t } from "../i18n";

export interface StatusChip {
  el: HTMLElement;
  peers: HTMLUListElement;
  set(status: ConnectionStatus, pending: number): void;
  dispose(): void;
}

/** What the chip says (pure, tested): `online` is navigator.onLine. */
export function statusText(status: ConnectionStatus, pending: number, online: boolean): string {
  if (status === "saving") return pending > 1 ? t("statusSavingN", { n: pending }) : t("status_saving");
  if (status === "offline") {
    const base = online ? t("statusReconnecting") : t("status_offline");
    return pending > 0 ? `${base} · ${t("statusKept", { n: pending })}` : base;
  }
  return t(`status_${status}`);
}

export function buildStatus(): StatusChip {
  const status = h("span", { id: "connection-status", class: "status", "data-status": "connecting", role: "status" });
  const dot = h("span", { class: "status-dot", "aria-hidden": "true" });
  const peers = h("ul", { id: "peers", class: "peers" });
  bind(peers, (el) => el.setAttribute("aria-label", t("peersLabel")));
  const el = h("div", { class: "status-group" }, h("div", { class: "status-chip" }, dot, status), peers);

  let current: ConnectionStatus = "connecting";
  let count = 0;
  const paint = () => {
    const online = typeof navigator === "undefined" || navigator.onLine !== false;
    status.dataset.status = current;
    // "reconnecting" is offline with a network: the node is down or unreachable, edits are kept.
    status.dataset.detail = current === "offline" && online ? "reconnecting" : current;
    status.dataset.pending = String(count);
    status.textContent = statusText(current, count, online);
    el.dataset.status = current;
  };
  bind(status, paint);
  const repaint = () => paint();
  window.addEventListener("online", repaint);
  window.addEventListener("offline", repaint);
  return {
    el,
    peers,
    set(s, pending) {
      current = s;
      count = pending;
      paint();
    },
    dispose() {
      window.removeEventListener("online", repaint);
      window.removeEventListener("offline", repaint);
    },
  };
}
