// A person's own daily values (IND-3, IND-8): only ever shown to the holder of the key.
import { h } from "../dom";
import { onLangChange } from "../i18n";
import { days, type DayValues } from "./api";
import { num, ti } from "./i18n";

export interface ValuesTable {
  el: HTMLElement;
  reload(): void;
  destroy(): void;
}

const iso = (d: Date) => d.toISOString().slice(0, 10);

export function valuesTable(person: string, key: string): ValuesTable {
  const title = h("h3", { id: "values-title" });
  const body = h("div", { id: "my-values" });
  let rows: DayValues[] = [];
  const paint = () => {
    title.textContent = ti("valuesTitle");
    if (rows.length === 0) {
      body.replaceChildren(h("p", {}, ti("valuesEmpty")));
      return;
    }
    const head = h("tr", {}, ...(["colDate", "colSleep", "colSteps", "colActive", "colRhr", "colHrv"] as const).map((c) => h("th", { scope: "col" }, ti(c))));
    const cell = (v: number | undefined, f: (x: number) => string) => h("td", {}, v === undefined ? "–" : f(v));
    const trs = rows
      .slice()
      .reverse()
      .map((d) =>
        h("tr", { "data-date": d.date }, h("th", { scope: "row" }, d.date), cell(d.sleepMinutes, (m) => num(m / 60)), cell(d.steps, (s) => num(s, 0)),
          cell(d.activeMinutes, (a) => num(a, 0)), cell(d.restingHeartRate, (r) => num(r, 1)), cell(d.hrvRmssd, (x) => num(x, 1))),
      );
    body.replaceChildren(h("table", { "aria-labelledby": "values-title" }, h("thead", {}, head), h("tbody", {}, ...trs)));
  };
  const reload = () => {
    const to = new Date();
    const from = new Date(to.getTime() - 27 * 86_400_000);
    days(person, key, iso(from), iso(to))
      .then((r) => {
        rows = r.days;
        paint();
      })
      .catch((e: unknown) => body.replaceChildren(h("p", { role: "alert" }, e instanceof Error ? e.message : String(e))));
  };
  paint();
  reload();
  const off = onLangChange(paint);
  return { el: h("section", { class: "values-section" }, title, body), reload, destroy: off };
}
