// What the spider web and the Eigen Regie board share (IT-8): the select of a person's own value
// for one dimension, and the poll of the team's values (GET /api/boards/{id}/team-values) that
// both show, every 3 s and soon after this person changed a value.
import { fetchTeamValues, type TeamValues } from "../api";
import { h } from "../dom";
import { t } from "../i18n";
import { ownChange, type OwnSpec } from "./own-values";
import type { BoardParts } from "./parts";

const POLL_MS = 3000;
/** After a change of one's own value: long enough for the batch to be stored. */
const AFTER_CHANGE_MS = 400;

/** `select#own-<dim>[data-own-value=<dim>]`: "–" and min..max; a change writes this tab's own field. */
export function ownSelect(p: Pick<BoardParts, "client">, spec: OwnSpec, dimension: string, changed: () => void): HTMLSelectElement {
  const select = h("select", { id: `own-${dimension}`, class: "own-select", "data-own-value": dimension });
  select.append(h("option", { value: "" }, t("ownNone")));
  for (let v = spec.min; v <= spec.max; v++) select.append(h("option", { value: String(v) }, String(v)));
  select.addEventListener("change", () => {
    const value = select.value === "" ? null : Number(select.value);
    p.client.change([ownChange(spec, dimension, p.client.replica, value)], { undoable: true });
    changed();
  });
  // A click on the select must not start a drag or a rubber band on the board.
  select.addEventListener("pointerdown", (ev) => ev.stopPropagation());
  select.addEventListener("dblclick", (ev) => ev.stopPropagation());
  return select;
}

/** Polls the team's values until stopped; `failed` when a read does not come through. */
export class TeamPoll {
  private timer = 0;
  private stopped = false;

  constructor(
    private readonly o: { token: string; board: string },
    private readonly shown: (tv: TeamValues) => void,
    private readonly failed: () => void,
  ) {
    void this.poll();
  }

  /** Reads again shortly (after this person changed a value). */
  soon(): void {
    window.clearTimeout(this.timer);
    if (!this.stopped) this.timer = window.setTimeout(() => void this.poll(), AFTER_CHANGE_MS);
  }

  stop(): void {
    this.stopped = true;
    window.clearTimeout(this.timer);
  }

  private async poll(): Promise<void> {
    window.clearTimeout(this.timer);
    if (this.stopped) return;
    try {
      this.shown(await fetchTeamValues(this.o.board, this.o.token));
    } catch {
      this.failed();
    }
    if (!this.stopped) this.timer = window.setTimeout(() => void this.poll(), POLL_MS);
  }
}
