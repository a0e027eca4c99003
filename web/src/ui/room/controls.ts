// The facilitator's timer, instruction and round controls in the room view (FA-9 room actions).
import { h } from "../dom";
import { bind, t, type Key } from "../i18n";
import type { Run } from "./run";
import { DEFAULT_TURN, MAX_TURN, MIN_TURN, roundStartArgs } from "./round-answers";
import { clockText, readClock } from "./split";
import type { RoomState } from "./state";

export interface ControlsOptions {
  run: Run;
  showError: (message: string | null) => void;
  /** A control runner that shows its failures where `show` puts them (at the card's buttons). */
  runner?: (show: (message: string | null) => void) => Run;
}

/** A card's own error line, right under its buttons, and the runner that fills it. */
function localErrors(o: ControlsOptions, id: string): { error: HTMLElement; show: (message: string | null) => void; run: Run } {
  const error = h("p", { id, class: "alert control-error", role: "alert", hidden: true });
  const show = (message: string | null) => {
    error.textContent = message ?? "";
    error.hidden = !message;
  };
  return { error, show, run: o.runner ? o.runner(show) : o.run };
}

/** The timer's presets in seconds (FA-15). */
export const TIMER_PRESETS = [60, 180, 300] as const;

function button(id: string, key: Key, onClick: () => void, primary = false): HTMLButtonElement {
  const b = bind(h("button", { id, type: "button", class: primary ? "btn btn-primary" : "btn" }), (el) => (el.textContent = t(key)));
  b.addEventListener("click", onClick);
  return b;
}

function field(control: HTMLElement & { id: string }, key: Key): HTMLElement {
  const label = bind(h("label", { for: control.id }), (el) => (el.textContent = t(key)));
  return h("div", { class: "field" }, label, control);
}

function check(box: HTMLInputElement & { id: string }, key: Key): HTMLElement {
  const label = bind(h("label", { for: box.id }), (el) => (el.textContent = t(key)));
  return h("div", { class: "field field-check" }, box, label);
}

function card(titleKey: Key, ...children: HTMLElement[]): HTMLElement {
  const title = bind(h("h3"), (el) => (el.textContent = t(titleKey)));
  return h("section", { class: "card room-card" }, title, ...children);
}

// Buttons stay enabled whatever the state: the node refuses what does not apply (bad_message,
// shown in #room-error), and a click never silently does nothing while the state is on its way.
export function buildTimerControls(o: ControlsOptions): { el: HTMLElement } {
  const { error, show, run } = localErrors(o, "timer-error");
  // Minutes:seconds, as a facilitator says it ("5:00", "0:45"); a bare number is minutes.
  const time = h("input", { id: "timer-time", type: "text", value: clockText(300), inputmode: "numeric", autocomplete: "off", "aria-describedby": "timer-time-help" });
  const help = bind(h("p", { id: "timer-time-help", class: "help" }), (el) => (el.textContent = t("timerTimeHelp")));
  const presets = TIMER_PRESETS.map((secs) => {
    const b = bind(h("button", { type: "button", class: "btn btn-quiet", "data-preset": secs }), (el) => (el.textContent = t("timerPreset", { n: secs / 60 })));
    b.addEventListener("click", () => {
      time.value = clockText(secs);
      void run("timerStart", { seconds: secs });
    });
    return b;
  });
  const start = button("timer-start", "timerStart", () => {
    const s = readClock(time.value, 1, 7200);
    if (s === null) return show(t("timerBadClock"));
    void run("timerStart", { seconds: s });
  }, true);
  const pause = button("timer-pause", "timerPause", () => void run("timerPause"));
  const resume = button("timer-resume", "timerResume", () => void run("timerResume"));
  const add = button("timer-add", "timerAdd", () => void run("timerAdd", { seconds: 60 }));
  const stop = button("timer-stop", "timerStop", () => void run("timerStop"));
  const el = card(
    "timerControls",
    field(time, "timerTime"),
    help,
    h("div", { class: "room-buttons timer-presets" }, ...presets),
    h("div", { class: "room-buttons" }, start, pause, resume, add, stop),
    error,
  );
  return { el };
}

export function buildInstructionControls(o: ControlsOptions): { el: HTMLElement; paint(state: RoomState): void } {
  const text = h("textarea", { id: "instruction-text", rows: 2, maxlength: 1000, "aria-describedby": "instruction-help" });
  const help = bind(h("p", { id: "instruction-help", class: "help" }), (el) => (el.textContent = t("instructionHelp")));
  const set = button("instruction-set", "instructionSet", () => void o.run("instruction", { text: text.value.trim() }), true);
  const el = card("instructionTitle", field(text, "instructionText"), help, h("div", { class: "room-buttons" }, set));
  let shown: string | null = null;
  return {
    el,
    paint(state) {
      // Show the room's instruction in the field, unless the facilitator is busy typing a new one.
      if (state.instruction !== shown && document.activeElement !== text) text.value = state.instruction;
      shown = state.instruction;
    },
  };
}

export function buildRoundControls(o: ControlsOptions): { el: HTMLElement } {
  const kind = h("select", { id: "round-kind" });
  for (const k of ["check-in", "check-out"] as const) {
    kind.append(bind(h("option", { value: k }), (el) => (el.textContent = t(k === "check-in" ? "roundCheckIn" : "roundCheckOut"))));
  }
  const prompt = h("input", { id: "round-prompt", type: "text", maxlength: 1000 });
  const turn = h("input", { id: "round-turn-seconds", type: "number", min: MIN_TURN, max: MAX_TURN, step: 1, value: DEFAULT_TURN, inputmode: "numeric" });
  const auto = h("input", { id: "round-auto-advance", type: "checkbox" });
  const facilitators = h("input", { id: "round-facilitators", type: "checkbox" });
  const start = button("round-start", "roundStart", () => {
    const r = roundStartArgs({ kind: kind.value, prompt: prompt.value, turnSeconds: turn.value, autoAdvance: auto.checked, facilitators: facilitators.checked });
    if ("error" in r) return o.showError(t(r.error === "prompt" ? "roundNeedsPrompt" : "roundBadTurn"));
    void o.run("roundStart", r.args);
  }, true);
  const next = button("round-next", "roundNext", () => void o.run("roundNext"));
  const skip = button("round-skip", "roundSkip", () => void o.run("roundSkip"));
  const end = button("round-end", "roundEnd", () => void o.run("roundEnd"));
  const el = card("roundTitle", field(kind, "roundKind"), field(prompt, "roundPrompt"), field(turn, "roundTurnSeconds"),
    check(auto, "roundAutoAdvance"), check(facilitators, "roundFacilitators"), h("div", { class: "room-buttons" }, start, next, skip, end));
  return { el };
}
