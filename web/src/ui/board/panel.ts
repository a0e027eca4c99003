// The panel beside the board (#board-panel): the facilitator's board controls and the results of a
// closed vote. It opens and closes with #panel-toggle and never sits above the board: while open
// the board's viewport gets narrower (on a phone it is a sheet over the lower part). Participants
// get the toggle only while there are results to read.
import { h } from "../dom";
import { bind, t } from "../i18n";
import { toolButton } from "./tools";

export interface Panel {
  el: HTMLElement;
  toggle: HTMLButtonElement;
  readonly open: boolean;
  setOpen(open: boolean): void;
  /** Whether the toggle is offered at all (facilitators always; others while results show). */
  setAvailable(available: boolean): void;
}

const KEY = "samenbord.panelOpen";

/** Whether the facilitator had the panel open last time (localStorage `samenbord.panelOpen`). */
export function rememberedOpen(): boolean {
  try {
    return globalThis.localStorage?.getItem(KEY) === "1";
  } catch {
    return false;
  }
}

function remember(open: boolean): void {
  try {
    globalThis.localStorage?.setItem(KEY, open ? "1" : "0");
  } catch {
    // not remembered: it starts closed next time
  }
}

/** `remembering`: the open state is kept for the next board (the facilitator's own choice). */
export function buildPanel(content: HTMLElement[], onChange: (open: boolean) => void, remembering = false): Panel {
  const heading = bind(h("h2", { id: "board-panel-title", class: "panel-title" }), (el) => (el.textContent = t("panelTitle")));
  const close = toolButton("panel-close", "panelClose", "close", () => set(false));
  const el = h("aside", { id: "board-panel", class: "board-panel", "aria-labelledby": "board-panel-title" },
    h("div", { class: "panel-head" }, heading, close), ...content);
  el.hidden = true;
  const toggle = toolButton("panel-toggle", "panelToggle", "panel", () => set(!open), true);
  toggle.setAttribute("aria-controls", "board-panel");
  toggle.setAttribute("aria-expanded", "false");
  let open = false;
  const set = (on: boolean, byPerson = true) => {
    if (on === open) return;
    open = on;
    if (remembering && byPerson) remember(on);
    el.hidden = !on;
    toggle.setAttribute("aria-expanded", String(on));
    onChange(on);
    if (!on && el.contains(document.activeElement)) toggle.focus();
  };
  return {
    el,
    toggle,
    get open() {
      return open;
    },
    setOpen: set,
    setAvailable(available) {
      toggle.hidden = !available;
      if (!available) set(false, false);
      else if (remembering && rememberedOpen()) set(true, false);
    },
  };
}
