// The action plan (#action-plan): every fiche of the workshop with its status and SMART badges,
// a button to open it, and exports of the whole plan with a progress bar.
import { listFiches, type FicheSummary } from "../api";
import { announce, h } from "../dom";
import { errorMessage } from "../errors";
import { bind, getLang, loc, t } from "../i18n";
import { alertBox } from "../shell";
import { downloadFile, EXPORT_FORMATS, type ExportFormat } from "./download";
import { smartBadge } from "./smart-view";
import type { FicheSpec } from "./spec";

export interface PlanOptions {
  workshop: string;
  token: string;
  /** Null when the spec could not be loaded: rules and statuses then show by id. */
  spec: FicheSpec | null;
  onOpen(ficheId: string): void;
}

export interface MountedPlan {
  refresh(): Promise<void>;
  destroy(): void;
}

const FORMAT_NAMES: Record<ExportFormat, string> = { pdf: "PDF", md: "Markdown", csv: "CSV", json: "JSON" };

/** A step's date (yyyy-mm-dd) as people read it in `lang`: "4 mei 2026", "4 May 2026"; anything else as given. Pure. */
export function formatPlanDate(iso: string, lang: string): string {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(iso);
  if (!m) return iso;
  const date = new Date(Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3])));
  return new Intl.DateTimeFormat(lang === "en" ? "en-GB" : "nl-BE", { day: "numeric", month: "long", year: "numeric", timeZone: "UTC" }).format(date);
}

export function statusLabel(spec: FicheSpec | null, status: string): string {
  const s = spec?.statuses.find((x) => x.id === status);
  return s ? loc(s.label) : status;
}

export function mountPlan(host: HTMLElement, o: PlanOptions): MountedPlan {
  let destroyed = false;
  let fiches: FicheSummary[] | null = null;

  const heading = bind(h("h2", { id: "plan-heading", class: "plan-title" }), (el) => (el.textContent = t("actionPlan")));
  const intro = bind(h("p", { class: "board-desc" }), (el) => (el.textContent = t("actionPlanIntro")));
  const refreshBtn = bind(h("button", { type: "button", class: "tool", id: "refresh-plan" }), (el) => (el.textContent = t("refresh")));
  refreshBtn.addEventListener("click", () => void refresh());

  // Exports of the whole plan.
  const progress = h("progress", { id: "export-progress", max: 1, value: 0, "data-state": "idle" });
  bind(progress, (el) => el.setAttribute("aria-label", t("exportProgress")));
  progress.hidden = true;
  const exportStatus = h("span", { class: "export-status", id: "export-status" });
  const exportError = alertBox("export-error");
  let exporting = false;
  const exportButtons = EXPORT_FORMATS.map((format) => {
    const b = bind(h("button", { type: "button", class: "tool", "data-export": format }), (el) => {
      el.textContent = FORMAT_NAMES[format];
      el.title = t("exportAs", { format: FORMAT_NAMES[format] });
    });
    b.addEventListener("click", () => void runExport(format));
    return b;
  });
  const exportGroup = bind(h("div", { class: "tool-group export-group", role: "group" }, ...exportButtons), (el) => {
    el.setAttribute("aria-label", t("exportLabel"));
  });
  const exportLabel = bind(h("span", { class: "export-label", "aria-hidden": "true" }), (el) => (el.textContent = t("exportLabel") + ":"));

  const toolbar = h(
    "div",
    { class: "toolbar plan-toolbar", role: "toolbar" },
    h("div", { class: "tool-group" }, refreshBtn),
    exportLabel,
    exportGroup,
    progress,
    exportStatus,
    h("div", { class: "tool-spacer" }),
  );
  bind(toolbar, (el) => el.setAttribute("aria-label", t("actionPlan")));

  const listError = alertBox("plan-error");
  const body = h("div", { class: "plan-body" }, h("p", { class: "help" }, t("loading")));
  const root = h(
    "section",
    { id: "action-plan", class: "action-plan", "aria-labelledby": "plan-heading", "aria-busy": "true" },
    h("div", { class: "board-head" }, heading, intro),
    toolbar,
    exportError.el,
    listError.el,
    body,
  );
  host.replaceChildren(root);

  function render(): void {
    if (!fiches) return;
    if (fiches.length === 0) {
      body.replaceChildren(bind(h("p", { class: "plan-empty", id: "plan-empty" }), (el) => (el.textContent = t("planEmpty"))));
      return;
    }
    const list = fiches;
    const caption = bind(h("caption"), (el) => {
      el.textContent = list.length === 1 ? t("planCountOne") : t("planCount", { n: list.length });
    });
    const th = (key: "colTitle" | "colDriver" | "colFirstDate" | "colStatus" | "colSmart" | "colOpen") =>
      bind(h("th", { scope: "col" }), (el) => (el.textContent = t(key)));
    const rows = list.map((f) => row(f));
    body.replaceChildren(
      h(
        "table",
        { class: "plan-table", id: "plan-table" },
        caption,
        h("thead", {}, h("tr", {}, th("colTitle"), th("colDriver"), th("colFirstDate"), th("colStatus"), th("colSmart"), th("colOpen"))),
        h("tbody", {}, ...rows),
      ),
    );
  }

  function row(f: FicheSummary): HTMLTableRowElement {
    const title = f.title.trim();
    const titleCell = h("th", { scope: "row", class: "plan-fiche-title" });
    bind(titleCell, (el) => (el.textContent = title || t("untitled")));
    const status = bind(h("td", { class: "plan-status", "data-status": f.status }), (el) => (el.textContent = statusLabel(o.spec, f.status)));
    const rules = o.spec?.smart ?? Object.keys(f.smart).map((id) => ({ id }));
    const badges = h("ul", { class: "smart-badges" });
    const paintBadges = () => badges.replaceChildren(...rules.map((r) => h("li", {}, smartBadge(r, f.smart[r.id] === true))));
    bind(badges, paintBadges);
    const openBtn = h("button", { type: "button", class: "btn btn-small", "data-open-fiche": f.id });
    bind(openBtn, (el) => {
      el.replaceChildren(t("open"), h("span", { class: "visually-hidden" }, `: ${title || t("untitled")}`));
    });
    openBtn.addEventListener("click", () => o.onOpen(f.id));
    // SU-9: who drives the action and when its first dated step is.
    const driver = (f.driver ?? "").trim();
    const driverCell = bind(h("td", { class: "plan-driver" }), (el) => (el.textContent = driver || t("planNoValue")));
    const dateCell = h("td", { class: "plan-first-date" });
    bind(dateCell, (el) => {
      if (!f.firstDate) {
        el.textContent = t("planNoValue");
        return;
      }
      const time = h("time", { datetime: f.firstDate }, formatPlanDate(f.firstDate, getLang()));
      el.replaceChildren(time, f.firstStep?.trim() ? h("span", { class: "plan-first-step" }, f.firstStep.trim()) : "");
    });
    return h("tr", { "data-fiche": f.id }, titleCell, driverCell, dateCell, status, h("td", {}, badges), h("td", {}, openBtn));
  }

  async function refresh(): Promise<void> {
    root.setAttribute("aria-busy", "true");
    try {
      const res = await listFiches(o.workshop, o.token);
      if (destroyed) return;
      fiches = res.fiches;
      listError.show(null);
      render();
    } catch (e) {
      if (destroyed) return;
      listError.show(errorMessage(e));
      if (!fiches) body.replaceChildren();
    } finally {
      root.setAttribute("aria-busy", "false");
    }
  }

  async function runExport(format: ExportFormat): Promise<void> {
    if (exporting) return;
    exporting = true;
    exportError.show(null);
    for (const b of exportButtons) b.setAttribute("aria-disabled", "true");
    progress.hidden = false;
    progress.dataset.state = "running";
    progress.dataset.format = format;
    progress.value = 0;
    exportStatus.textContent = t("exporting", { format: FORMAT_NAMES[format] });
    const lang = getLang();
    const path = `/api/workshops/${encodeURIComponent(o.workshop)}/fiches/export?format=${format}&lang=${lang}`;
    const fallback = `${lang === "nl" ? "actieplan" : "action-plan"}.${format}`;
    try {
      const file = await downloadFile(path, o.token, fallback, (received, total) => {
        if (total) {
          progress.max = total;
          progress.value = Math.min(received, total);
        } else {
          progress.removeAttribute("value"); // indeterminate: the size is unknown
        }
      });
      progress.max = Math.max(file.bytes, 1);
      progress.value = progress.max;
      progress.dataset.state = "done";
      exportStatus.textContent = t("exportDone", { name: file.name });
      announce(t("exportDone", { name: file.name }));
    } catch (e) {
      progress.dataset.state = "error";
      progress.hidden = true;
      exportStatus.textContent = "";
      exportError.show(t("exportFailed", { message: errorMessage(e) }));
    } finally {
      exporting = false;
      for (const b of exportButtons) b.removeAttribute("aria-disabled");
    }
  }

  void refresh();

  return {
    refresh,
    destroy() {
      destroyed = true;
      root.remove();
    },
  };
}
