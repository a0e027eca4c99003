// Keyboard use of the board: Tab reaches zones and notes; on a zone N or Enter adds a note; on a
// note Enter edits, arrows move (Shift: further), Space toggles selection; Delete or Backspace
// deletes whatever is selected (a rubber band's notes too); Ctrl/Cmd+A selects every note, +C
// copies, +V pastes, +D duplicates, +Z undoes, +Shift+Z or Ctrl+Y redoes; Shift+F10 or the context
// menu key opens the menu; Escape clears the selection. Text fields keep their own keys.
import type { BoardActions } from "./actions";
import type { BoardParts } from "./parts";
import type { Placing } from "./placing";
import type { MenuTarget } from "./pointer";

const STEP = 10;
const BIG_STEP = 50;
/** How long a Ctrl+V waits for the browser's paste event before pasting the page's own copy. */
const PASTE_WAIT_MS = 60;

const ARROWS: Record<string, [number, number]> = {
  ArrowLeft: [-1, 0],
  ArrowRight: [1, 0],
  ArrowUp: [0, -1],
  ArrowDown: [0, 1],
};

/** The MIME type a copy puts beside the plain text, so a paste knows the notes are ours. */
const NOTES_TYPE = "application/x-samenbord-notes";

function isTextField(t: EventTarget | null): boolean {
  return t instanceof HTMLElement && (t.isContentEditable || !!t.closest("input, textarea, select"));
}

export function attachKeyboard(p: BoardParts, a: BoardActions, placing: Placing, openMenu: (el: HTMLElement, target: MenuTarget) => void): () => void {
  let lastPointer = 0;
  let pasteTimer: ReturnType<typeof setTimeout> | null = null;
  /** Ctrl+C already copied the notes; its copy event only adds them to the system clipboard. */
  let copied = false;
  /** Keys count on the board when focus is in it, or nowhere (the page body). */
  const onBoard = (t: EventTarget | null) => t instanceof Node && (p.root.contains(t) || t === document.body || t === document.documentElement);

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
    if (!onBoard(ev.target)) return;
    if (mod && !ev.altKey && !ev.shiftKey) {
      if (key === "a") {
        ev.preventDefault();
        a.selectAll();
      } else if (key === "d") {
        ev.preventDefault(); // not the browser's bookmark
        placing.duplicate();
      } else if (key === "c" && a.selection.size > 0) {
        copied = placing.copy() > 0; // the copy event that follows also fills the system clipboard
      } else if (key === "v") {
        // The paste event brings the system clipboard; without one (no permission, nothing there)
        // the page's own copy is pasted.
        if (pasteTimer !== null) clearTimeout(pasteTimer);
        pasteTimer = setTimeout(() => {
          pasteTimer = null;
          placing.paste();
        }, PASTE_WAIT_MS);
      }
      return;
    }
    if (mod || ev.altKey) return;
    if ((ev.key === "Delete" || ev.key === "Backspace") && a.selection.size > 0) {
      ev.preventDefault();
      const focused = ev.target instanceof HTMLElement ? ev.target.closest<HTMLElement>(".note") : null;
      a.deleteIds(focused ? a.targets(focused.dataset.item!) : [...a.selection]);
      return;
    }
    const target = ev.target instanceof HTMLElement ? ev.target : null;
    if (target && (ev.key === "ContextMenu" || (ev.key === "F10" && ev.shiftKey))) {
      ev.preventDefault();
      const note = target.closest<HTMLElement>(".note")?.dataset.item;
      const zone = target.closest<HTMLElement>(".zone")?.dataset.zone;
      openMenu(target, { ...(note ? { note } : {}), ...(zone ? { zone } : {}), at: [0, 0] });
      return;
    }
    const note = target?.closest<HTMLElement>(".note");
    if (note) {
      const id = note.dataset.item!;
      const arrow = ARROWS[ev.key];
      if (ev.key === "Enter" || ev.key === "F2") {
        ev.preventDefault();
        a.edit(id);
      } else if (arrow) {
        ev.preventDefault();
        const step = ev.shiftKey ? BIG_STEP : STEP;
        placing.nudge(a.targets(id), arrow[0] * step, arrow[1] * step);
        note.focus({ preventScroll: true });
      } else if (ev.key === " ") {
        ev.preventDefault();
        a.select([id], "toggle");
      } else if (ev.key === "Escape") {
        a.clearSelection();
      }
      return;
    }
    const zone = target?.closest<HTMLElement>(".zone");
    if (zone && (key === "n" || ev.key === "Enter")) {
      ev.preventDefault();
      placing.createInZone(zone.dataset.zone!);
    } else if (ev.key === "Escape") {
      a.clearSelection();
    }
  };

  const onCopy = (ev: ClipboardEvent) => {
    if (isTextField(ev.target) || !onBoard(ev.target) || a.selection.size === 0) return;
    if (!copied && placing.copy() === 0) return; // a copy from the browser's menu, not Ctrl+C
    copied = false;
    ev.preventDefault();
    ev.clipboardData?.setData("text/plain", placing.copiedText());
    ev.clipboardData?.setData(NOTES_TYPE, "1");
  };

  const onPaste = (ev: ClipboardEvent) => {
    if (isTextField(ev.target) || !onBoard(ev.target)) return;
    ev.preventDefault();
    if (pasteTimer !== null) clearTimeout(pasteTimer);
    pasteTimer = null;
    const data = ev.clipboardData;
    const text = data?.getData("text/plain") ?? "";
    // Our own notes (or nothing readable): the page's copy, with colours and zones; else the text.
    if (!text || data?.types.includes(NOTES_TYPE) || text === placing.copiedText()) placing.paste();
    else placing.pasteText(text);
  };

  // Tabbing onto a note selects it (unless a multi-selection is being built with Space), so
  // the tools' colour and delete buttons work for keyboard users too.
  const onFocus = (ev: FocusEvent) => {
    if (Date.now() - lastPointer < 500) return;
    const note = ev.target instanceof HTMLElement ? ev.target.closest<HTMLElement>(".note") : null;
    if (note && a.selection.size <= 1) a.select([note.dataset.item!]);
  };
  const onPointer = () => (lastPointer = Date.now());

  document.addEventListener("keydown", onKey);
  document.addEventListener("copy", onCopy);
  document.addEventListener("paste", onPaste);
  p.root.addEventListener("focusin", onFocus);
  p.root.addEventListener("pointerdown", onPointer, true);
  return () => {
    if (pasteTimer !== null) clearTimeout(pasteTimer);
    document.removeEventListener("keydown", onKey);
    document.removeEventListener("copy", onCopy);
    document.removeEventListener("paste", onPaste);
    p.root.removeEventListener("focusin", onFocus);
    p.root.removeEventListener("pointerdown", onPointer, true);
  };
}
