// The board view: builds #board (toolbar, viewport, zones, notes, cursors), connects the sync
// client and re-renders only the notes an "items" event names. Editing actions live in
// actions.ts; pointer and keyboard handling in interactions.ts and keyboard.ts.
import type { BoardClient, ConnectionStatus, Role } from "../../sync/api";
import { clusterBaseUrls, createBoardClient } from "../../sync/index";
import { announce, h } from "../dom";
import { statusMessage } from "../message";
import { buildConvertControl } from "../fiche/convert";
import { bind, loc, onLangChange, t } from "../i18n";
import type { Template } from "../template";
import { BoardActions } from "./actions";
import { Camera } from "./camera";
import { NoteEditor } from "./editor";
import { attachPointer } from "./interactions";
import { attachKeyboard } from "./keyboard";
import { decorate } from "./layouts";
import { readNote } from "./model";
import { NoteLayer } from "./notes";
import { PresenceLayer } from "./presence";
import { buildToolbar, type Toolbar } from "./toolbar";
import { ZoneLayer } from "./zones";

export interface BoardOptions {
  template: Template;
  boardId: string;
  token: string;
  name: string;
  role: Role;
  onRole?: (role: Role) => void;
  /** Offers "convert to action fiches" to writers (needs the workshop id). */
  fiches?: { workshop: string; openPlan(): void };
  /** Facilitation ("follow me"): the view changed; board coordinates of the view's centre and the zoom. */
  onViewChange?: (x: number, y: number, zoom: number) => void;
}

export interface MountedBoard {
  destroy(): void;
  // Facilitation hooks; optional until the board view implements them (callers use ?.).
  /** Centres the view on board point (x, y) at this zoom. */
  setView?(x: number, y: number, zoom: number): void;
  /** Adds a note with this text where it fits (a round's "note my answer"). */
  addNote?(text: string): void;
}

/** Everything the interaction modules share. */
export interface BoardParts {
  tpl: Template;
  client: BoardClient;
  readonly: boolean;
  name: string;
  root: HTMLElement;
  viewport: HTMLElement;
  layer: HTMLElement;
  camera: Camera;
  zones: ZoneLayer;
  notes: NoteLayer;
  editor: NoteEditor;
  toolbar: Toolbar;
  /** Shows a short polite message in the board (and to screen readers). */
  say(message: string): void;
}

export function mountBoard(host: HTMLElement, o: BoardOptions): MountedBoard {
  const tpl = o.template;
  const readonly = o.role === "observer";
  const client = createBoardClient({ baseUrls: clusterBaseUrls(location.origin), token: o.token, board: o.boardId, name: o.name });

  const root = h("section", {
    id: "board",
    class: `board layout-${tpl.layout}`,
    "data-board-id": o.boardId,
    "data-template": tpl.id,
    "data-readonly": String(readonly),
  });
  if (tpl.facilitation?.highlightEmptyZones) root.classList.add("highlight-empty");
  bind(root, (el) => el.setAttribute("aria-label", t("boardLabel", { title: loc(tpl.title) })));

  const layer = h("div", { class: "board-layer" });
  layer.style.width = `${tpl.canvas.width}px`;
  layer.style.height = `${tpl.canvas.height}px`;
  const viewport = h("div", { class: "board-viewport", tabindex: -1 }, layer);
  const status = statusMessage();
  const message = status.el;
  const title = bind(h("h2", { class: "board-title" }), (el) => (el.textContent = loc(tpl.title)));
  const desc = bind(h("p", { class: "board-desc" }), (el) => (el.textContent = loc(tpl.description)));
  const zoneHelp = bind(h("p", { id: "zone-help", hidden: true }), (el) => (el.textContent = t("zoneHelp")));
  const noteHelp = bind(h("p", { id: "note-help", hidden: true }), (el) => (el.textContent = t(readonly ? "readOnly" : "noteHelp")));

  const relabelDecor = decorate(tpl, layer);
  const zones = new ZoneLayer(tpl, layer);
  let actions: BoardActions;
  const notes = new NoteLayer(tpl, layer, readonly, (id, field, value) => actions.setField([id], field, value));
  const camera = new Camera(viewport, layer, tpl.canvas.width, tpl.canvas.height);
  const convert =
    o.fiches && !readonly && tpl.conversion?.target === "action-fiche"
      ? buildConvertControl({
          workshop: o.fiches.workshop,
          token: o.token,
          board: o.boardId,
          mode: tpl.conversion.mode,
          selection: () => [...actions.selection],
          say: (msg) => parts.say(msg),
          openPlan: o.fiches.openPlan,
        })
      : undefined;
  const toolbar = buildToolbar(readonly, {
    zoomIn: () => camera.zoomBy(1.25),
    zoomOut: () => camera.zoomBy(0.8),
    zoomReset: () => camera.fit(),
    color: (c) => actions.setColor(c),
    remove: () => actions.deleteSelected(),
    undo: () => actions.undo(),
    redo: () => actions.redo(),
  }, convert);
  const presence = new PresenceLayer(layer, toolbar.peers, o.name);

  const parts: BoardParts = {
    tpl,
    client,
    readonly,
    name: o.name,
    root,
    viewport,
    layer,
    camera,
    zones,
    notes,
    toolbar,
    editor: new NoteEditor({
      layer,
      noteEl: (id) => notes.element(id),
      sendText: (id, text) => actions.typeText(id, text),
      onClose: (id, refocus) => actions.editorClosed(id, refocus),
    }),
    say: status.say,
  };
  actions = new BoardActions(parts);

  root.append(
    h("div", { class: "board-head" }, title, desc),
    toolbar.el,
    message,
    viewport,
    zoneHelp,
    noteHelp,
  );
  host.replaceChildren(root);

  // Full render once, then only what each event names.
  const render = (changed?: ReadonlySet<string>) => {
    const ids = changed ?? new Set([...client.items.itemIds(), ...notes.ids()]);
    for (const id of ids) {
      const n = readNote(client.items, id);
      if (n) {
        notes.upsert(n);
        actions.afterUpsert(n);
      } else if (notes.has(id)) {
        notes.remove(id);
        actions.forget(id);
      }
    }
    if (ids.size) {
      notes.restack();
      actions.recount();
    }
    toolbar.setUndoRedo(client.canUndo(), client.canRedo());
  };

  let lastStatus: ConnectionStatus = client.status;
  const offs = [
    client.on("items", (changed) => render(changed)),
    client.on("status", (st) => {
      toolbar.setStatus(st);
      if (st === "offline" && lastStatus !== "offline" && lastStatus !== "connecting") announce(t("wentOffline"));
      if (lastStatus === "offline" && (st === "connected" || st === "saving")) announce(t("backOnline"));
      lastStatus = st;
    }),
    client.on("peers", () => {
      presence.update(client.peers);
      notes.setRemoteSelection(presence.remoteSelection(client.peers));
    }),
    client.on("welcome", (role) => {
      render();
      if (role !== o.role) o.onRole?.(role);
    }),
    client.on("error", (code, msg) => parts.say(code === "forbidden" ? t("readOnly") : t("errServer", { message: msg || code }))),
    onLangChange(() => {
      zones.relabel();
      notes.relabel();
      relabelDecor();
      presence.update(client.peers);
    }),
  ];
  const detachPointer = attachPointer(parts, actions);
  const detachKeys = attachKeyboard(parts, actions);

  toolbar.setStatus(client.status);
  toolbar.setHasSelection(false);
  presence.update(client.peers);
  render();
  // Fit once the viewport has its size (it may still be 0 during the first layout).
  const ro = new ResizeObserver(() => {
    if (viewport.clientWidth > 0 && !viewport.dataset.fitted) {
      viewport.dataset.fitted = "true";
      camera.fit();
    }
  });
  ro.observe(viewport);
  camera.fit();
  void client.start();

  return {
    destroy() {
      parts.editor.close();
      for (const off of offs) off();
      detachPointer();
      detachKeys();
      ro.disconnect();
      status.dispose();
      client.stop();
      root.remove();
    },
  };
}
