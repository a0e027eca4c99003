// The board's floating tools (issue 15): a compact strip with "add note" (click, or drag the pad
// onto the board), the select tool, undo and redo (enabled by the real stacks); the zoom cluster;
// and the selection bar that appears while notes are selected (colours, duplicate, delete). On a
// phone the strip sits at the bottom (styles.css). Edit tools are left out, not disabled, for
// whoever cannot edit (observers, everyone but facilitators on a locked board).
import { PALETTE } from "../colors";
import { h } from "../dom";
import { bind, t, type Key } from "../i18n";
import { icon, type IconName } from "../icons";

export interface ToolActions {
  addNote(): void;
  /** The add-note pad dropped at a screen point; false when that point is off the board. */
  dropNote(clientX: number, clientY: number): boolean;
  undo(): void;
  redo(): void;
  zoomIn(): void;
  zoomOut(): void;
  fit(): void;
  color(color: string): void;
  duplicate(): void;
  remove(): void;
}

export interface Tools {
  strip: HTMLElement;
  zoom: HTMLElement;
  selection: HTMLElement;
  setUndoRedo(canUndo: boolean, canRedo: boolean): void;
  setSelection(count: number): void;
  setReadonly(readonly: boolean): void;
  setZoom(scale: number): void;
  /** Whether the select tool is on (a background drag selects instead of panning). */
  selecting(): boolean;
}

/** An icon button named by `key` (aria-label and tooltip); `text` also shows the name beside the icon. */
export function toolButton(id: string | null, key: Key, name: IconName, onClick: () => void, text = false): HTMLButtonElement {
  const btn = h("button", { type: "button", class: `tool${text ? " tool-labelled" : ""}`, id });
  bind(btn, (el) => {
    el.replaceChildren(icon(name), ...(text ? [h("span", { class: "tool-text" }, t(key))] : []));
    // Also when the text shows: a phone hides it, and the name must stay.
    el.setAttribute("aria-label", t(key));
    el.title = t(key);
  });
  btn.addEventListener("click", onClick);
  return btn;
}

export function buildTools(readonly: boolean, a: ToolActions): Tools {
  const add = toolButton("add-note", "addNote", "plus", () => {}, true);
  add.classList.add("tool-primary");
  padDrag(add, a);
  let selectOn = false;
  const select = toolButton("select-mode", "selectMode", "select", () => {
    selectOn = !selectOn;
    select.setAttribute("aria-pressed", String(selectOn));
  });
  select.setAttribute("aria-pressed", "false");
  const undo = toolButton("undo", "undo", "undo", a.undo);
  const redo = toolButton("redo", "redo", "redo", a.redo);
  const strip = h("div", { class: "board-tools", role: "toolbar", "aria-orientation": "vertical" }, add, select, undo, redo);
  bind(strip, (el) => el.setAttribute("aria-label", t("toolbar")));

  const level = h("output", { id: "zoom-level", class: "zoom-level", "aria-live": "off" });
  const zoom = h(
    "div",
    { class: "zoom-tools", role: "group" },
    toolButton("zoom-out", "zoomOut", "zoomOut", a.zoomOut),
    level,
    toolButton("zoom-in", "zoomIn", "zoomIn", a.zoomIn),
    toolButton("zoom-reset", "zoomReset", "fit", a.fit),
  );
  bind(zoom, (el) => el.setAttribute("aria-label", t("zoomLabel")));

  const colors = bind(h("div", { class: "colors", role: "group" }), (el) => el.setAttribute("aria-label", t("colorsLabel")));
  for (const p of PALETTE) {
    const b = bind(h("button", { type: "button", class: "swatch", "data-color": p.color }), (el) => {
      el.setAttribute("aria-label", t(`color_${p.key}`));
      el.title = t(`color_${p.key}`);
    });
    b.style.background = p.color;
    b.addEventListener("click", () => a.color(p.color));
    colors.append(b);
  }
  const count = h("span", { class: "selection-count", "aria-live": "polite" });
  const dup = toolButton("duplicate-note", "duplicateNote", "copy", a.duplicate);
  const del = toolButton("delete-note", "deleteNoteLabel", "trash", a.remove);
  const selection = h("div", { class: "selection-bar", role: "toolbar" }, count, colors, dup, del);
  bind(selection, (el) => el.setAttribute("aria-label", t("selectionBar")));

  let ro = readonly;
  let canUndo = false;
  let canRedo = false;
  let selected = 0;
  const paint = () => {
    add.hidden = undo.hidden = redo.hidden = ro;
    undo.disabled = !canUndo;
    redo.disabled = !canRedo;
    selection.hidden = ro || selected === 0;
    del.disabled = selected === 0;
    count.textContent = selected > 0 ? t("selectedCount", { n: selected }) : "";
  };
  bind(count, paint);

  return {
    strip,
    zoom,
    selection,
    setUndoRedo(u, r) {
      canUndo = u;
      canRedo = r;
      paint();
    },
    setSelection(n) {
      selected = n;
      paint();
    },
    setReadonly(r) {
      ro = r;
      paint();
    },
    setZoom(scale) {
      level.textContent = `${Math.round(scale * 100)}%`;
    },
    selecting: () => selectOn,
  };
}

/**
 * The add-note button is also a pad: a click adds a note where the view is; dragging from it
 * carries a note (a ghost under the pointer) and drops it where it is let go.
 */
function padDrag(button: HTMLButtonElement, a: ToolActions): void {
  let start: { x: number; y: number; id: number } | null = null;
  let ghost: HTMLElement | null = null;
  let dropped = false;
  button.addEventListener("pointerdown", (ev) => {
    if (ev.button !== 0) return;
    start = { x: ev.clientX, y: ev.clientY, id: ev.pointerId };
    dropped = false;
    button.setPointerCapture(ev.pointerId);
  });
  button.addEventListener("pointermove", (ev) => {
    if (!start || ev.pointerId !== start.id) return;
    if (!ghost && Math.hypot(ev.clientX - start.x, ev.clientY - start.y) > 8) {
      ghost = h("div", { class: "note-ghost", "aria-hidden": "true" });
      document.body.append(ghost);
    }
    if (ghost) Object.assign(ghost.style, { left: `${ev.clientX}px`, top: `${ev.clientY}px` });
  });
  const end = (ev: PointerEvent, drop: boolean) => {
    if (!start || ev.pointerId !== start.id) return;
    start = null;
    if (ghost) {
      ghost.remove();
      ghost = null;
      dropped = drop && a.dropNote(ev.clientX, ev.clientY);
      if (!dropped) dropped = true; // a drag that ended off the board adds nothing, and is no click
    }
  };
  button.addEventListener("pointerup", (ev) => end(ev, true));
  button.addEventListener("pointercancel", (ev) => end(ev, false));
  button.addEventListener("click", () => {
    if (dropped) {
      dropped = false;
      return;
    }
    a.addNote();
  });
}
