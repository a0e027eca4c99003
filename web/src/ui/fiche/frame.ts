// The fiche editor's frame around the form: the way back to the plan, the heading with the
// fiche's source, the toolbar (connection status, undo and redo, who is here, language) and the
// message line.
import type { BoardClient, ConnectionStatus } from "../../sync/api";
import { PresenceLayer } from "../board/presence";
import { statusMessage } from "../message";
import { h } from "../dom";
import { bind, t } from "../i18n";
import { icon, type IconName } from "../icons";

export interface FicheFrame {
  back: HTMLButtonElement;
  heading: HTMLElement;
  source: HTMLElement;
  toolbar: HTMLElement;
  message: HTMLElement;
  setStatus(status: ConnectionStatus): void;
  paintUndo(): void;
  paintPeers(): void;
  /** Shows a message for a few seconds. */
  say(msg: string): void;
  dispose(): void;
}

function toolButton(id: string, name: IconName, key: "undo" | "redo", onClick: () => void): HTMLButtonElement {
  const b = h("button", { type: "button", class: "tool", id });
  bind(b, (el) => {
    el.replaceChildren(icon(name), h("span", { class: "tool-text" }, t(key)));
    el.setAttribute("aria-label", t(key));
    el.title = t(key);
  });
  b.addEventListener("click", onClick);
  return b;
}

export function buildFicheFrame(client: BoardClient, readOnly: boolean, name: string, onBack: () => void): FicheFrame {
  const back = bind(h("button", { type: "button", class: "btn btn-quiet back-to-plan", id: "back-to-plan" }), (el) => {
    el.replaceChildren(h("span", { "aria-hidden": "true" }, "← "), t("backToPlan"));
  });
  back.addEventListener("click", () => onBack());
  const heading = h("h2", { id: "fiche-heading", class: "fiche-heading" });
  const source = h("p", { class: "board-desc fiche-source", id: "fiche-source" });

  const status = h("span", { id: "connection-status", class: "status", "data-status": client.status });
  const statusWrap = h("div", { class: "tool-group status-group" }, h("span", { class: "status-dot", "aria-hidden": "true" }), status);
  let currentStatus: ConnectionStatus = client.status;
  const paintStatus = () => {
    status.dataset.status = currentStatus;
    statusWrap.dataset.status = currentStatus;
    status.textContent = t(`status_${currentStatus}`);
  };
  bind(status, paintStatus);
  const undoBtn = toolButton("undo", "undo", "undo", () => {
    client.undo();
    paintUndo();
  });
  const redoBtn = toolButton("redo", "redo", "redo", () => {
    client.redo();
    paintUndo();
  });
  const paintUndo = () => {
    undoBtn.disabled = readOnly || !client.canUndo();
    redoBtn.disabled = readOnly || !client.canRedo();
  };
  const peers = h("ul", { id: "peers", class: "peers" });
  bind(peers, (el) => el.setAttribute("aria-label", t("peersLabel")));
  const presence = new PresenceLayer(h("div"), peers, name); // no cursors on a form: only the list is shown
  const toolbar = h(
    "div",
    { class: "toolbar fiche-toolbar", role: "toolbar" },
    statusWrap,
    h("div", { class: "tool-group" }, undoBtn, redoBtn),
    h("div", { class: "tool-spacer" }),
    h("div", { class: "tool-group peers-group" }, peers),
  );
  bind(toolbar, (el) => el.setAttribute("aria-label", t("ficheToolbar")));

  const { el: message, say, dispose } = statusMessage();

  return {
    back,
    heading,
    source,
    toolbar,
    message,
    setStatus(st) {
      currentStatus = st;
      paintStatus();
    },
    paintUndo,
    paintPeers: () => presence.update(client.peers),
    say,
    dispose,
  };
}
