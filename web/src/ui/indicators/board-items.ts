// Indicator items on a board (IND-15): the node writes them, the board calls this renderer for
// every item it repaints, and only items of kind "indicator" are drawn here, in their own layer
// beside the notes. Each shows its title, the value (or why it is withheld, "3 van 5 mensen tot nu
// toe"), the change from last week when IND-12 allows it, and a trend chart. Facilitators get a
// remove button. Nothing here is editable by drag or keyboard: only the node writes these items.
import type { ItemsView, Role } from "../../sync/api";
import { h } from "../dom";
import { onLangChange } from "../i18n";
import { removeIndicator } from "./api";
import { trendChart, type TrendChart } from "./chart";
import { ti } from "./i18n";
import { changeText, chartWords, indicatorTitle, mainText, readIndicatorItem, type IndicatorItem } from "./model";
import "./indicators.css";

interface Els {
  el: HTMLElement;
  title: HTMLElement;
  value: HTMLElement;
  change: HTMLElement;
  chartBox: HTMLElement;
  chart: TrendChart;
  data: IndicatorItem;
  drawn: string;
}

export interface IndicatorItemsOptions {
  board: string;
  token: string;
  role: Role;
  /** Tells the person what happened (a failed removal). */
  say?: (message: string) => void;
}

export class IndicatorItems {
  private readonly layer: HTMLElement;
  private readonly els = new Map<string, Els>();
  private readonly offLang: () => void;

  constructor(host: HTMLElement, private readonly o: IndicatorItemsOptions) {
    this.layer = h("div", { class: "indicator-items" });
    // Clicks and drags on an item are the item's: the board must not start a selection or a note.
    for (const type of ["pointerdown", "dblclick"]) this.layer.addEventListener(type, (e) => e.stopPropagation());
    host.append(this.layer);
    this.offLang = onLangChange(() => {
      for (const e of this.els.values()) this.paint(e, true);
    });
  }

  /** Repaints the items among {@code ids} (all when null) that are indicators; removes those that are gone. */
  render(items: ItemsView, ids: Iterable<string>): void {
    for (const id of ids) {
      if (!id.startsWith("_ind-") && !this.els.has(id)) continue;
      const data = readIndicatorItem(items, id);
      if (!data) {
        this.remove(id);
        continue;
      }
      let e = this.els.get(id);
      if (!e) e = this.create(data);
      e.data = data;
      this.paint(e, false);
    }
  }

  private create(data: IndicatorItem): Els {
    // The stage's board has no heading of its own under the page's h1 (axe heading-order).
    const title = h("h2", { class: "indicator-title" });
    const value = h("p", { class: "indicator-value" });
    const change = h("p", { class: "indicator-change" });
    const chartBox = h("div", { class: "indicator-chart", role: "img" });
    const el = h("div", { class: "indicator-item", "data-item": data.id, role: "group" }, title, value, change, chartBox);
    if (this.o.role === "facilitator") {
      const remove = h("button", { type: "button", class: "btn btn-quiet indicator-remove", "data-indicator-remove": data.id });
      remove.addEventListener("click", () => {
        removeIndicator(this.o.board, this.o.token, data.id).catch((err: unknown) =>
          this.o.say?.(err instanceof Error ? err.message : String(err)),
        );
      });
      el.append(remove);
    }
    this.layer.append(el);
    const e: Els = { el, title, value, change, chartBox, chart: trendChart(chartBox), data, drawn: "" };
    this.els.set(data.id, e);
    return e;
  }

  private paint(e: Els, force: boolean): void {
    const d = e.data;
    const key = JSON.stringify(d);
    if (!force && key === e.drawn) return;
    e.drawn = key;
    const st = e.el.style;
    st.left = `${d.x}px`;
    st.top = `${d.y}px`;
    st.width = `${d.w}px`;
    st.minHeight = `${d.h}px`;
    e.el.dataset.indicator = d.indicator;
    const title = indicatorTitle(d.indicator);
    const weeks = ti("weeksOf", { n: d.weeks });
    e.title.textContent = `${title} · ${weeks}`;
    const s = d.state;
    const main = s ? mainText(s) : ti("loading");
    e.value.textContent = main;
    e.el.dataset.state = s ? (s.value !== undefined ? "shown" : "withheld") : "loading";
    if (s?.value !== undefined) e.el.dataset.value = String(s.value);
    else delete e.el.dataset.value;
    const change = s ? changeText(s) : null;
    e.change.textContent = change ?? "";
    e.change.hidden = !change;
    e.el.setAttribute("aria-label", ti("itemLabel", { title, weeks, value: main }));
    const remove = e.el.querySelector<HTMLButtonElement>(".indicator-remove");
    if (remove) {
      remove.textContent = ti("removeItem");
      remove.setAttribute("aria-label", `${ti("removeItem")}: ${title}`);
    }
    if (s && s.series.length > 0) {
      e.chartBox.setAttribute("aria-label", chartWords(s));
      e.chart.update(s, d.w - 24);
    }
  }

  private remove(id: string): void {
    const e = this.els.get(id);
    if (!e) return;
    e.chart.destroy();
    e.el.remove();
    this.els.delete(id);
  }

  destroy(): void {
    this.offLang();
    for (const id of [...this.els.keys()]) this.remove(id);
    this.layer.remove();
  }
}
