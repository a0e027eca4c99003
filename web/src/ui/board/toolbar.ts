// The board toolbar (role=toolbar): connection status, zoom, colours, delete, undo/redo,
// language switch and who is here. Editing controls are disabled for observers and, while the
// board is locked, for everyone but facilitators.
import type { ConnectionStatus } from "../../sync/api";
import { PALETTE } from "../colors";
import { h } from "../dom";
import { bind, t, type Key } from "../i18n";
import { langSwitch } from "../shell";

export interface ToolbarActions {
  zoomIn(): void;
  zoomOut(): void;
  zoomReset(): void;
  color(color: string): void;
  remove(): void;
  undo(): void;
  redo(): void;
}

export interface Toolbar {
  el: HTMLElement;
  peers: HTMLUListElement;
  setStatus(status: ConnectionStatus): void;
  setUndoRedo(canUndo: boolean, canRedo: boolean): void;
  setHasSelection(has: boolean): void;
  /** Read only changes while the board is locked (FA-5), not only by role. */
  setReadonly(readonly: boolean): void;
}

function button(id: string | null, key: Key, icon: string, onClick: () => void, labelKey?: Key): HTMLButtonElement {
  const btn = h("button", { type: "button", class: "tool", id });
  bind(btn, (el) => {
    el.replaceChildren(h("span", { class: "tool-icon", "aria-hidden": "true" }, icon), h("span", { class: "tool-text" }, t(key)));
    if (labelKey) el.setAttribute("aria-label", t(labelKey));
    el.title = t(labelKey ?? key);
  });
  btn.addEventListener("click", onClick);
  return btn;
}

/** A control a view adds to the toolbar (the fiche conversion), told about selection changes. */
export interface ToolbarExtra {
  el: HTMLElement;
  setHasSelection(has: boolean): void;
}

export function buildToolbar(readonly: boolean, a: ToolbarActions, extra?: ToolbarExtra): Toolbar {
  const status = h("span", { id: "connection-status", class: "status", "data-status": "connecting" });
  const statusWrap = h("div", { class: "tool-group status-group" }, h("span", { class: "status-dot", "aria-hidden": "true" }), status);

  const zoom = h(
    "div",
    { class: "tool-group" },
    button("zoom-out", "zoomOut", "−", a.zoomOut),
    button("zoom-in", "zoomIn", "+", a.zoomIn),
    button("zoom-reset", "zoomReset", "⤢", a.zoomReset),
  );

  const colors = bind(h("div", { class: "tool-group colors", role: "group" }), (el) => el.setAttribute("aria-label", t("colorsLabel")));
  const colorButtons = PALETTE.map((p) => {
    const b = bind(h("button", { type: "button", class: "swatch", "data-color": p.color }), (el) => {
      el.setAttribute("aria-label", t(`color_${p.key}`));
      el.title = t(`color_${p.key}`);
    });
    b.style.background = p.color;
    b.addEventListener("click", () => a.color(p.color));
    colors.append(b);
    return b;
  });

  const del = button("delete-note", "deleteNote", "✕", a.remove, "deleteNoteLabel");
  const undo = button("undo", "undo", "↶", a.undo);
  const redo = button("redo", "redo", "↷", a.redo);
  const edit = h("div", { class: "tool-group" }, del, undo, redo);

  const peers = h("ul", { id: "peers", class: "peers" });
  const peersWrap = h("div", { class: "tool-group peers-group" }, peers);
  bind(peers, (el) => el.setAttribute("aria-label", t("peersLabel")));

  const el = h("div", { class: "toolbar", role: "toolbar" }, statusWrap, zoom, colors, edit, extra?.el, h("div", { class: "tool-spacer" }), peersWrap, langSwitch());
  bind(el, (e) => e.setAttribute("aria-label", t("toolbar")));

  let current: ConnectionStatus = "connecting";
  const paintStatus = () => {
    status.dataset.status = current;
    status.textContent = t(`status_${current}`);
    statusWrap.dataset.status = current;
  };
  bind(status, paintStatus);

  let ro = readonly;
  let canUndo = false;
  let canRedo = false;
  let hasSelection = false;
  const paintEditing = () => {
    undo.disabled = ro || !canUndo;
    redo.disabled = ro || !canRedo;
    del.disabled = ro || !hasSelection;
    for (const b of colorButtons) b.disabled = ro || !hasSelection;
  };
  paintEditing();

  return {
    el,
    peers,
    setStatus(s) {
      current = s;
      paintStatus();
    },
    setUndoRedo(u, r) {
      canUndo = u;
      canRedo = r;
      paintEditing();
    },
    setHasSelection(has) {
      extra?.setHasSelection(has);
      hasSelection = has;
      paintEditing();
    },
    setReadonly(readonly) {
      ro = readonly;
      paintEditing();
    },
  };
}
