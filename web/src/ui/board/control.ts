// The facilitator's board controls (#board-control, in the panel beside the board): lock,
// anonymity (FA-11), private writing and reveal,
// dot voting. Each button sends one control frame (FA-8/FA-9) through the board's client; the
// resulting state comes back as `_control` ops and repaints the bar, so the bar never guesses.
import type { Template } from "../template";
import { h } from "../dom";
import { bind, loc, t, type Key } from "../i18n";
import { icon, type IconName } from "../icons";
import { MAX_VOTE_DOTS, type ControlState } from "./control-state";

/**
 * The client method the room engineer adds to the SyncClient (FA-8): resolves with the seq once
 * the change is durable, rejects with an Error carrying a `code` (e.g. "forbidden"). Optional
 * until both branches meet, so a client without it gives a clear message instead of a crash.
 */
export type Controllable = { control?(action: string, args?: Record<string, unknown>): Promise<number> };

export type BoardAction = "lock" | "unlock" | "privateStart" | "reveal" | "voteStart" | "voteClose" | "anonymousOn" | "anonymousOff";

export const DEFAULT_VOTE_DOTS = 3;

/** The dot budget typed by the facilitator: an integer 1..20, else null. */
export function parseDots(text: string): number | null {
  const s = text.trim();
  if (!/^\d+$/.test(s)) return null;
  const n = Number(s);
  return n >= 1 && n <= MAX_VOTE_DOTS ? n : null;
}

/** A sentence for a refused or failed control call, in the current language. */
export function controlErrorMessage(err: unknown): string {
  const code = typeof err === "object" && err !== null && "code" in err ? String((err as { code: unknown }).code) : "";
  const message = err instanceof Error ? err.message : String(err);
  if (code === "forbidden") return t("controlForbidden");
  if (code === "bad_message") return t("controlRefused", { message: message || code });
  if (/offline|not_connected|disconnected|closed/i.test(code)) return t("controlOffline");
  return t("controlFailed", { message: message || code || "?" });
}

/** Sends board actions and reports the outcome; no DOM, so tested with a fake client. */
export class ControlCommands {
  constructor(
    private readonly client: Controllable,
    /** A message to show (role=alert), or null to clear the previous one. */
    private readonly report: (error: string | null) => void,
  ) {}

  /** True when the node accepted the action. */
  async run(action: BoardAction, args?: Record<string, unknown>): Promise<boolean> {
    if (typeof this.client.control !== "function") {
      this.report(t("controlUnavailable"));
      return false;
    }
    try {
      await this.client.control(action, args);
      this.report(null);
      return true;
    } catch (e) {
      this.report(controlErrorMessage(e));
      return false;
    }
  }

  setLocked(locked: boolean): Promise<boolean> {
    return this.run(locked ? "lock" : "unlock");
  }

  /** FA-11: hide (or show again) who wrote each note, for everyone. */
  setAnonymous(on: boolean): Promise<boolean> {
    return this.run(on ? "anonymousOn" : "anonymousOff");
  }

  privateStart(): Promise<boolean> {
    return this.run("privateStart");
  }

  reveal(): Promise<boolean> {
    return this.run("reveal");
  }

  /** `zone` "" means the whole board (no zone argument sent). */
  voteStart(dotsText: string, zone: string, on: "notes" | "themes" = "notes"): Promise<boolean> {
    const dots = parseDots(dotsText);
    if (dots === null) {
      this.report(t("voteDotsInvalid", { max: MAX_VOTE_DOTS }));
      return Promise.resolve(false);
    }
    // FA-26: `on` is sent only for a vote on themes, so a node without themes sees the old request.
    return this.run("voteStart", { dots, ...(zone ? { zone } : {}), ...(on === "themes" ? { on } : {}) });
  }

  voteClose(): Promise<boolean> {
    return this.run("voteClose");
  }
}

/** What the bar shows for a state: the phase that is on can only be ended, the one that is off only started. */
export interface BarState {
  lockPressed: boolean;
  anonymousPressed: boolean;
  privateStartEnabled: boolean;
  revealEnabled: boolean;
  voteStartEnabled: boolean;
  voteCloseEnabled: boolean;
  /** The open vote's settings, shown (and not editable) while it runs; null lets the facilitator choose. */
  running: { dots: number; zone: string } | null;
}

export function barState(s: ControlState | null): BarState {
  const open = s?.vote?.state === "open" ? s.vote : null;
  return {
    lockPressed: !!s?.locked,
    anonymousPressed: !!s?.anonymous,
    privateStartEnabled: !s?.private,
    revealEnabled: !!s?.private,
    voteStartEnabled: !open,
    voteCloseEnabled: !!open,
    running: open ? { dots: open.dots, zone: open.zone ?? "" } : null,
  };
}

export interface ControlBar {
  el: HTMLElement;
  update(state: ControlState): void;
}

function controlButton(id: string, key: Key, name: IconName): HTMLButtonElement {
  return bind(h("button", { type: "button", class: "tool tool-labelled", id }), (el) =>
    el.replaceChildren(icon(name), h("span", { class: "control-text" }, t(key))),
  );
}

function section(key: Key, ...children: HTMLElement[]): HTMLElement {
  const heading = bind(h("h3", { class: "control-heading" }), (el) => (el.textContent = t(key)));
  return h("div", { class: "control-section" }, heading, ...children);
}

/** `onReveal`: the facilitator asked for a reveal (this client then spreads notes that overlap). */
export function buildControlBar(tpl: Template, client: Controllable, onReveal: () => void = () => {}): ControlBar {
  const error = h("p", { id: "board-control-error", class: "control-error", role: "alert" });
  const commands = new ControlCommands(client, (msg) => (error.textContent = msg ?? ""));

  const lock = controlButton("board-lock", "controlLock", "lock");
  lock.setAttribute("aria-pressed", "false");
  const anonymous = controlButton("board-anonymous", "controlAnonymous", "anonymous");
  anonymous.setAttribute("aria-pressed", "false");
  const privateStart = controlButton("board-private-start", "controlPrivateStart", "pen");
  const reveal = controlButton("board-reveal", "controlReveal", "eye");

  const dots = h("input", { id: "vote-dots", type: "number", min: 1, max: MAX_VOTE_DOTS, step: 1, value: DEFAULT_VOTE_DOTS, class: "vote-dots-input", inputmode: "numeric" });
  const dotsLabel = bind(h("label", { for: "vote-dots" }), (el) => (el.textContent = t("voteDotsLabel")));
  const zone = h("select", { id: "vote-zone" });
  const zoneLabel = bind(h("label", { for: "vote-zone" }), (el) => (el.textContent = t("voteZoneLabel")));
  zone.append(bind(h("option", { value: "" }), (el) => (el.textContent = t("voteWholeBoard"))));
  for (const z of tpl.zones) zone.append(bind(h("option", { value: z.id }), (el) => (el.textContent = loc(z.label))));
  const voteOn = h("select", { id: "vote-on" });
  const voteOnLabel = bind(h("label", { for: "vote-on" }), (el) => (el.textContent = t("voteOnLabel")));
  voteOn.append(bind(h("option", { value: "notes" }), (el) => (el.textContent = t("voteOnNotes"))));
  voteOn.append(bind(h("option", { value: "themes" }), (el) => (el.textContent = t("voteOnThemes"))));
  const voteStart = controlButton("vote-start", "controlVoteStart", "vote");
  const voteClose = controlButton("vote-close", "controlVoteClose", "stop");

  const el = h(
    "div",
    { id: "board-control", class: "board-control", role: "group" },
    section("controlBoardHeading", h("div", { class: "tool-group" }, lock, anonymous)),
    section("controlPrivateHeading", h("div", { class: "tool-group" }, privateStart, reveal)),
    section("controlVoteHeading",
      h("div", { class: "vote-setup" }, h("div", { class: "field-inline" }, dotsLabel, dots), h("div", { class: "field-inline" }, zoneLabel, zone), h("div", { class: "field-inline" }, voteOnLabel, voteOn)),
      h("div", { class: "tool-group" }, voteStart, voteClose)),
    error,
  );
  bind(el, (e) => e.setAttribute("aria-label", t("controlLabel")));

  let state: ControlState | null = null;
  // A second click while a call is under way is ignored; buttons are disabled only by the state,
  // so a click never drops keyboard focus onto the page body.
  const busy = new Set<HTMLButtonElement>();
  // When the state disables the focused button (start → the phase is on), focus moves to the
  // button that ends the phase.
  const partner = new Map<HTMLButtonElement, HTMLButtonElement>([
    [privateStart, reveal],
    [reveal, privateStart],
    [voteStart, voteClose],
    [voteClose, voteStart],
  ]);

  const paint = () => {
    const b = barState(state);
    const focused = document.activeElement;
    lock.setAttribute("aria-pressed", String(b.lockPressed));
    anonymous.setAttribute("aria-pressed", String(b.anonymousPressed));
    privateStart.disabled = !b.privateStartEnabled;
    reveal.disabled = !b.revealEnabled;
    voteStart.disabled = !b.voteStartEnabled;
    voteClose.disabled = !b.voteCloseEnabled;
    dots.disabled = !!b.running;
    zone.disabled = !!b.running;
    voteOn.disabled = !!b.running;
    if (b.running) {
      dots.value = String(b.running.dots);
      zone.value = b.running.zone;
    }
    if (focused instanceof HTMLButtonElement && focused.disabled) {
      const other = partner.get(focused);
      if (other && !other.disabled) other.focus();
    }
  };

  const act = (button: HTMLButtonElement, run: () => Promise<boolean>) => {
    button.addEventListener("click", () => {
      if (busy.has(button)) return;
      busy.add(button);
      button.setAttribute("aria-busy", "true");
      void run().finally(() => {
        busy.delete(button);
        button.removeAttribute("aria-busy");
      });
    });
  };
  act(lock, () => commands.setLocked(!state?.locked));
  act(anonymous, () => commands.setAnonymous(!state?.anonymous));
  act(privateStart, () => commands.privateStart());
  act(reveal, () => {
    onReveal();
    return commands.reveal();
  });
  act(voteStart, () => commands.voteStart(dots.value, zone.value, voteOn.value === "themes" ? "themes" : "notes"));
  act(voteClose, () => commands.voteClose());

  paint();
  return {
    el,
    update(next) {
      state = next;
      paint();
    },
  };
}
