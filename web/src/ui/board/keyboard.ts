// Keyboard use of the board: Tab reaches zones and notes; on a zone N or Enter adds a note; on a
// note Enter edits, arrows move (Shift: further), Space toggles selection, Delete removes;
// Escape clears the selection; Ctrl/Cmd+Z undoes, Ctrl/Cmd+Shift+Z or Ctrl+Y redoes.
import type { BoardActions } from "./actions";
import type { BoardParts } from "./view";

const STEP = 10;
const BIG_STEP = 50;

const ARROWS: Record<string, [number, number]> = {
  ArrowLeft: [-1, 0],
  ArrowRight: [1, 0],
  ArrowUp: [0, -1],
  ArrowDown: [0, 1],
};

function isTextField(t: EventTarget | null): boolean {
  return t instanceof HTMLElement && (t.isContentEditable || !!t.closest("input, textarea, select"));
}

export function attachKeyboard(p: BoardParts, a: BoardActions): () => void {
  let lastPointer = 0;

  const onKey = (ev: KeyboardEvent) => {
    if (isTextField(ev.target)) return; // typing wins there (merged text fields undo by themselves, ui/text)
    const mod = ev.ctrlKey || ev.metaKey;
    const key = ev.key.toLowerCase();
    if (mod && !ev.altKey && (key === "z" || key === "y")) {
      ev.preventDefault();
      if (key === "y" || ev.shiftKey) a.redo();
      else a.undo();
      return;
    }
    const target = ev.target instanceof HTMLElement ? ev.target : null;
    if (!target || !p.root.contains(target) || mod || ev.altKey) return;

    const note = target.closest<HTMLElement>(".note");
    if (note) {
      const id = note.dataset.item!;
      const arrow = ARROWS[ev.key];
      if (ev.key === "Enter" || ev.key === "F2") {
        ev.preventDefault();
        a.edit(id);
      } else if (ev.key === "Delete" || ev.key === "Backspace") {
        ev.preventDefault();
        a.deleteIds(a.targets(id));
      } else if (arrow) {
        ev.preventDefault();
        const step = ev.shiftKey ? BIG_STEP : STEP;
        a.nudge(a.targets(id), arrow[0] * step, arrow[1] * step);
        note.focus({ preventScroll: true });
      } else if (ev.key === " ") {
        ev.preventDefault();
        a.select([id], "toggle");
      } else if (ev.key === "Escape") {
        a.clearSelection();
      }
      return;
    }
    const zone = target.closest<HTMLElement>(".zone");
    if (zone && (key === "n" || ev.key === "Enter")) {
      ev.preventDefault();
      a.createInZone(zone.dataset.zone!);
    } else if (ev.key === "Escape") {
      a.clearSelection();
    }
  };

  // Tabbing onto a note selects it (unless a multi-selection is being built with Space), so
  // the toolbar's colour and delete buttons work for keyboard users too.
  const onFocus = (ev: FocusEvent) => {
    if (Date.now() - lastPointer < 500) return;
    const note = ev.target instanceof HTMLElement ? ev.target.closest<HTMLElement>(".note") : null;
    if (note && a.selection.size <= 1) a.select([note.dataset.item!]);
  };
  const onPointer = () => (lastPointer = Date.now());

  document.addEventListener("keydown", onKey);
  p.root.addEventListener("focusin", onFocus);
  p.root.addEventListener("pointerdown", onPointer, true);
  return () => {
    document.removeEventListener("keydown", onKey);
    p.root.removeEventListener("focusin", onFocus);
    p.root.removeEventListener("pointerdown", onPointer, true);
  };
}
