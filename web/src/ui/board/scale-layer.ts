// The Eigen Regie model (IT-8, `ownValues.show: "scale"`): in the template's zone one row per
// statement with this person's own answer (`select[data-own-value=<statement>]`) and, once k people
// answered, how the team's answers are spread (`[data-team-counts=<statement>][data-counts]`, a bar
// per value), with `#team-scale-status`. The same own values and team endpoint as the spider web.
import type { TeamValues } from "../api";
import { h } from "../dom";
import { loc, t } from "../i18n";
import type { RectShape } from "../template";
import { ownSelect, TeamPoll } from "./own-controls";
import { myValue, type OwnSpec } from "./own-values";
import type { BoardParts } from "./parts";

type ScaleParts = Pick<BoardParts, "tpl" | "client" | "say">;

interface Row {
  select: HTMLSelectElement;
  label: HTMLLabelElement;
  hint: HTMLElement;
  team: HTMLElement;
}

export class ScaleLayer {
  private readonly spec: OwnSpec | null;
  private readonly rows = new Map<string, Row>();
  private readonly status = h("p", { id: "team-scale-status", class: "team-web-status", role: "status" });
  private poll: TeamPoll | null = null;

  constructor(private readonly p: ScaleParts, layer: HTMLElement, private readonly o: { token: string; board: string; readonly: () => boolean }) {
    this.spec = p.tpl.ownValues?.show === "scale" ? p.tpl.ownValues : null;
    const zone = this.spec && p.tpl.zones.find((z) => z.id === this.spec!.zone);
    if (!this.spec || !zone || zone.shape.type !== "rect") return;
    this.build(layer, zone.shape);
    this.poll = new TeamPoll(o, (tv) => this.showTeam(tv), () => {
      if (this.status.textContent !== t("teamUnavailable")) this.status.textContent = t("teamUnavailable");
    });
  }

  private build(layer: HTMLElement, z: RectShape): void {
    const spec = this.spec!;
    const list = h("div", { class: "own-scale", role: "group" });
    for (const d of spec.dimensions) {
      const select = ownSelect(this.p, spec, d.id, () => this.poll?.soon());
      const label = h("label", { for: select.id, class: "scale-statement" });
      const hint = h("span", { class: "scale-hint" });
      const team = h("div", { class: "team-counts", "data-team-counts": d.id });
      list.append(h("div", { class: "scale-row" }, h("div", {}, label, hint), select, team));
      this.rows.set(d.id, { select, label, hint, team });
    }
    list.append(this.status);
    Object.assign(list.style, { left: `${z.x + 20}px`, top: `${z.y + 110}px`, width: `${z.w - 40}px` });
    layer.append(list);
    this.relabel();
  }

  relabel(): void {
    const spec = this.spec;
    if (!spec) return;
    for (const d of spec.dimensions) {
      const row = this.rows.get(d.id)!;
      row.label.textContent = loc(d.label);
      row.hint.textContent = loc(d.hint);
      row.select.setAttribute("aria-label", t("scaleMine", { statement: loc(d.label) }));
      delete row.team.dataset.state; // the next poll writes the team's line in the new language
      for (const opt of row.select.options) {
        if (opt.value !== "") opt.textContent = `${opt.value} · ${loc(spec.labels?.[opt.value]) || opt.value}`;
      }
    }
  }

  /** My answers from the items. */
  render(): void {
    const spec = this.spec;
    if (!spec) return;
    for (const d of spec.dimensions) {
      const row = this.rows.get(d.id)!;
      const mine = myValue(this.p.client.items, spec, d.id, this.p.client.replica);
      const value = mine === null ? "" : String(mine);
      if (row.select.value !== value && document.activeElement !== row.select) row.select.value = value;
      row.select.disabled = this.o.readonly();
    }
  }

  private showTeam(tv: TeamValues): void {
    const spec = this.spec!;
    let waiting = false;
    for (const d of spec.dimensions) {
      const counts = tv.dimensions[d.id]?.counts ?? null;
      if (!counts) waiting = true;
      const el = this.rows.get(d.id)!.team;
      const state = counts ? counts.join(",") : "hidden";
      if (el.dataset.state === state) continue; // unchanged since the last poll
      el.dataset.state = state;
      if (!counts) {
        delete el.dataset.counts;
        el.replaceChildren(h("span", {}, t("teamCountsHidden")));
        continue;
      }
      el.dataset.counts = state;
      const total = counts.reduce((a, b) => a + b, 0) || 1;
      const said = counts.map((c, i) => `${spec.min + i}: ${c}`).join(", ");
      el.replaceChildren(
        h("span", { class: "visually-hidden" }, t("teamCounts", { counts: said })),
        h("span", { class: "count-bars", "aria-hidden": "true" }, ...counts.map((c, i) => {
          const bar = h("span", { class: `count-bar count-${spec.min + i}`, title: `${spec.min + i}: ${c}` }, c ? String(c) : "");
          bar.style.width = `${(100 * c) / total}%`;
          return bar;
        })),
      );
    }
    const said = waiting ? t("teamScaleWaiting", { k: tv.k, people: tv.people }) : t("teamScaleShown", { people: tv.people });
    if (this.status.textContent !== said) this.status.textContent = said;
    this.status.dataset.people = String(tv.people);
  }

  destroy(): void {
    this.poll?.stop();
  }
}
