// The check-in / check-out round panel (#round): while a round is active, the prompt, the
// shuffled speaking order with the current speaker, the turn's countdown, a field to give one's
// answer (the room action `roundAnswer`, C1: it stays in the round, never on a work board) and
// every answer given so far; past rounds stay readable under #round-history.
import { errorMessage } from "../errors";
import { announce, h } from "../dom";
import { bind, t } from "../i18n";
import { controlMessage } from "./run";
import type { RoundRecord } from "./round-answers";
import { turnRemaining, type RoomState } from "./state";
import { formatClock, timerPhase } from "./timer";

export interface RoundPanelOptions {
  /** Whether this person may write (observers may not). */
  canWrite: () => boolean;
  /** Sends the answer (roundAnswer); resolves to what is wrong with it, null once stored; rejects when refused. */
  sendAnswer: (text: string) => Promise<"empty" | "long" | null>;
  /** Every round with its answers, newest first, and the current round's id. */
  rounds: () => RoundRecord[];
  currentRound: () => string | null;
  /** Facilitators, when the workshop has a check-in board: put a round's answers there (issue 20). */
  toBoard?: { canPut: () => boolean; put: (round: RoundRecord) => Promise<void> };
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
  const input = h("input", { id: "round-answer", type: "text", maxlength: 500, autocomplete: "off" });
  const label = bind(h("label", { for: "round-answer" }), (el) => (el.textContent = t("roundAnswer")));
  const add = bind(h("button", { id: "round-answer-add", type: "submit", class: "btn" }), (el) => (el.textContent = t("roundAnswerAdd")));
  const form = h("form", { class: "round-answer" }, label, input, add);
  const answersTitle = bind(h("h3", { class: "round-answers-title", id: "round-answers-title" }), (el) => (el.textContent = t("roundAnswers")));
  const answers = h("ul", { id: "round-answers", class: "round-answers", "aria-labelledby": "round-answers-title" });
  const nowBoard = h("div", { class: "round-to-board-now" });
  const live = h("div", { class: "round-live" }, heading, prompt, order, h("p", { class: "round-turn" }, timerLabel, " ", timer), form, answersTitle, answers,
    nowBoard);
  const historySummary = bind(h("summary"), (el) => (el.textContent = t("roundHistory")));
  const historyList = h("div", { class: "round-history-list" });
  const history = h("details", { id: "round-history", class: "round-history" }, historySummary, historyList);
  const el = h("section", { id: "round", class: "round-panel", "aria-labelledby": "round-heading" }, live, history);
  el.hidden = true;

  form.addEventListener("submit", (ev) => {
    ev.preventDefault();
    o.sendAnswer(input.value).then(
      (problem) => {
        if (problem) {
          o.showError(t(problem === "empty" ? "roundAnswerEmpty" : "roundAnswerLong"));
          input.focus();
          return;
        }
        o.showError(null);
        input.value = "";
        announce(t("roundAnswerAdded"));
      },
      (e: unknown) => o.showError(controlMessage(e)),
    );
  });

  const answerItems = (r: RoundRecord) =>
    r.answers.map((a) => h("li", { "data-round-answer": a.person, "data-round-id": r.id }, h("strong", {}, a.name || "?"), ": ", a.text));
  /** "Put on the check-in board" for a round with answers, when this person may. */
  const toBoardButton = (r: RoundRecord): HTMLElement[] => {
    const to = o.toBoard;
    if (!to || r.answers.length === 0 || !to.canPut()) return [];
    const b = h("button", { type: "button", class: "btn btn-quiet round-to-board", "data-round-to-board": r.id }, t("roundToBoard"));
    b.addEventListener("click", () => {
      b.disabled = true;
      to.put(r).then(
        () => {
          b.disabled = false;
          o.showError(null);
          announce(t("roundToBoardDone"));
        },
        (e: unknown) => {
          b.disabled = false;
          o.showError(t("roundToBoardFailed", { message: errorMessage(e) }));
        },
      );
    });
    return [b];
  };

  /** Answers of the current round; the others, newest first, in the history. */
  const paintAnswers = () => {
    const all = o.rounds();
    const current = o.currentRound();
    const now = all.find((r) => r.id === current && !!state?.round?.active);
    answers.replaceChildren(...(now ? answerItems(now) : []));
    nowBoard.replaceChildren(...(now ? toBoardButton(now) : []));
    answersTitle.hidden = answers.hidden = !now || now.answers.length === 0;
    const past = all.filter((r) => r !== now);
    historyList.replaceChildren(
      ...past.map((r) =>
        h("section", { class: "round-past", "data-round": r.id },
          h("p", { class: "round-past-title" }, h("strong", {}, `${t(r.kind === "check-out" ? "roundCheckOut" : "roundCheckIn")}${r.prompt ? `: ${r.prompt}` : ""}`)),
          r.answers.length ? h("ul", {}, ...answerItems(r)) : bind(h("p", { class: "help" }), (p) => (p.textContent = t("roundNoAnswers"))),
          ...toBoardButton(r)),
      ),
    );
    history.hidden = past.length === 0;
    return { active: !!now || !!state?.round?.active, past: past.length };
  };

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
      const shown = paintAnswers();
      live.hidden = !r || !r.active;
      el.hidden = live.hidden && shown.past === 0;
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
