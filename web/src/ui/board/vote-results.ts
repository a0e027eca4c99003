// The results of a closed dot vote (#vote-results): the notes with their totals, highest first,
// or in board order (#vote-sort toggles). Shown only once a vote is closed; the rows come from
// voteResults (voting.ts), so the order is tested there. Facilitators also see the turnout the
// node wrote at close (#vote-turnout: distinct persons who voted and who were present, ID-3) and
// the voters' names (#vote-voters).
import { h } from "../dom";
import { bind, getLang, t, type Lang } from "../i18n";
import type { Turnout, VoteState } from "./control-state";
import { shorten, type NoteData } from "./model";
import { voteResults, type ResultOrder } from "./voting";

const RESULT_TEXT_MAX = 120;

/** "N people voted · M present", or null when the node wrote no turnout. */
export function turnoutText(turnout: Turnout | null | undefined, lang?: Lang): string | null {
  if (!turnout) return null;
  const vars = { voters: turnout.voters, present: turnout.present };
  return t(turnout.voters === 1 ? "voteTurnoutOne" : "voteTurnoutMany", vars, lang);
}

/** "Voted: Ann, Bob", or null without names. */
export function votersText(turnout: Turnout | null | undefined, lang?: Lang): string | null {
  if (!turnout || turnout.names.length === 0) return null;
  return t("voteVoterNames", { names: turnout.names.join(", ") }, lang);
}

export class VoteResultsPanel {
  /** Always in the board; holds the panel only while there are results to show. */
  readonly slot = h("div", { class: "vote-results-slot" });
  private readonly el: HTMLElement;
  private readonly list: HTMLOListElement;
  private readonly sort: HTMLButtonElement;
  private order: ResultOrder = "votes";
  private last: { notes: NoteData[]; vote: VoteState } | null = null;
  /** What the list shows now, so an unrelated board change does not rebuild it. */
  private shown = "";

  private readonly turnout = h("p", { id: "vote-turnout", class: "vote-turnout", hidden: true });
  private readonly voters = h("p", { id: "vote-voters", class: "vote-voters", hidden: true });

  /** `facilitator`: whether the turnout and the voters' names are shown. */
  constructor(private readonly facilitator = false) {
    const heading = bind(h("h3", { id: "vote-results-title", class: "vote-results-title" }), (el) => (el.textContent = t("voteResultsTitle")));
    this.sort = bind(h("button", { type: "button", id: "vote-sort", class: "tool", "aria-pressed": "true" }), (el) => (el.textContent = t("voteSortByVotes")));
    this.sort.addEventListener("click", () => {
      this.order = this.order === "votes" ? "board" : "votes";
      this.paint();
    });
    this.list = h("ol", { class: "vote-results-list" });
    this.el = h(
      "section",
      { id: "vote-results", class: "vote-results", "aria-labelledby": "vote-results-title", "data-sort": this.order },
      h("div", { class: "vote-results-head" }, heading, this.sort),
      this.turnout,
      this.voters,
      this.list,
    );
  }

  /** Shows the results of a closed vote; anything else (no vote, an open one) hides the panel. */
  update(vote: VoteState | null, notes: Iterable<NoteData>): void {
    if (!vote || vote.state !== "closed") {
      this.last = null;
      this.shown = "";
      this.el.remove();
      return;
    }
    this.last = { notes: [...notes], vote };
    if (this.el.parentElement !== this.slot) this.slot.append(this.el);
    this.paint();
  }

  /** Repaints in the current language. */
  relabel(): void {
    if (this.last) this.paint();
  }

  private paint(): void {
    if (!this.last) return;
    this.el.dataset.sort = this.order;
    this.sort.setAttribute("aria-pressed", String(this.order === "votes"));
    const rows = voteResults(this.last.notes, this.last.vote, this.order);
    const turnout = this.facilitator ? this.last.vote.turnout : null;
    const key = JSON.stringify([getLang(), rows, turnout]);
    if (key === this.shown) return;
    this.shown = key;
    this.paintTurnout(turnout ?? null);
    this.list.replaceChildren(
      ...rows.map((r) =>
        h(
          "li",
          { "data-item": r.id, "data-votes": r.votes, class: "vote-result" },
          h("span", { class: "result-text" }, shorten(r.text, RESULT_TEXT_MAX) || t("emptyNote")),
          h("span", { class: "result-count" }, String(r.votes)),
          h("span", { class: "visually-hidden" }, ` ${t(r.votes === 1 ? "dotOne" : "dotMany")}`),
        ),
      ),
    );
    if (rows.length === 0) this.list.append(h("li", { class: "vote-result-none" }, t("voteNoNotes")));
  }

  private paintTurnout(turnout: Turnout | null): void {
    const line = turnoutText(turnout);
    this.turnout.textContent = line ?? "";
    this.turnout.hidden = line === null;
    if (turnout) {
      this.turnout.dataset.voters = String(turnout.voters);
      this.turnout.dataset.present = String(turnout.present);
    }
    const names = votersText(turnout);
    this.voters.textContent = names ?? "";
    this.voters.hidden = names === null;
  }
}
