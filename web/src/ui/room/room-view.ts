// The facilitator's room view (`[data-view="room"]`): the workshop's boards, the three links with
// copy buttons (FA-10), the instruction, timer and round controls, and the breakout builder with
// who is connected. It repaints on every room change and when a breakout's timer runs out.
import type { Role } from "../../sync/api";
import { h } from "../dom";
import { copyInput } from "../clipboard";
import { bind, onLangChange, t, type Key } from "../i18n";
import type { Template } from "../template";
import { buildBreakout, type BoardChoice } from "./breakout";
import { buildInstructionControls, buildRoundControls, buildTimerControls } from "./controls";
import { recallTokens, roomLinks } from "./links";
import { controlRunner, type Run } from "./run";
import type { RoomSession } from "./session";
import { breakoutRunning } from "./state";

export interface RoomViewOptions {
  session: RoomSession;
  workshop: string;
  token: string;
  run: Run;
  showError: (message: string | null) => void;
  templates: Template[];
  /** The workshop's own boards (tabs), for the list and the breakout choices. */
  boards: () => BoardChoice[];
  openView: (id: string) => void;
}

const LINK_KEYS: Record<Role, Key> = { facilitator: "linkFacilitator", participant: "linkParticipant", observer: "linkObserver" };


function linksCard(o: RoomViewOptions): HTMLElement {
  const links = roomLinks(location.origin, o.workshop, o.token, recallTokens(o.workshop));
  const rows = (["facilitator", "participant", "observer"] as const).flatMap((role) => {
    const url = links[role];
    if (!url) return [];
    const input = h("input", { id: `room-link-${role}`, type: "text", readonly: true, value: url, class: "link-input" });
    const label = bind(h("label", { for: input.id }), (el) => (el.textContent = t(LINK_KEYS[role])));
    const btn = bind(h("button", { type: "button", class: "btn", "data-copy": role }), (el) => {
      el.textContent = t("copy");
      el.setAttribute("aria-label", t("copyLink", { label: t(LINK_KEYS[role]) }));
    });
    btn.addEventListener("click", () => void copyInput(input, btn));
    return [h("div", { class: "field link-row", "data-link": role }, label, h("div", { class: "link-line" }, input, btn))];
  });
  const missing = links.participant
    ? null
    : bind(h("p", { class: "help", id: "links-at-creation" }), (el) => (el.textContent = t("linksAtCreation")));
  const title = bind(h("h3"), (el) => (el.textContent = t("roomLinks")));
  return h("section", { class: "card room-card room-links" }, title, ...rows, missing);
}

export function mountRoomView(host: HTMLElement, o: RoomViewOptions): { destroy(): void } {
  const boardList = h("ul", { class: "room-boards" });
  const boardsTitle = bind(h("h3"), (el) => (el.textContent = t("roomBoards")));
  let boardsKey = "";
  const paintBoards = () => {
    const list = o.boards();
    const key = JSON.stringify(list.map((b) => [b.id, b.title]));
    if (key === boardsKey) return; // rebuilt only on change, so a focused button keeps focus
    boardsKey = key;
    boardList.replaceChildren(
      ...list.map((b) => {
        const btn = h("button", { type: "button", class: "btn btn-quiet", "data-open-board": b.id }, b.title);
        btn.addEventListener("click", () => o.openView(b.id));
        return h("li", {}, btn);
      }),
    );
  };
  // Each card shows a refusal at its own buttons (role=alert), where the facilitator is looking.
  const runner = (show: (message: string | null) => void) => controlRunner((action, args) => o.session.control(action, args), show);
  const controls = { run: o.run, showError: o.showError, runner };
  const instruction = buildInstructionControls(controls);
  const breakout = buildBreakout({ ...controls, templates: o.templates, boards: o.boards, openView: o.openView });
  const heading = bind(h("h2", { class: "room-title" }), (el) => (el.textContent = t("roomTitle")));
  const root = h(
    "section",
    { class: "room-view", "data-view": "room", "aria-labelledby": "room-title" },
    heading,
    h(
      "div",
      { class: "room-grid" },
      breakout.el,
      h("div", { class: "room-side" },
        buildTimerControls(controls).el,
        instruction.el,
        buildRoundControls(controls).el,
        h("section", { class: "card room-card" }, boardsTitle, boardList),
        linksCard(o),
      ),
    ),
  );
  heading.id = "room-title";
  host.replaceChildren(root);

  let running: boolean | null = null;
  const paint = () => {
    const state = o.session.state;
    running = breakoutRunning(state, o.session.serverNow());
    instruction.paint(state);
    breakout.paint(state, o.session.participants(), running);
    paintBoards();
  };
  // A breakout that ends with its timer ends without any new frame: check the clock too.
  const timer = setInterval(() => {
    if (breakoutRunning(o.session.state, o.session.serverNow()) !== running) paint();
  }, 250);
  const offs = [o.session.onChange(paint), onLangChange(paint)];
  paint();
  return {
    destroy() {
      clearInterval(timer);
      for (const off of offs) off();
      root.remove();
    },
  };
}
