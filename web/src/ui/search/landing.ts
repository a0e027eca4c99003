// Landing on a search result once its view is open: the note is centred and zoomed to, marked for a
// few seconds (class `search-target`) and focused, so the keyboard carries on from it; a fiche
// field, a zone, the room's instruction or a round answer (in the round panel above every view,
// its past round unfolded) is focused and marked the same way. The view renders
// after its client's welcome, so the element is waited for (at most WAIT_MS).
import { announce } from "../dom";
import { t } from "../i18n";
import type { Target } from "./model";

const WAIT_MS = 10_000;
const MARK_MS = 4_000;
/** The zoom a found note is shown at. */
export const LANDING_ZOOM = 1.25;

export interface LandingHooks {
  /** Where the open view renders. */
  host: HTMLElement;
  /** Centres board point (x, y) at a zoom on the open board. */
  setView(x: number, y: number, zoom: number): void;
}

let pending: { cancel(): void } | null = null;

/** Waits for the target's element, then shows, marks and focuses it. A newer landing cancels this one. */
export function land(target: Target, hooks: LandingHooks, what: string): void {
  pending?.cancel();
  const find = () => element(target, hooks.host);
  const done = (el: HTMLElement) => {
    pending = null;
    if (target.kind === "note") {
      const box = noteBox(el);
      if (box) hooks.setView(box.x + box.w / 2, box.y + box.h / 2, LANDING_ZOOM);
    } else {
      el.scrollIntoView({ block: "center" });
    }
    const folded = el.closest("details");
    if (folded && !folded.open) folded.open = true;
    el.classList.add("search-target");
    setTimeout(() => el.classList.remove("search-target"), MARK_MS);
    if (el.tabIndex < 0 && !el.matches("input, textarea, select, button, a[href]")) el.tabIndex = -1;
    el.focus({ preventScroll: target.kind === "note" });
    announce(t("searchLanded", { what }));
  };
  const now = find();
  if (now) {
    done(now);
    return;
  }
  const root = target.kind === "room" || target.kind === "round-answer" ? document.body : hooks.host;
  const observer = new MutationObserver(() => {
    const el = find();
    if (el) {
      cancel();
      done(el);
    }
  });
  const timer = setTimeout(() => cancel(), WAIT_MS);
  const cancel = () => {
    observer.disconnect();
    clearTimeout(timer);
    if (pending === handle) pending = null;
  };
  const handle = { cancel };
  pending = handle;
  observer.observe(root, { childList: true, subtree: true });
}

function element(target: Target, host: HTMLElement): HTMLElement | null {
  switch (target.kind) {
    case "note":
      return host.querySelector<HTMLElement>(`.note[data-item="${CSS.escape(target.item)}"]`);
    case "fiche-field":
      return target.item === "fiche"
        ? host.querySelector<HTMLElement>(`#fiche-editor [data-field="${CSS.escape(target.field)}"]`)
        : host.querySelector<HTMLElement>(`#fiche-editor [data-step="${CSS.escape(target.item)}"], #fiche-editor [data-balance="${CSS.escape(target.item)}"]`);
    case "zone":
      return host.querySelector<HTMLElement>(`.zone[data-zone="${CSS.escape(target.zone)}"]`);
    case "room":
      return document.getElementById(target.item === "round" ? "round" : "instruction");
    case "round-answer":
      return document.querySelector<HTMLElement>(
        `#round [data-round-id="${CSS.escape(target.round)}"][data-round-answer="${CSS.escape(target.person)}"]`);
    case "board":
      return host.querySelector<HTMLElement>("#board, #fiche-editor");
  }
}

/** A note's box in board units, from the position the note layer gives it. */
function noteBox(el: HTMLElement): { x: number; y: number; w: number; h: number } | null {
  const x = parseFloat(el.style.left);
  const y = parseFloat(el.style.top);
  if (!Number.isFinite(x) || !Number.isFinite(y)) return null;
  const w = parseFloat(el.style.width);
  const hgt = parseFloat(el.style.height);
  return { x, y, w: Number.isFinite(w) ? w : 0, h: Number.isFinite(hgt) ? hgt : 0 };
}
