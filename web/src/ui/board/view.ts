// The board view (issue 15, "the board is the stage"): the board fills the window; compact tools
// float over it (chrome.ts) and the facilitator's controls sit in a panel beside it. This module
// composes the parts, connects the sync client and re-renders only the notes an "items" event
// names. Dependencies run one way: view → input modules (pointer, pinch, keyboard, context) →
// actions (actions.ts, placing.ts) → parts.ts → layers.
import type { BoardClient, ConnectionStatus } from "../../sync/api";
import { clusterBaseUrls, createBoardClient } from "../../sync/index";
import { announce, h } from "../dom";
import { bind, loc, onLangChange, t } from "../i18n";
import { closeMenus } from "../menu";
import { statusMessage } from "../message";
import { BoardActions } from "./actions";
import { Camera } from "./camera";
import { buildChrome } from "./chrome";
import { ContextMenu } from "./context";
import type { Controllable } from "./control";
import { CONTROL_ITEM, lockedOut, readControl, sameControl, type ControlState } from "./control-state";
import { editorBox, NoteEditor } from "./editor";
import { attachKeyboard } from "./keyboard";
import { decorate } from "./layouts";
import { readNote } from "./model";
import { NoteLayer } from "./notes";
import type { BoardParts } from "./parts";
import { Pinch } from "./pinch";
import { Placing } from "./placing";
import { attachPointer } from "./pointer";
import { PresenceLayer, RemoteDrags } from "./presence";
import type { BoardOptions, MountedBoard } from "./options";
import { ZoneLayer } from "./zones";
import { ArrowLayer } from "./arrow-layer";
import { ScoreLayer } from "./score-layer";
import { ScaleLayer } from "./scale-layer";
import { SpiderLayer } from "./spider-layer";
import { IndicatorItems } from "../indicators/board-items";
import { Carry } from "./carry";
import { ThemeLayer } from "./theme-layer";

export type { BoardOptions, MountedBoard } from "./options";

/** How long after asking for a reveal this client spreads the notes it brings (one writer does it). */
const SPREAD_AFTER_REVEAL_MS = 15_000;

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
  let control: ControlState = readControl(client.items);
  const isReadonly = () => observer || !!o.compact || lockedOut(control, role());
  const readonly = isReadonly();

  const root = h("section", {
    id: o.compact ? null : "board",
    class: `board layout-${tpl.layout}${o.compact ? " board-compact" : ""}`,
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
  const editorLayer = h("div", { class: "editor-layer" });
  const status = statusMessage();
  const noteHelp = bind(h("p", { id: o.compact ? null : "note-help", hidden: true }), (el) => (el.textContent = t(isReadonly() ? "readOnly" : "noteHelp")));

  const relabelDecor = decorate(tpl, layer);
  const zones = new ZoneLayer(tpl, layer);
  // The change map's arrows (IT-6), under the notes: made before the note layer.
  const arrows = new ArrowLayer({ tpl, client, say: (m) => parts.say(m) }, layer);
  // The integrative method's scores (IT-7), in the criterion cells.
  const scores = new ScoreLayer({ tpl, client, say: (m) => parts.say(m) }, layer, () => isReadonly());
  // The Positive Health spider web (IT-8): own marks and the team's medians.
  const spider = new SpiderLayer({ tpl, client, say: (m) => parts.say(m) }, layer, { token: o.token, board: o.boardId, readonly: () => isReadonly() });
  // The Eigen Regie model (IT-8, shown as a scale): own answers and the team's spread.
  const scale = new ScaleLayer({ tpl, client, say: (m) => parts.say(m) }, layer, { token: o.token, board: o.boardId, readonly: () => isReadonly() });
  let actions: BoardActions;
  const notes = new NoteLayer(tpl, layer, readonly, (id, field, value) => actions.setField([id], field, value), (id, delta) => actions.vote(id, delta));
  // Team indicator items (IND-15) are drawn by their own renderer, beside the notes.
  const indicatorItems = new IndicatorItems(layer, { board: o.boardId, token: o.token, role: o.role, say: (m) => parts.say(m) });
  const camera = new Camera(viewport, layer, tpl.canvas.width, tpl.canvas.height);
  let chrome: ReturnType<typeof buildChrome>;
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
    ui: { setSelection: (n) => chrome.setSelection(n), setUndoRedo: (u, r) => chrome.tools.setUndoRedo(u, r), created: () => chrome.created() },
    editor: new NoteEditor({
      layer: editorLayer,
      noteEl: (id) => notes.element(id),
      place: (n) => {
        const r = viewport.getBoundingClientRect();
        const vv = window.visualViewport;
        const top = vv ? Math.max(0, vv.offsetTop - r.top) : 0;
        const bottom = vv ? Math.min(r.height, vv.offsetTop + vv.height - r.top) : r.height;
        return editorBox(camera.toScreen(n), camera.scale, { top, bottom, width: r.width }, r.width < 600);
      },
      bindText: (id, area) => actions.bindEditor(id, area),
      onClose: (id, refocus) => actions.editorClosed(id, refocus),
    }),
    say: status.say,
  };
  actions = new BoardActions(parts);
  const placing = new Placing(actions);
  let revealAsked = -Infinity;
  chrome = buildChrome({
    o, parts, actions, placing, status, observer,
    onReveal: () => (revealAsked = performance.now()),
  });
  const presence = new PresenceLayer(layer, chrome.peers, o.name);
  const drags = new RemoteDrags(notes, actions.dragging);
  const stage = h("div", { class: "board-stage" }, viewport, editorLayer, ...chrome.floating);
  // Themes and carrying forward (FA-23..FA-29): frames under the notes, entries in the menu.
  const themes = new ThemeLayer(parts, actions, placing, { token: o.token, board: o.boardId, carry: (ids) => void carry?.open(ids) });
  const carry = o.fiches && !o.compact
    ? new Carry(parts, { workshop: o.fiches.workshop, token: o.token, board: o.boardId, identity: o.identity, name: o.name, host: stage })
    : null;
  const context = new ContextMenu(parts, actions, placing, stage, o.compact ? null : { layer: themes, carry }, arrows);
  root.append(stage, ...(chrome.panel ? [chrome.panel.el] : []), bind(h("p", { id: o.compact ? null : "zone-help", hidden: true }), (el) => (el.textContent = t("zoneHelp"))), noteHelp);
  host.replaceChildren(root);

  // Read only follows the lock: editing tools, the open editor and the help text change with it.
  let wasReadonly = readonly;
  const applyReadonly = () => {
    const ro = isReadonly();
    if (ro === wasReadonly) return;
    wasReadonly = ro;
    root.dataset.readonly = String(ro);
    chrome.setReadonly(ro);
    notes.setReadonly(ro);
    noteHelp.textContent = t(ro ? "readOnly" : "noteHelp");
    if (ro) parts.editor.close();
  };

  let spreadDue = false;
  /** True when `_control` changed; then everything that depends on it is repainted. */
  const refreshControl = (): boolean => {
    const next = readControl(client.items);
    if (sameControl(next, control)) return false;
    const revealed = control.private && !next.private;
    control = next;
    applyReadonly();
    notes.setAnonymous(control.anonymous);
    root.classList.toggle("anonymous", control.anonymous);
    chrome.controlChanged(control);
    if (revealed) {
      parts.say(t("notesRevealed"));
      spreadDue = performance.now() - revealAsked < SPREAD_AFTER_REVEAL_MS;
    }
    return true;
  };

  // Once per frame, for the notes asked for since the last one (null: all of them).
  let overflowFrame = 0;
  let overflowIds: Set<string> | null = new Set();
  const markOverflow = (ids?: Iterable<string>) => {
    if (!ids) overflowIds = null;
    else if (overflowIds) for (const id of ids) overflowIds.add(id);
    if (overflowFrame) return;
    overflowFrame = requestAnimationFrame(() => {
      overflowFrame = 0;
      notes.markOverflow(camera.scale, overflowIds ?? undefined);
      overflowIds = new Set();
    });
  };

  // Full render once, then only what each event names. A reveal (FA-6) brings many notes in one
  // event: they are upserted in one pass and restacked and counted once.
  const render = (changed?: ReadonlySet<string>) => {
    const controlChanged = (!changed || changed.has(CONTROL_ITEM)) && refreshControl();
    const ids = changed ?? new Set([...client.items.itemIds(), ...notes.ids()]);
    for (const id of ids) {
      const n = readNote(client.items, id);
      if (n) {
        const before = notes.data(id);
        notes.upsert(n);
        actions.afterUpsert(n);
        drags.afterUpsert(id, !before || before.x !== n.x || before.y !== n.y);
      } else if (notes.has(id)) {
        notes.remove(id);
        actions.forget(id);
      }
    }
    indicatorItems.render(client.items, ids);
    arrows.render((id) => notes.data(id));
    scores.render(notes.ids().map((id) => notes.data(id)!));
    spider.render();
    scale.render();
    themes.render();
    if (ids.size) {
      notes.restack();
      actions.recount();
      markOverflow(changed ? [...ids] : undefined);
    }
    chrome.paintControl(!changed || controlChanged ? null : ids);
    if (spreadDue) {
      spreadDue = false;
      const moved = placing.spreadOverlaps();
      if (moved) parts.say(t("notesSpread", { n: moved }));
    }
  };

  let lastStatus: ConnectionStatus = client.status;
  const onViewport = () => parts.editor.reposition();
  const offs = [
    client.on("items", (changed) => render(changed)),
    client.on("history", () => actions.refreshHistory()),
    client.on("status", (st) => {
      chrome.status.set(st, client.pendingCount);
      if (st === "offline" && lastStatus !== "offline" && lastStatus !== "connecting") announce(t("wentOffline"));
      if (lastStatus === "offline" && (st === "connected" || st === "saving")) announce(t("backOnline"));
      lastStatus = st;
    }),
    client.on("peers", () => {
      presence.update(client.peers);
      drags.update(client.peers);
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
      spider.relabel();
      scale.relabel();
      notes.relabel();
      themes.relabel();
      relabelDecor();
      presence.update(client.peers);
      chrome.paintControl(null);
    }),
  ];
  window.visualViewport?.addEventListener("resize", onViewport);
  window.visualViewport?.addEventListener("scroll", onViewport);
  const pinch = new Pinch(camera, viewport);
  const detachPointer = attachPointer(parts, actions, placing, {
    openMenu: (x, y, target) => context.openAt(x, y, target),
    selecting: () => chrome.tools.selecting(),
    pinch,
    dropped: (moves) => themes.dropped(moves),
  });
  const detachKeys = o.compact ? () => {} : attachKeyboard(parts, actions, placing, (el, target) => context.openBeside(el, target));

  chrome.status.set(client.status, client.pendingCount);
  chrome.setSelection(0);
  presence.update(client.peers);
  chrome.controlChanged(control);
  render();

  // The camera reports user moves; a move made by setView (following someone) is not echoed.
  let settingView = false;
  let destroyed = false;
  let fittedScale = 0;
  camera.onChange(() => {
    chrome.tools.setZoom(camera.scale);
    parts.editor.reposition();
    // Only a zoom changes how a note's text fits; a pan does not.
    if (camera.scale !== fittedScale) markOverflow();
    fittedScale = camera.scale;
    if (settingView || destroyed || !o.onViewChange) return;
    const v = camera.view();
    // What of the board the viewport shows: a follower fits that, not the empty space around it.
    const seen = camera.visibleRect();
    const x0 = Math.max(0, seen.x);
    const y0 = Math.max(0, seen.y);
    const x1 = Math.min(tpl.canvas.width, seen.x + seen.w);
    const y1 = Math.min(tpl.canvas.height, seen.y + seen.h);
    if (x1 > x0 && y1 > y0) o.onViewChange((x0 + x1) / 2, (y0 + y1) / 2, v.zoom, { w: x1 - x0, h: y1 - y0 });
    else o.onViewChange(v.x, v.y, v.zoom, { w: seen.w, h: seen.h });
  });
  const setView = (x: number, y: number, zoom: number, span?: { w: number; h: number } | null) => {
    settingView = true;
    try {
      camera.setView(x, y, zoom, span);
    } finally {
      settingView = false;
    }
  };
  // Fit once the viewport has its size (it may still be 0 during the first layout), and again when
  // the window changes size until the person moves the view; a view set before that is applied then.
  let pendingView: Parameters<typeof setView> | null = null;
  let userMoved = false;
  const fitNow = () => {
    camera.insets = chrome.insets(viewport.clientWidth);
    camera.fit();
  };
  camera.onChange(() => (userMoved = userMoved || !settingView));
  const ro = new ResizeObserver(() => {
    if (viewport.clientWidth <= 0) return;
    parts.editor.reposition();
    if (!viewport.dataset.fitted) {
      viewport.dataset.fitted = "true";
      if (pendingView) setView(...pendingView);
      else fitNow();
      pendingView = null;
      userMoved = false;
    } else if (!userMoved) {
      settingView = true;
      fitNow();
      settingView = false;
    }
  });
  ro.observe(viewport);
  camera.insets = chrome.insets(viewport.clientWidth || window.innerWidth);
  settingView = true;
  camera.fit();
  settingView = false;
  chrome.onFit(() => {
    userMoved = false;
    fitNow();
  });
  void client.start();

  return {
    topSlot: chrome.topSlot,
    setView(x, y, zoom, span) {
      // Until the first fit has run, it would undo this view: it applies the view instead.
      if (!viewport.dataset.fitted) pendingView = [x, y, zoom, span];
      setView(x, y, zoom, span);
      userMoved = true;
    },
    destroy() {
      destroyed = true;
      closeMenus();
      parts.editor.close();
      for (const off of offs) off();
      window.visualViewport?.removeEventListener("resize", onViewport);
      window.visualViewport?.removeEventListener("scroll", onViewport);
      if (overflowFrame) cancelAnimationFrame(overflowFrame);
      detachPointer();
      detachKeys();
      drags.dispose();
      chrome.dispose();
      ro.disconnect();
      indicatorItems.destroy();
      spider.destroy();
      scale.destroy();
      status.dispose();
      client.stop();
      root.remove();
    },
  };
}
