// The board view: builds #board (toolbar, facilitator control bar, banners, viewport, zones,
// notes, cursors), connects the sync client and re-renders only the notes an "items" event names.
// Editing actions live in actions.ts; pointer and keyboard handling in interactions.ts and
// keyboard.ts; the board control state (lock, private writing, dot voting) in control-state.ts.
import type { BoardClient, ConnectionStatus, Role } from "../../sync/api";
import type { Identity } from "../../sync/identity";
import { clusterBaseUrls, createBoardClient } from "../../sync/index";
import { announce, h } from "../dom";
import { statusMessage } from "../message";
import { buildConvertControl } from "../fiche/convert";
import { bind, loc, onLangChange, t } from "../i18n";
import type { Template } from "../template";
import { BoardActions } from "./actions";
import { BannerLayer, bannersFor } from "./banners";
import { Camera } from "./camera";
import { buildControlBar, type ControlBar, type Controllable } from "./control";
import { CONTROL_ITEM, isPrivateItem, lockedOut, readControl, sameControl, type ControlState } from "./control-state";
import { NoteEditor } from "./editor";
import { attachPointer } from "./interactions";
import { attachKeyboard } from "./keyboard";
import { decorate } from "./layouts";
import { readNote } from "./model";
import { NoteLayer } from "./notes";
import { PresenceLayer } from "./presence";
import { buildToolbar, type Toolbar } from "./toolbar";
import { VoteResultsPanel } from "./vote-results";
import { dotsLeft, dotsUsed, noteVoteView } from "./voting";
import { ZoneLayer } from "./zones";
import { IndicatorItems } from "../indicators/board-items";

export interface BoardOptions {
  template: Template;
  boardId: string;
  token: string;
  name: string;
  role: Role;
  /** This tab's seat and replica in the workshop (ID-1, ID-2), shared by every client of the page. */
  identity: Identity;
  onRole?: (role: Role) => void;
  /** Offers "convert to action fiches" to writers (needs the workshop id). */
  fiches?: { workshop: string; openPlan(): void };
  /**
   * Called whenever the camera moves by the user (pan, zoom, fit), not by setView: (x, y) is the
   * board point at the centre of the viewport, zoom the scale. Called per frame while panning.
   */
  onViewChange?: (x: number, y: number, zoom: number) => void;
}

export interface MountedBoard {
  destroy(): void;
  /** Centres board point (x, y) at this zoom, as reported by onViewChange (does not call it). */
  setView(x: number, y: number, zoom: number): void;
  /** Adds a note with this text at a free spot in view; nothing for observers or while locked out. */
  addNote(text: string): void;
}

/** Everything the interaction modules share. */
export interface BoardParts {
  tpl: Template;
  client: BoardClient;
  /** Observer, or locked out (FA-5); changes while the board runs. */
  readonly readonly: boolean;
  /** Why the board is read only, as a sentence. */
  readOnlyText(): string;
  /** The board control state (`_control`, FA-4) as last read. */
  control(): ControlState;
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
  const observer = o.role === "observer";
  const client: BoardClient & Controllable = createBoardClient({
    baseUrls: clusterBaseUrls(location.origin),
    token: o.token,
    board: o.boardId,
    name: o.name,
    seat: o.identity.seat,
    replica: o.identity.replica,
  });
  const role = () => client.role ?? o.role;
  let control = readControl(client.items);
  const isReadonly = () => observer || lockedOut(control, role());
  const readonly = isReadonly();

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
  const noteHelp = bind(h("p", { id: "note-help", hidden: true }), (el) => (el.textContent = t(isReadonly() ? "readOnly" : "noteHelp")));

  const relabelDecor = decorate(tpl, layer);
  const zones = new ZoneLayer(tpl, layer);
  let actions: BoardActions;
  const notes = new NoteLayer(
    tpl,
    layer,
    readonly,
    (id, field, value) => actions.setField([id], field, value),
    (id, delta) => actions.vote(id, delta),
  );
  // Team indicator items (IND-15) are drawn by their own renderer, beside the notes.
  const indicatorItems = new IndicatorItems(layer, { board: o.boardId, token: o.token, role: o.role, say: (m) => parts.say(m) });
  const camera = new Camera(viewport, layer, tpl.canvas.width, tpl.canvas.height);
  const convert =
    o.fiches && !observer && tpl.conversion?.target === "action-fiche"
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
  const controlBar: ControlBar | null = o.role === "facilitator" ? buildControlBar(tpl, client) : null;
  const banners = new BannerLayer();
  const results = new VoteResultsPanel(o.role === "facilitator");

  const parts: BoardParts = {
    tpl,
    client,
    get readonly() {
      return isReadonly();
    },
    readOnlyText: () => t(observer || !control.locked ? "readOnly" : "lockedReadOnly"),
    control: () => control,
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
      bindText: (id, area) => actions.bindEditor(id, area),
      onClose: (id, refocus) => actions.editorClosed(id, refocus),
    }),
    say: status.say,
  };
  actions = new BoardActions(parts);

  root.append(
    h("div", { class: "board-head" }, title, desc),
    toolbar.el,
    ...(controlBar ? [controlBar.el] : []),
    banners.el,
    message,
    results.slot,
    viewport,
    zoneHelp,
    noteHelp,
  );
  host.replaceChildren(root);

  // Read only follows the lock: editing controls, the open editor and the help text change with it.
  let wasReadonly = readonly;
  const applyReadonly = () => {
    const ro = isReadonly();
    if (ro === wasReadonly) return;
    wasReadonly = ro;
    root.dataset.readonly = String(ro);
    toolbar.setReadonly(ro);
    notes.setReadonly(ro);
    noteHelp.textContent = t(ro ? "readOnly" : "noteHelp");
    if (ro) parts.editor.close();
  };

  /** True when `_control` changed; then everything that depends on it is repainted. */
  const refreshControl = (): boolean => {
    const next = readControl(client.items);
    if (sameControl(next, control)) return false;
    const revealed = control.private && !next.private;
    control = next;
    applyReadonly();
    controlBar?.update(control);
    if (revealed) parts.say(t("notesRevealed"));
    return true;
  };

  const zoneLabel = (id: string | null) => {
    const z = id ? tpl.zones.find((x) => x.id === id) : undefined;
    return z ? loc(z.label) : null;
  };

  // Dots left decide whether every note's add button is enabled, so a change of it repaints all.
  let lastLeft = -1;
  const paintControl = (ids: Iterable<string> | null) => {
    const vote = control.vote;
    const left = vote ? dotsLeft(vote, dotsUsed(client.items, client.replica)) : 0;
    const all = ids === null || left !== lastLeft;
    lastLeft = left;
    const voter = { role: role(), replica: client.replica };
    for (const id of all ? notes.ids() : ids) {
      const n = notes.data(id);
      if (!n) continue;
      notes.setPrivate(id, isPrivateItem(control, client.items, id, client.replica));
      notes.setVote(id, noteVoteView(control, client.items, voter, n, left));
    }
    banners.show(bannersFor(control, role(), left, zoneLabel(vote?.zone ?? null)));
    results.update(vote, notes.ids().map((id) => notes.data(id)!));
  };

  // Full render once, then only what each event names. A reveal (FA-6) brings many notes in one
  // event: they are upserted in one pass and restacked and counted once.
  const render = (changed?: ReadonlySet<string>) => {
    const controlChanged = (!changed || changed.has(CONTROL_ITEM)) && refreshControl();
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
    indicatorItems.render(client.items, ids);
    if (ids.size) {
      notes.restack();
      actions.recount();
    }
    paintControl(!changed || controlChanged ? null : ids);
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
    client.on("welcome", (r) => {
      applyReadonly(); // the role is known now
      render();
      if (r !== o.role) o.onRole?.(r);
    }),
    client.on("error", (code, msg) => parts.say(code === "forbidden" ? parts.readOnlyText() : t("errServer", { message: msg || code }))),
    onLangChange(() => {
      zones.relabel();
      notes.relabel();
      relabelDecor();
      presence.update(client.peers);
      paintControl(null);
      results.relabel();
    }),
  ];
  const detachPointer = attachPointer(parts, actions);
  const detachKeys = attachKeyboard(parts, actions);

  toolbar.setStatus(client.status);
  toolbar.setHasSelection(false);
  presence.update(client.peers);
  controlBar?.update(control);
  render();

  // The camera reports user moves; a move made by setView (following someone) is not echoed.
  let settingView = false;
  let destroyed = false;
  camera.onChange(() => {
    if (settingView || destroyed || !o.onViewChange) return;
    const v = camera.view();
    o.onViewChange(v.x, v.y, v.zoom);
  });
  const setView = (x: number, y: number, zoom: number) => {
    settingView = true;
    try {
      camera.setView(x, y, zoom);
    } finally {
      settingView = false;
    }
  };
  // Fit once the viewport has its size (it may still be 0 during the first layout); a view set
  // before that is applied then instead.
  let pendingView: [number, number, number] | null = null;
  const ro = new ResizeObserver(() => {
    if (viewport.clientWidth > 0 && !viewport.dataset.fitted) {
      viewport.dataset.fitted = "true";
      if (pendingView) setView(...pendingView);
      else camera.fit();
      pendingView = null;
    }
  });
  ro.observe(viewport);
  camera.fit();
  void client.start();

  return {
    setView(x, y, zoom) {
      // Until the first fit has run, it would undo this view: it applies the view instead.
      if (!viewport.dataset.fitted) pendingView = [x, y, zoom];
      setView(x, y, zoom);
    },
    addNote(text) {
      actions.addInView(text);
    },
    destroy() {
      destroyed = true;
      parts.editor.close();
      for (const off of offs) off();
      detachPointer();
      detachKeys();
      ro.disconnect();
      indicatorItems.destroy();
      status.dispose();
      client.stop();
      root.remove();
    },
  };
}
