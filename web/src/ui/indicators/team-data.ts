// "Team data" for the facilitator (IND-8, IND-9, IND-15): how many people take part and consent,
// how many contributed this week (never a value of anyone), this week's team figures as any role
// sees them, and placing a team figure on a board.
import { h } from "../dom";
import { onLangChange } from "../i18n";
import type { Template } from "../template";
import { counts, INDICATORS, placeIndicator, weekReport, type Counts, type WeekReport } from "./api";
import { ti } from "./i18n";
import { formatValue, indicatorTitle, withheldText } from "./model";

export interface TeamDataOptions {
  workshop: string;
  token: string;
  boards: { id: string; title: string; template?: Template }[];
}

const REFRESH_MS = 5000;

export function mountTeamData(host: HTMLElement, o: TeamDataOptions): { destroy(): void } {
  const title = h("h2", { id: "team-data-title" });
  const intro = h("p");
  const countsList = h("ul", { class: "counts", id: "team-counts" });
  const weekTitle = h("h3", { id: "team-week-title" });
  const week = h("div", { id: "team-week" });
  const placeTitle = h("h3", { id: "place-title" });
  const boardLabel = h("label", { for: "place-board" });
  const board = h("select", { id: "place-board" }, ...o.boards.map((b) => h("option", { value: b.id }, b.title)));
  const indLabel = h("label", { for: "place-indicator" });
  const indicator = h("select", { id: "place-indicator" }, ...INDICATORS.map((i) => h("option", { value: i })));
  const weeksLabel = h("label", { for: "place-weeks" });
  const weeks = h("input", { type: "number", id: "place-weeks", min: 1, max: 12, value: 4 });
  const submit = h("button", { type: "submit", class: "btn btn-primary", id: "place-submit" });
  const status = h("p", { id: "place-status", role: "status", "aria-live": "polite" });
  const form = h("form", { id: "place-form", "aria-labelledby": "place-title" },
    h("div", { class: "row" }, h("div", { class: "field" }, boardLabel, board), h("div", { class: "field" }, indLabel, indicator),
      h("div", { class: "field" }, weeksLabel, weeks)), submit, status);
  const root = h("section", { class: "indicator-page", id: "team-data", "aria-labelledby": "team-data-title" },
    title, intro, countsList, h("section", { "aria-labelledby": "place-title" }, placeTitle, form),
    h("section", { "aria-labelledby": "team-week-title" }, weekTitle, week));
  host.replaceChildren(root);

  let c: Counts | null = null;
  let r: WeekReport | null = null;
  let closed = false;
  let timer: ReturnType<typeof setTimeout> | undefined;

  form.addEventListener("submit", (ev) => {
    ev.preventDefault();
    const target = o.boards.find((b) => b.id === board.value);
    const width = target?.template?.canvas.width ?? 1800;
    const height = target?.template?.canvas.height ?? 1000;
    submit.disabled = true;
    // Bottom right of the canvas: zones start with their titles and questions at the top, which an
    // item placed there would hide (seen in IndicatorsE2EIT's screenshots); their bottoms are space for notes.
    placeIndicator(board.value, o.token, { indicator: indicator.value, weeks: Math.min(12, Math.max(1, Number(weeks.value) || 4)), x: width - 340, y: height - 240 })
      .then(() => (status.textContent = ti("placed")))
      .catch((e: unknown) => (status.textContent = e instanceof Error ? e.message : String(e)))
      .finally(() => (submit.disabled = false));
  });

  const paintCounts = () => {
    if (!c) return;
    const item = (key: string, label: string, n: number) => h("li", { "data-count": key }, h("strong", {}, String(n)), label);
    countsList.replaceChildren(
      item("people", ti("countPeople"), c.people),
      item("sleep", ti("countSleep"), c.consents.sleep),
      item("activity", ti("countActivity"), c.consents.activity),
      item("heart", ti("countHeart"), c.consents.heart),
      item("team", ti("countTeam"), c.consents.team),
      item("contributors", ti("countContributors", { week: c.week }), c.contributorsThisWeek),
    );
  };

  const paintWeek = () => {
    if (!r) return;
    weekTitle.textContent = ti("weekTitle", { week: r.week });
    const rows = INDICATORS.map((name) => {
      const out = r!.indicators[name];
      const text = !out ? "–" : "value" in out ? formatValue(out.value, out.unit ?? "") : withheldText(out);
      return h("tr", { "data-indicator": name }, h("th", { scope: "row" }, indicatorTitle(name)), h("td", {}, text));
    });
    week.replaceChildren(h("table", { "aria-labelledby": "team-week-title" }, h("tbody", {}, ...rows)));
  };

  const paint = () => {
    title.textContent = ti("teamTitle");
    intro.textContent = ti("teamIntro");
    placeTitle.textContent = ti("placeTitle");
    boardLabel.textContent = ti("placeBoard");
    indLabel.textContent = ti("placeIndicator");
    weeksLabel.textContent = ti("placeWeeks");
    submit.textContent = ti("placeButton");
    for (const opt of indicator.options) opt.textContent = indicatorTitle(opt.value);
    weekTitle.textContent = ti("weekTitle", { week: r?.week ?? "" });
    paintCounts();
    paintWeek();
  };

  const refresh = () => {
    Promise.all([counts(o.workshop, o.token), weekReport(o.workshop, o.token)])
      .then(([cs, wr]) => {
        if (closed) return;
        c = cs;
        r = wr;
        paintCounts();
        paintWeek();
      })
      .catch((e: unknown) => {
        if (!closed) status.textContent = e instanceof Error ? e.message : String(e);
      })
      .finally(() => {
        if (!closed) timer = setTimeout(refresh, REFRESH_MS);
      });
  };
  paint();
  refresh();
  const offLang = onLangChange(paint);
  return {
    destroy() {
      closed = true;
      clearTimeout(timer);
      offLang();
      root.remove();
    },
  };
}
