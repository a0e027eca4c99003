// Pointer handling on the viewport: drag notes (all selected ones when the dragged one is
// selected), pan by dragging the background, Shift-drag for a rubber band, wheel zoom around the
// pointer, double-click to create or edit, and the presence cursor.
import { h } from "../dom";
import { normalizeRect, overlaps } from "./geometry";
import type { BoardActions } from "./actions";
import type { BoardParts } from "./view";

const THRESHOLD = 4; // px before a press becomes a drag, so clicks stay clicks

type Gesture =
  | { kind: "note"; id: string; startX: number; startY: number; origin: Map<string, [number, number]>; moved: boolean; toggled: boolean }
  | { kind: "pan"; lastX: number; lastY: number; moved: boolean }
  | { kind: "band"; x0: number; y0: number; el: HTMLElement; moved: boolean };

const noteOf = (t: EventTarget | null) => (t instanceof Element ? (t.closest(".note") as HTMLElement | null) : null);
const isControl = (t: EventTarget | null) =>
  t instanceof Element && !!t.closest(".note-editor, .note-layer, button, input, select, textarea, a");

export function attachPointer(p: BoardParts, a: BoardActions): () => void {
  const vp = p.viewport;
  let g: Gesture | null = null;
  let pointerId = -1;

  const down = (ev: PointerEvent) => {
    if ((ev.button !== 0 && ev.button !== 1) || isControl(ev.target) || g) return;
    const noteEl = ev.button === 0 ? noteOf(ev.target) : null;
    if (noteEl) {
      const id = noteEl.dataset.item!;
      let toggled = false;
      if (ev.shiftKey || ev.ctrlKey || ev.metaKey) {
        a.select([id], "toggle");
        toggled = true;
      } else if (!a.selection.has(id)) {
        a.select([id]);
      }
      const origin = new Map<string, [number, number]>();
      if (!p.readonly && a.selection.has(id)) {
        for (const t of a.targets(id)) {
          const n = p.notes.data(t);
          if (n) origin.set(t, [n.x, n.y]);
        }
      }
      g = { kind: "note", id, startX: ev.clientX, startY: ev.clientY, origin, moved: false, toggled };
    } else if (ev.shiftKey && ev.button === 0) {
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
    a.setCursor(p.camera.toBoard(ev.clientX, ev.clientY));
    if (!g || ev.pointerId !== pointerId) return;
    if (g.kind === "note") {
      const dx = (ev.clientX - g.startX) / p.camera.scale;
      const dy = (ev.clientY - g.startY) / p.camera.scale;
      if (!g.moved && Math.hypot(ev.clientX - g.startX, ev.clientY - g.startY) < THRESHOLD) return;
      if (!g.moved) {
        if (g.origin.size === 0) return; // observer, or a toggled-off note: nothing to drag
        g.moved = true;
        vp.setPointerCapture(ev.pointerId);
        if (p.editor.editing && g.origin.has(p.editor.editing)) p.editor.close();
        p.root.classList.add("dragging");
      }
      for (const [id, [x, y]] of g.origin) {
        a.dragging.set(id, [x + dx, y + dy]);
        p.notes.position(id, x + dx, y + dy);
      }
    } else if (g.kind === "pan") {
      const dx = ev.clientX - g.lastX;
      const dy = ev.clientY - g.lastY;
      if (!g.moved && Math.abs(dx) + Math.abs(dy) < THRESHOLD) return;
      if (!g.moved) vp.setPointerCapture(ev.pointerId);
      g.moved = true;
      g.lastX = ev.clientX;
      g.lastY = ev.clientY;
      p.camera.panBy(dx, dy);
    } else {
      if (!g.moved) vp.setPointerCapture(ev.pointerId);
      g.moved = true;
      const [x, y] = p.camera.toBoard(ev.clientX, ev.clientY);
      const r = normalizeRect(g.x0, g.y0, x, y);
      Object.assign(g.el.style, { left: `${r.x}px`, top: `${r.y}px`, width: `${r.w}px`, height: `${r.h}px` });
    }
  };

  const up = (ev: PointerEvent) => {
    if (!g || ev.pointerId !== pointerId) return;
    const done = g;
    g = null;
    pointerId = -1;
    p.root.classList.remove("dragging");
    if (vp.hasPointerCapture(ev.pointerId)) vp.releasePointerCapture(ev.pointerId);
    if (done.kind === "note") {
      if (!done.moved) return;
      const moves = [...done.origin.keys()].map((id) => {
        const [x, y] = a.dragging.get(id)!;
        return { id, x, y };
      });
      a.dragging.clear();
      a.moveTo(moves);
    } else if (done.kind === "band") {
      done.el.remove();
      const [x, y] = p.camera.toBoard(ev.clientX, ev.clientY);
      const r = normalizeRect(done.x0, done.y0, x, y);
      const hit = p.notes.ids().filter((id) => overlaps(p.notes.data(id)!, r));
      if (done.moved) a.select(hit, "add");
    } else if (!done.moved && ev.type === "pointerup") {
      a.clearSelection(); // a plain click on empty board
    }
  };

  const cancel = (ev: PointerEvent) => {
    if (g?.kind === "note" && g.moved) {
      for (const [id, [x, y]] of g.origin) p.notes.position(id, x, y);
      a.dragging.clear();
    }
    if (g?.kind === "band") g.el.remove();
    up(ev);
  };

  const dbl = (ev: MouseEvent) => {
    if (isControl(ev.target)) return;
    const noteEl = noteOf(ev.target);
    if (noteEl) a.edit(noteEl.dataset.item!);
    else {
      const [x, y] = p.camera.toBoard(ev.clientX, ev.clientY);
      a.createAt(x, y);
    }
  };

  const wheel = (ev: WheelEvent) => {
    if (isControl(ev.target)) return;
    ev.preventDefault();
    const unit = ev.deltaMode === 1 ? 16 : ev.deltaMode === 2 ? 400 : 1;
    p.camera.zoomAtClient(Math.exp(-ev.deltaY * unit * 0.0015), ev.clientX, ev.clientY);
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
    ["scroll", scrolled],
    ["focusin", focusIn as EventListener],
  ];
  for (const [type, fn] of listeners) vp.addEventListener(type, fn);
  vp.addEventListener("wheel", wheel, { passive: false });
  return () => {
    for (const [type, fn] of listeners) vp.removeEventListener(type, fn);
    vp.removeEventListener("wheel", wheel);
  };
}
