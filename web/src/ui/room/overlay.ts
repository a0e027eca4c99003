// The facilitation bar (#facilitation-bar) above every view: the instruction, the timer (from the
// server's clock, FA-2) with its end sound and mute toggle, the facilitator's "follow me", the
// round panel, and #room-error where every control call's failure shows.
import type { Role } from "../../sync/api";
import { samePerson } from "../../sync/seat";
import { announce, h } from "../dom";
import { bind, t } from "../i18n";
import { icon } from "../icons";
import { buildRoundPanel, type RoundPanelOptions } from "./round";
import { breakoutRunning, myGroup, timerRemaining, type RoomState } from "./state";
import { EndWatcher, formatClock, isMuted, playEndSound, setMuted, timerPhase } from "./timer";

export interface OverlayOptions {
  role: () => Role;
  /** This tab's replica: a breakout names its group's members by replica. */
  replica: string;
  /** Whether this person is the one the follow state names (the toggle's pressed state). */
  leadsFollow: (state: RoomState) => boolean;
  onFollowToggle: (pressed: boolean) => void;
  /** The round panel's answer and rounds (round.ts). */
  round: Pick<RoundPanelOptions, "sendAnswer" | "rounds" | "currentRound" | "toBoard">;
}

export interface Overlay {
  el: HTMLElement;
  /** Shows an error (role=alert) until cleared with null. */
  showError(message: string | null): void;
  paint(state: RoomState): void;
  /** Every 250 ms: the countdowns and the end sound. */
  tick(state: RoomState, serverNow: number): void;
}

export function buildOverlay(o: OverlayOptions): Overlay {
  const instructionLabel = bind(h("span", { class: "instruction-label" }), (el) => (el.textContent = t("instructionLabel")));
  const instructionText = h("span", { class: "instruction-text" });
  const instruction = h("p", { id: "instruction", class: "instruction" }, instructionLabel, " ", instructionText);
  instruction.hidden = true;

  const timer = h("span", { id: "timer", class: "timer", role: "timer" });
  bind(timer, (el) => el.setAttribute("aria-label", t("timerLabel")));
  const paused = bind(h("span", { class: "timer-paused" }), (el) => (el.textContent = t("timerPaused")));
  const mute = h("button", { id: "timer-mute", type: "button", class: "btn btn-quiet timer-mute" });
  const paintMute = () => {
    const muted = isMuted();
    mute.setAttribute("aria-pressed", String(muted));
    // Drawn, not an emoji: an emoji bell is an empty box on many Linux desktops.
    mute.replaceChildren(icon(muted ? "bellOff" : "bell"));
    mute.setAttribute("aria-label", t("timerMute"));
    mute.title = t("timerMute");
  };
  bind(mute, paintMute);
  mute.addEventListener("click", () => {
    setMuted(!isMuted());
    paintMute();
  });
  const timerBox = h("div", { class: "timer-box" }, timer, paused, mute);
  timerBox.hidden = true;

  // Where a participant is during a breakout, and who writes for the group.
  const group = h("p", { id: "my-group", class: "my-group", role: "status" });
  group.hidden = true;
  const paintGroup = (state: RoomState, serverNow: number) => {
    const g = breakoutRunning(state, serverNow) ? myGroup(state, o.replica) : null;
    const text = !g ? "" : !g.scribe ? t("myGroup", { group: g.name })
      : samePerson(g.scribe, o.replica) ? t("myGroupYouScribe", { group: g.name })
      : t("myGroupScribe", { group: g.name, scribe: g.names[g.scribe] ?? "" });
    if (group.textContent !== text) group.textContent = text;
    group.hidden = text === "";
  };

  const follow = h("button", { id: "follow-me", type: "button", class: "btn follow-me", "aria-pressed": "false" });
  bind(follow, (el) => {
    el.replaceChildren(icon("follow", 18), h("span", {}, t("followMe")));
    el.title = t("followMeHelp");
  });
  follow.addEventListener("click", () => o.onFollowToggle(follow.getAttribute("aria-pressed") !== "true"));

  const error = h("div", { id: "room-error", role: "alert", class: "alert room-error" });
  error.hidden = true;
  const showError = (message: string | null) => {
    error.textContent = message ?? "";
    error.hidden = !message;
  };

  const round = buildRoundPanel({ canWrite: () => o.role() !== "observer", ...o.round, showError });
  const row = h("div", { class: "facilitation-row" }, instruction, group, timerBox, follow);
  const el = h("div", { id: "facilitation-bar", class: "facilitation-bar" }, row, error, round.el);
  bind(el, (e) => {
    e.setAttribute("role", "region");
    e.setAttribute("aria-label", t("facilitationBar"));
  });
  const ends = new EndWatcher();

  return {
    el,
    showError,
    paint(state) {
      instructionText.textContent = state.instruction;
      instruction.hidden = state.instruction === "";
      follow.hidden = o.role() !== "facilitator";
      follow.setAttribute("aria-pressed", String(o.leadsFollow(state)));
      paused.hidden = !(state.timer && !state.timer.running);
      round.paint(state);
      el.classList.toggle("facilitation-empty", instruction.hidden && timerBox.hidden && follow.hidden && round.el.hidden);
    },
    tick(state, serverNow) {
      const left = timerRemaining(state, serverNow);
      timerBox.hidden = left === null;
      if (left !== null) {
        const phase = timerPhase(left);
        timer.textContent = formatClock(left);
        timer.dataset.remainingMs = String(Math.round(left));
        timer.classList.toggle("timer-warning", phase === "warning");
        timer.classList.toggle("timer-done", phase === "done");
      }
      const key = state.timer?.running && state.timer.endsAt !== null ? String(state.timer.endsAt) : null;
      if (ends.update(key, left)) {
        announce(t("timerEnded"));
        if (!isMuted()) playEndSound();
      }
      round.tick(state, serverNow);
      paintGroup(state, serverNow);
      el.classList.toggle("facilitation-empty", instruction.hidden && group.hidden && timerBox.hidden && follow.hidden && round.el.hidden);
    },
  };
}
