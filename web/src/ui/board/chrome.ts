// Everything that floats over the board or sits beside it (issue 15): the connection chip and the
// people (top left), conversion, export and the panel toggle (top right), the tool strip (left; at
// the bottom on a phone), zoom (bottom right), the selection bar, banners and the facilitation bar
// slot (top centre), the first-use hint, the status line and the panel with the facilitator's
// controls and the vote results. Also how the board's control state shows on notes and banners.
import { buildConvertControl } from "../fiche/convert";
import { h } from "../dom";
import { loc } from "../i18n";
import type { StatusMessage } from "../message";
import type { BoardActions } from "./actions";
import { BannerLayer, bannersFor } from "./banners";
import type { Insets } from "./camera";
import { buildControlBar, type ControlBar } from "./control";
import { isPrivateItem, type ControlState } from "./control-state";
import { buildExportButton } from "./export/menu";
import { boardScene, type SceneNote } from "./export/scene";
import { sceneToSvg } from "./export/svg";
import { buildHint } from "./hint";
import { stackOrder } from "./model";
import { buildPanel, type Panel } from "./panel";
import type { BoardParts } from "./parts";
import type { Placing } from "./placing";
import { buildStatus, type StatusChip } from "./status";
import { buildTools, type Tools } from "./tools";
import type { BoardOptions } from "./options";
import { VoteResultsPanel } from "./vote-results";
import { readThemes, themeResultNotes, voteOnThemes } from "./themes";
import { dotsLeft, dotsUsed, noteVoteView } from "./voting";

export interface ChromeOptions {
  o: BoardOptions;
  parts: BoardParts;
  actions: BoardActions;
  placing: Placing;
  status: StatusMessage;
  observer: boolean;
  /** The facilitator asked for a reveal. */
  onReveal(): void;
}

/** Phones (and narrow windows) get the bottom strip and a sheet instead of the side panel. */
export const NARROW = 700;

export function buildChrome(c: ChromeOptions) {
  const { o, parts: p, actions: a, placing } = c;
  const tpl = p.tpl;
  const facilitator = o.role === "facilitator" && !o.compact;
  let fitListener = () => {};

  const tools: Tools = buildTools(p.readonly, {
    addNote: () => void placing.addNote(),
    dropNote: (x, y) => {
      const r = p.viewport.getBoundingClientRect();
      if (x < r.left || x > r.right || y < r.top || y > r.bottom) return false;
      placing.createAt(...p.camera.toBoard(x, y));
      return true;
    },
    undo: () => a.undo(),
    redo: () => a.redo(),
    zoomIn: () => p.camera.zoomBy(1.25),
    zoomOut: () => p.camera.zoomBy(0.8),
    fit: () => fitListener(),
    color: (color) => a.setColor(color),
    duplicate: () => void placing.duplicate(),
    remove: () => a.deleteSelected(),
  });
  const status: StatusChip = buildStatus();
  const hint = buildHint(() => globalThis.matchMedia?.("(pointer: coarse)").matches ?? false);
  const banners = new BannerLayer();
  const results = new VoteResultsPanel(facilitator);
  const topSlot = h("div", { class: "stage-top-center" }, banners.el);

  const convert = o.fiches && !c.observer && !o.compact && tpl.conversion?.target === "action-fiche"
    ? buildConvertControl({
        workshop: o.fiches.workshop,
        token: o.token,
        board: o.boardId,
        mode: tpl.conversion.mode,
        selection: () => [...a.selection],
        say: (msg) => p.say(msg),
        openPlan: o.fiches.openPlan,
      })
    : undefined;

  const scene = (only?: ReadonlySet<string>) => {
    const shown: SceneNote[] = stackOrder(p.notes.ids().map((id) => p.notes.data(id)!)).map((id) => {
      const n = p.notes.data(id)!;
      const el = p.notes.element(id);
      return { id, text: n.text, author: p.control().anonymous ? "" : n.author, fill: el?.style.background || n.color, ink: el?.style.color || "#1d2327", x: n.x, y: n.y, w: n.w, h: n.h };
    });
    return boardScene(tpl, loc(tpl.title), shown, (z) => loc(z.label), only);
  };
  const printArea = h("div", { class: "print-area", "aria-hidden": "true" });
  // Filled just before printing and emptied after, so the page holds no second copy of the board.
  const fillPrint = () => (printArea.innerHTML = sceneToSvg(scene()));
  const clearPrint = () => printArea.replaceChildren();
  window.addEventListener("beforeprint", fillPrint);
  window.addEventListener("afterprint", clearPrint);
  const exportButton = o.compact ? null : buildExportButton({
    host: p.root,
    scene,
    selection: () => a.selection,
    name: () => loc(tpl.title),
    ...(o.fiches ? { workshop: { id: o.fiches.workshop, token: o.token } } : {}),
    say: (msg) => p.say(msg),
    print: fillPrint,
  });

  const control: ControlBar | null = facilitator ? buildControlBar(tpl, p.client, c.onReveal) : null;
  const panel: Panel | null = o.compact ? null : buildPanel([...(control ? [control.el] : []), results.slot], (open) => {
    p.root.classList.toggle("panel-open", open);
  }, facilitator);
  panel?.setAvailable(facilitator);

  const topLeft = h("div", { class: "stage-top-left" }, status.el);
  const topRight = h("div", { class: "stage-top-right" }, ...(convert ? [convert.el] : []), ...(exportButton ? [exportButton] : []), ...(panel ? [panel.toggle] : []));
  const floating = o.compact
    ? [h("div", { class: "stage-top-left" }, status.el), tools.zoom, c.status.el]
    : [topLeft, topRight, topSlot, tools.strip, tools.zoom, tools.selection, hint.el, c.status.el, printArea];

  hint.setWriter(!p.readonly);
  if (convert) convert.el.hidden = p.readonly;

  let lastLeft = -1;
  let hadResults = false;
  return {
    floating,
    panel,
    peers: status.peers,
    status,
    tools,
    topSlot,
    setSelection(n: number) {
      tools.setSelection(n);
      convert?.setHasSelection(n > 0);
    },
    created() {
      hint.done();
    },
    setReadonly(ro: boolean) {
      tools.setReadonly(ro);
      hint.setWriter(!ro);
      if (convert) convert.el.hidden = ro;
    },
    controlChanged(state: ControlState) {
      control?.update(state);
    },
    /** Votes on notes, private marks, banners and results; `ids` null repaints every note. */
    paintControl(ids: Iterable<string> | null) {
      const state = p.control();
      const vote = state.vote;
      const left = vote ? dotsLeft(vote, dotsUsed(p.client.items, p.client.replica)) : 0;
      // Dots left decide whether every note's add button is enabled, so a change of it repaints all.
      const all = ids === null || left !== lastLeft;
      lastLeft = left;
      const voter = { role: p.client.role ?? o.role, replica: p.client.replica };
      const onThemes = voteOnThemes(p.client.items);
      for (const id of all ? p.notes.ids() : ids) {
        const n = p.notes.data(id);
        if (!n) continue;
        p.notes.setPrivate(id, isPrivateItem(state, p.client.items, id, p.client.replica));
        // FA-26: in a vote on themes the dots sit on the theme frames (theme-layer.ts), not on notes.
        p.notes.setVote(id, onThemes ? null : noteVoteView(state, p.client.items, voter, n, left));
      }
      const zone = vote?.zone ? tpl.zones.find((z) => z.id === vote.zone) : undefined;
      banners.show(bannersFor(state, p.client.role ?? o.role, left, zone ? loc(zone.label) : null, onThemes));
      results.update(vote, onThemes ? themeResultNotes(readThemes(p.client.items).values()) : p.notes.ids().map((id) => p.notes.data(id)!));
      const hasResults = vote?.state === "closed";
      if (panel && !facilitator) panel.setAvailable(hasResults);
      // Results are the point of closing a vote: the panel opens for them once.
      if (panel && hasResults && !hadResults) panel.setOpen(true);
      hadResults = hasResults;
      if (ids === null) results.relabel();
    },
    /** What the floating tools cover, so "fit" keeps the board clear of them. */
    insets(width: number): Insets {
      // A compact board (the plenary) has the status chip above and the zoom tools below it.
      if (o.compact) return { top: 48, right: 8, bottom: 52, left: 8 };
      return width < NARROW ? { top: 56, right: 8, bottom: 76, left: 8 } : { top: 60, right: 16, bottom: 64, left: 72 };
    },
    onFit(fn: () => void) {
      fitListener = fn;
    },
    dispose() {
      status.dispose();
      window.removeEventListener("beforeprint", fillPrint);
      window.removeEventListener("afterprint", clearPrint);
    },
  };
}
