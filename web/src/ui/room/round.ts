// The check-in / check-out round panel (#round), seen by everyone while a round is active: the
// prompt, the shuffled speaking order with the current speaker, the turn's countdown and a field
// to put one's own answer on the open board as a note.
import { announce, h } from "../dom";
import { bind, t } from "../i18n";
import { turnRemaining, type RoomState } from "./state";
import { formatClock, timerPhase } from "./timer";

export interface RoundPanelOptions {
  /** Whether this person may write (observers may not). */
  canWrite: () => boolean;
  /** Puts the text on the open board; returns an error message, or null when it worked. */
  addAnswer: (text: string) => string | null;
  showError: (message: string | null) => void;
}

export interface RoundPanel {
  el: HTMLElement;
  paint(state: RoomState): void;
  tick(state: RoomState, serverNow: number): void;
}

export function buildRoundPanel(o: RoundPanelOptions): RoundPanel {
  let state: RoomState | null = null;
  const heading = h("h2", { class: "round-heading", id: "round-heading" });
  const prompt = h("p", { class: "round-prompt", id: "round-prompt-text" });
  const order = h("ol", { class: "round-order" });
  bind(order, (el) => el.setAttribute("aria-label", t("roundOrder")));
  const timerLabel = bind(h("span", { class: "round-timer-label" }), (el) => (el.textContent = t("roundTurn")));
  const timer = h("span", { id: "round-timer", class: "round-timer", role: "timer" });
  const input = h("input", { id: "round-answer", type: "text", maxlength: 3900, autocomplete: "off" });
  const label = bind(h("label", { for: "round-answer" }), (el) => (el.textContent = t("roundAnswer")));
  const add = bind(h("button", { id: "round-answer-add", type: "submit", class: "btn" }), (el) => (el.textContent = t("roundAnswerAdd")));
  const form = h("form", { class: "round-answer" }, label, input, add);
  const el = h(
    "section",
    { id: "round", class: "round-panel", "aria-labelledby": "round-heading" },
    heading,
    prompt,
    order,
    h("p", { class: "round-turn" }, timerLabel, " ", timer),
    form,
  );
  el.hidden = true;

  form.addEventListener("submit", (ev) => {
    ev.preventDefault();
    const text = input.value.trim();
    if (!text) {
      o.showError(t("roundAnswerEmpty"));
      input.focus();
      return;
    }
    const error = o.addAnswer(text);
    o.showError(error);
    if (error === null) {
      input.value = "";
      announce(t("roundAnswerAdded"));
    }
  });

  const paintTexts = () => {
    const r = state?.round;
    if (!r) return;
    heading.textContent = t(r.kind === "check-out" ? "roundCheckOut" : "roundCheckIn");
  };
  bind(heading, paintTexts);

  return {
    el,
    paint(next) {
      state = next;
      const r = next.round;
      el.hidden = !r || !r.active;
      if (!r || !r.active) return;
      paintTexts();
      prompt.textContent = r.prompt;
      prompt.hidden = r.prompt === "";
      const skipped = new Set(r.skipped);
      order.replaceChildren(
        ...r.order.map((s, i) => {
          const li = h("li", { "data-round-speaker": s.replica }, s.name);
          if (i === r.index) {
            li.classList.add("current");
            li.setAttribute("aria-current", "true");
          }
          if (skipped.has(i)) {
            li.classList.add("skipped");
            li.append(" ", bind(h("span", { class: "round-mark" }), (m) => (m.textContent = `(${t("roundSkipped")})`)));
          }
          return li;
        }),
      );
      form.hidden = !o.canWrite();
    },
    tick(current, serverNow) {
      const left = turnRemaining(current, serverNow);
      timer.hidden = left === null;
      if (left === null) return;
      timer.textContent = formatClock(left);
      timer.dataset.remainingMs = String(Math.round(left));
      timer.classList.toggle("timer-done", timerPhase(left) === "done");
    },
  };
}
