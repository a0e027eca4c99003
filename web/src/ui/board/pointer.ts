// Pointer input on the viewport (mouse, pen and one finger): drag notes (the whole selection when
// the dragged note is selected; others see it move live, PR-5), pan by dragging the background, a
// rubber band with Shift or the select tool, wheel and trackpad zoom, double-click or double-tap to
// create or edit, right-click or long-press for the menu. Two fingers go to pinch.ts.
import type { Change } from "../../sync/api";
import { h } from "../dom";
import type { BoardActions } from "./actions";
import { normalizeRect, overlaps } from "./geometry";
import type { BoardParts } from "./parts";
import type { Pinch } from "./pinch";
import type { Placing } from "./placing";

const THRESHOLD = 4; // px before a press becomes a drag, so clicks stay clicks
const LONG_PRESS_MS = 550;
const DOUBLE_TAP_MS = 350;

export interface MenuTarget {
  note?: string;
  zone?: string;
  /** The board point under the pointer. */
  at: [number, number];
}

export interface PointerHooks {
  /** Opens the context menu at a screen point. */
  openMenu(clientX: number, clientY: number, target: MenuTarget): void;
  /** Whether the select tool is on: a background drag draws a rubber band instead of panning. */
  selecting(): boolean;
  pinch: Pinch;
  /** A dragged note dropped: theme writes to send with the move (FA-24), or null for a plain move. */
  dropped?(moves: { id: string; x: number; y: number }[]): { moves: { id: string; x: number; y: number }[]; changes: Change[]; after?: () => void } | null;
}

type Gesture =
  | { kind: "note"; id: string; startX: number; startY: number; origin: Map<string, [number, number]>; moved: boolean }
  | { kind: "pan"; lastX: number; lastY: number; moved: boolean }
  | { kind: "band"; x0: number; y0: number; el: HTMLElement; moved: boolean };

const noteOf = (t: EventTarget | null) => (t instanceof Element ? (t.closest(".note") as HTMLElement | null) : null);
const zoneOf = (t: EventTarget | null) => (t instanceof Element ? (t.closest(".zone") as HTMLElement | null) : null);
const isControl = (t: EventTarget | null) =>
  t instanceof Element && !!t.closest(".note-editor, .note-layer, button, input, select, textarea, a, .board-menu");

export function attachPointer(p: BoardParts, a: BoardActions, placing: Placing, hooks: PointerHooks): () => void {
  const vp = p.viewport;
  let g: Gesture | null = null;
  let pointerId = -1;
  let longPress: ReturnType<typeof setTimeout> | null = null;
  let lastTap = { time: 0, x: 0, y: 0 };
  /** When a finger last lifted: the browser's own dblclick after two taps is not a second note. */
  let lastTouch = -Infinity;

  const stopLongPress = () => {
    if (longPress !== null) clearTimeout(longPress);
    longPress = null;
  };

  const menuTarget = (ev: { target: EventTarget | null; clientX: number; clientY: number }): MenuTarget => {
    const note = noteOf(ev.target)?.dataset.item;
    const zone = zoneOf(ev.target)?.dataset.zone;
    return { ...(note ? { note } : {}), ...(zone ? { zone } : {}), at: p.camera.toBoard(ev.clientX, ev.clientY) };
  };

  /** Puts dragged notes back where the board has them (a cancel, a pinch, a lock). */
  const abandon = () => {
    if (g?.kind === "note" && g.moved) {
      for (const [id, [x, y]] of g.origin) p.notes.position(id, x, y);
      a.dragging.clear();
      p.client.setDrag(null);
    }
    if (g?.kind === "band") g.el.remove();
    p.root.classList.remove("dragging");
    g = null;
    pointerId = -1;
    stopLongPress();
  };

  const down = (ev: PointerEvent) => {
    if (hooks.pinch.down(ev)) return abandon(); // a second finger: pinch takes over
    if ((ev.button !== 0 && ev.button !== 1) || isControl(ev.target) || g) return;
    const noteEl = ev.button === 0 ? noteOf(ev.target) : null;
    if (ev.pointerType === "touch") {
      // No emulated mouse events after the finger: their focus change would close an editor a
      // double tap just opened.
      ev.preventDefault();
      const target = menuTarget(ev);
      longPress = setTimeout(() => {
        longPress = null;
        if (g && !g.moved) {
          abandon();
          hooks.openMenu(ev.clientX, ev.clientY, target);
        }
      }, LONG_PRESS_MS);
    }
    if (noteEl) {
      const id = noteEl.dataset.item!;
      if (ev.shiftKey || ev.ctrlKey || ev.metaKey) a.select([id], "toggle");
      else if (!a.selection.has(id)) a.select([id]);
      const origin = new Map<string, [number, number]>();
      if (!p.readonly && a.selection.has(id)) {
        for (const t of a.targets(id)) {
          const n = p.notes.data(t);
          if (n) origin.set(t, [n.x, n.y]);
        }
      }
      g = { kind: "note", id, startX: ev.clientX, startY: ev.clientY, origin, moved: false };
    } else if ((ev.shiftKey || hooks.selecting()) && ev.button === 0) {
      const [x0, y0] = p.camera.toBoard(ev.clientX, ev.clientY);
      const el = h("div", { class: "rubber-band", "aria-hidden": "true" });
      p.layer.append(el);
      g = { kind: "band", x0, y0, el, moved: false };
      ev.preventDefault(); // no text selection while banding
    } else {
      g = { kind: "pan", lastX: ev.clientX, lastY: ev.clientY, moved: false };
    }
    pointerId = ev.pointerId;
  };

  const move = (ev: PointerEvent) => {
    if (hooks.pinch.move(ev)) return;
    if (ev.pointerType !== "touch") a.setCursor(p.camera.toBoard(ev.clientX, ev.clientY));
    if (!g || ev.pointerId !== pointerId) return;
    if (g.kind === "note") {
      if (!g.moved && Math.hypot(ev.clientX - g.startX, ev.clientY - g.startY) < THRESHOLD) return;
      if (!g.moved) {
        if (g.origin.size === 0) return; // observer, or a toggled-off note: nothing to drag
        g.moved = true;
        stopLongPress();
        vp.setPointerCapture(ev.pointerId);
        if (p.editor.editing && g.origin.has(p.editor.editing)) p.editor.close();
        p.root.classList.add("dragging");
      }
      const dx = (ev.clientX - g.startX) / p.camera.scale;
      const dy = (ev.clientY - g.startY) / p.camera.scale;
      for (const [id, [x, y]] of g.origin) {
        a.dragging.set(id, [x + dx, y + dy]);
        p.notes.position(id, x + dx, y + dy);
      }
      // Others see the notes move while held: presence, at its rate, not a batch per move (PR-5).
      p.client.setDrag([...a.dragging].map(([id, [x, y]]) => [id, x, y]));
    } else if (g.kind === "pan") {
      const dx = ev.clientX - g.lastX;
      const dy = ev.clientY - g.lastY;
      if (!g.moved && Math.abs(dx) + Math.abs(dy) < THRESHOLD) return;
      if (!g.moved) {
        stopLongPress();
        vp.setPointerCapture(ev.pointerId);
      }
      g.moved = true;
      g.lastX = ev.clientX;
      g.lastY = ev.clientY;
      p.camera.panBy(dx, dy);
    } else {
      if (!g.moved) vp.setPointerCapture(ev.pointerId);
      stopLongPress();
      g.moved = true;
      const [x, y] = p.camera.toBoard(ev.clientX, ev.clientY);
      const r = normalizeRect(g.x0, g.y0, x, y);
      Object.assign(g.el.style, { left: `${r.x}px`, top: `${r.y}px`, width: `${r.w}px`, height: `${r.h}px` });
    }
  };

  const up = (ev: PointerEvent) => {
    if (ev.pointerType === "touch") lastTouch = performance.now();
    if (hooks.pinch.up(ev)) return;
    if (!g || ev.pointerId !== pointerId) return;
    const done = g;
    g = null;
    pointerId = -1;
    stopLongPress();
    p.root.classList.remove("dragging");
    if (vp.hasPointerCapture(ev.pointerId)) vp.releasePointerCapture(ev.pointerId);
    if (done.kind === "note") {
      if (!done.moved) return tapped(ev, done.id);
      const moves = [...done.origin.keys()].map((id) => {
        const [x, y] = a.dragging.get(id)!;
        return { id, x, y };
      });
      a.dragging.clear();
      const theme = hooks.dropped?.(moves) ?? null;
      if (placing.moveTo(theme?.moves ?? moves, theme?.changes)) theme?.after?.();
      p.client.setDrag(null);
    } else if (done.kind === "band") {
      done.el.remove();
      const [x, y] = p.camera.toBoard(ev.clientX, ev.clientY);
      const r = normalizeRect(done.x0, done.y0, x, y);
      const hit = p.notes.ids().filter((id) => overlaps(p.notes.data(id)!, r));
      if (done.moved) a.select(hit, "add");
    } else if (!done.moved) {
      a.clearSelection(); // a plain click on empty board
      tapped(ev, null);
    }
  };

  /** A second tap on the same spot soon after the first: edit the note, or add one there. */
  const tapped = (ev: PointerEvent, note: string | null) => {
    if (ev.pointerType !== "touch") return;
    const now = performance.now();
    const again = now - lastTap.time < DOUBLE_TAP_MS && Math.hypot(ev.clientX - lastTap.x, ev.clientY - lastTap.y) < 24;
    lastTap = again ? { time: 0, x: 0, y: 0 } : { time: now, x: ev.clientX, y: ev.clientY };
    if (!again) return;
    if (note) a.edit(note);
    else placing.createAt(...p.camera.toBoard(ev.clientX, ev.clientY));
  };

  const cancel = (ev: PointerEvent) => {
    hooks.pinch.up(ev);
    if (ev.pointerId === pointerId) abandon();
  };

  const dbl = (ev: MouseEvent) => {
    if (isControl(ev.target) || performance.now() - lastTouch < 800) return;
    const noteEl = noteOf(ev.target);
    if (noteEl) a.edit(noteEl.dataset.item!);
    else placing.createAt(...p.camera.toBoard(ev.clientX, ev.clientY));
  };

  const context = (ev: MouseEvent) => {
    if (isControl(ev.target)) return;
    ev.preventDefault();
    const note = noteOf(ev.target)?.dataset.item;
    if (note && !a.selection.has(note)) a.select([note]);
    hooks.openMenu(ev.clientX, ev.clientY, menuTarget(ev));
  };

  const wheel = (ev: WheelEvent) => {
    if (isControl(ev.target)) return;
    ev.preventDefault();
    // A mouse wheel (lines) or a trackpad pinch (ctrlKey) zooms; two fingers on a trackpad pan.
    if (ev.ctrlKey || ev.metaKey || ev.deltaMode !== 0 || Math.abs(ev.deltaY) >= 100 && ev.deltaX === 0) {
      const unit = ev.deltaMode === 1 ? 16 : ev.deltaMode === 2 ? 400 : 1;
      p.camera.zoomAtClient(Math.exp(-ev.deltaY * unit * (ev.ctrlKey ? 0.01 : 0.0015)), ev.clientX, ev.clientY);
    } else {
      p.camera.panBy(-ev.deltaX, -ev.deltaY);
    }
  };

  const leave = () => a.setCursor(null);

  // A browser may still scroll the clipped viewport to reveal a focused element: turn that
  // scroll into a pan so board coordinates stay right.
  const scrolled = () => {
    const { scrollLeft, scrollTop } = vp;
    if (!scrollLeft && !scrollTop) return;
    vp.scrollLeft = 0;
    vp.scrollTop = 0;
    p.camera.panBy(-scrollLeft, -scrollTop);
  };

  // Keyboard focus on a note or zone outside the view pans it into view.
  const focusIn = (ev: FocusEvent) => {
    const el = ev.target instanceof HTMLElement ? ev.target.closest<HTMLElement>(".note, .zone") : null;
    if (!el) return;
    p.camera.reveal(el.offsetLeft, el.offsetTop, el.offsetWidth, el.offsetHeight);
  };

  const listeners: [string, EventListener][] = [
    ["pointerdown", down as EventListener],
    ["pointermove", move as EventListener],
    ["pointerup", up as EventListener],
    ["pointercancel", cancel as EventListener],
    ["pointerleave", leave],
    ["dblclick", dbl as EventListener],
    ["contextmenu", context as EventListener],
    ["scroll", scrolled],
    ["focusin", focusIn as EventListener],
  ];
  for (const [type, fn] of listeners) vp.addEventListener(type, fn);
  vp.addEventListener("wheel", wheel, { passive: false });
  return () => {
    abandon();
    for (const [type, fn] of listeners) vp.removeEventListener(type, fn);
    vp.removeEventListener("wheel", wheel);
  };
}
