// The session summary page (#summary, SU-8): what the session produced, on one readable page,
// with downloads of its PDF and Markdown. Read again when the language changes, since board
// titles and status labels come from the node in the page's language.
import { fetchSummary } from "../api";
import { announce, h } from "../dom";
import { errorMessage } from "../errors";
import { downloadFile } from "../fiche/download";
import { formatPlanDate } from "../fiche/plan";
import { bind, getLang, onLangChange, t } from "../i18n";
import { alertBox } from "../shell";
import { counted, roundKindKey, summaryFileName, summaryPath, type SessionSummary, type SummaryRanked } from "./model";

export interface SummaryOptions {
  workshop: string;
  token: string;
}

const tx = (tag: "h2" | "h3" | "h4" | "p" | "li" | "span" | "th" | "td", cls: string, text: string) => {
  const el = h(tag, { class: cls });
  el.textContent = text;
  return el;
};

export function mountSummary(host: HTMLElement, o: SummaryOptions): { destroy(): void } {
  let destroyed = false;
  let data: SessionSummary | null = null;
  const heading = bind(h("h2", { id: "summary-heading", class: "plan-title" }), (el) => (el.textContent = t("summaryTitle")));
  const intro = bind(h("p", { class: "board-desc summary-intro" }), (el) => (el.textContent = t("summaryIntro")));
  const workshopTitle = h("p", { class: "summary-workshop", id: "summary-workshop" });
  const status = h("span", { class: "export-status", id: "summary-status", role: "status" });
  const failure = alertBox("summary-error");
  let busy = false;

  const download = (format: "pdf" | "md", key: "summaryDownloadPdf" | "summaryDownloadMd") => {
    const b = bind(h("button", { type: "button", class: "btn", "data-summary-download": format }), (el) => (el.textContent = t(key)));
    b.addEventListener("click", () => void save(format));
    return b;
  };
  const print = bind(h("button", { type: "button", class: "btn btn-quiet", id: "summary-print" }), (el) => (el.textContent = t("summaryPrint")));
  print.addEventListener("click", () => window.print());
  const actions = bind(
    h("div", { class: "summary-downloads", role: "group" }, download("pdf", "summaryDownloadPdf"), download("md", "summaryDownloadMd"), print, status),
    (el) => el.setAttribute("aria-label", t("summaryDownloads")),
  );
  const body = h("div", { class: "summary-body" }, bind(h("p", { class: "help" }), (el) => (el.textContent = t("loading"))));
  const root = h(
    "article",
    { id: "summary", class: "summary-page", "aria-labelledby": "summary-heading", "aria-busy": "true" },
    h("header", { class: "summary-head" }, heading, workshopTitle, intro, actions),
    failure.el,
    body,
  );
  host.replaceChildren(root);

  function section(id: string, key: "summaryInstructions" | "summaryRounds" | "summaryBoards" | "summaryActions", ...content: (Node | null)[]) {
    return h("section", { class: "summary-section", id: `summary-${id}`, "aria-labelledby": `summary-${id}-h` }, bind(h("h3", { id: `summary-${id}-h` }), (el) => (el.textContent = t(key))), ...content);
  }

  function ranked(r: SummaryRanked): HTMLLIElement {
    const dots = counted(r.dots, "summaryDotsOne", "summaryDots");
    const li = h("li", { class: "summary-ranked", "data-kind": r.kind, "data-item": r.item });
    if (r.kind === "theme") li.append(tx("span", "summary-kind", `${t("summaryTheme")}: `));
    li.append(tx("span", "summary-text", r.text), " ", tx("span", "summary-dots", `(${t(...dots)})`));
    if (r.kind === "theme" && r.notes.length) li.append(h("ul", { class: "summary-theme-notes" }, ...r.notes.map((n) => tx("li", "", n))));
    return li;
  }

  function render(): void {
    if (!data) return;
    const s = data;
    workshopTitle.textContent = s.title;
    const instructions = s.instructions.length
      ? h("ul", { class: "summary-list" }, ...s.instructions.map((i) => tx("li", "", i.text)))
      : tx("p", "help", t("summaryNoInstructions"));
    const rounds = s.rounds.length
      ? h("div", {}, ...s.rounds.map((r) => {
          const kind = roundKindKey(r.kind);
          return h(
            "div",
            { class: "summary-round", "data-round": r.id },
            tx("h4", "", `${kind ? t(kind) : r.kind}: ${r.prompt}`),
            r.answers.length
              ? h("ul", { class: "summary-list" }, ...r.answers.map((a) => h("li", {}, tx("span", "summary-name", `${a.name}: `), a.text)))
              : tx("p", "help", t("summaryNoAnswers")),
          );
        }))
      : tx("p", "help", t("summaryNoRounds"));
    const boards = s.boards.length
      ? h("div", {}, ...s.boards.map((b) => {
          const notes = counted(b.notes, "summaryNotesOne", "summaryNotes");
          const parts: Node[] = [h("h4", {}, b.title, " ", tx("span", "summary-count", `(${t(...notes)})`))];
          if (b.vote === "closed" && b.top.length) {
            parts.push(tx("p", "summary-label", t("summaryTop")), h("ol", { class: "summary-top" }, ...b.top.map(ranked)));
          } else {
            parts.push(tx("p", "help", t(b.vote === "open" ? "summaryVoteOpen" : "summaryNoVote")));
          }
          if (b.themes.length) {
            parts.push(tx("p", "summary-label", t("summaryThemes")), h("ul", { class: "summary-list" }, ...b.themes.map((th) => tx("li", "", `${th.text} (${t(...counted(th.notes.length, "summaryNotesOne", "summaryNotes"))})`))));
          }
          return h("div", { class: "summary-board", "data-board": b.board }, ...parts);
        }))
      : tx("p", "help", t("summaryNoBoards"));
    const lang = getLang();
    // In a box of its own that scrolls sideways on a narrow phone, so the page itself never does.
    const plan = s.actions.length
      ? h("div", { class: "summary-plan-scroll", tabindex: 0, role: "region", "aria-label": t("summaryPlanTable") }, h(
          "table",
          { class: "plan-table summary-plan", id: "summary-plan" },
          h("thead", {}, h("tr", {}, ...(["summaryColAction", "colDriver", "colFirstDate", "colStatus"] as const).map((k) => {
            const th = tx("th", "", t(k));
            th.setAttribute("scope", "col");
            return th;
          }))),
          h("tbody", {}, ...s.actions.map((a) => {
            const date = h("td", { class: "plan-first-date" });
            if (a.firstDate) {
              date.append(h("time", { datetime: a.firstDate }, formatPlanDate(a.firstDate, lang)));
              if (a.firstStep?.trim()) date.append(tx("span", "plan-first-step", a.firstStep.trim()));
            } else date.textContent = t("planNoValue");
            const title = tx("th", "plan-fiche-title", a.title || t("untitled"));
            title.setAttribute("scope", "row");
            return h("tr", { "data-fiche": a.fiche }, title, tx("td", "plan-driver", a.driver || t("planNoValue")), date, tx("td", "plan-status", a.statusLabel));
          })),
        ))
      : tx("p", "help", t("summaryNoActions"));
    body.replaceChildren(
      section("instructions", "summaryInstructions", instructions),
      section("rounds", "summaryRounds", rounds),
      section("boards", "summaryBoards", boards),
      section("actions", "summaryActions", plan),
    );
  }

  async function load(): Promise<void> {
    root.setAttribute("aria-busy", "true");
    try {
      const s = await fetchSummary(summaryPath(o.workshop, "json", getLang()), o.token);
      if (destroyed) return;
      data = s;
      failure.show(null);
      render();
    } catch (e) {
      if (destroyed) return;
      failure.show(t("summaryFailed", { message: errorMessage(e) }));
      if (!data) body.replaceChildren();
    } finally {
      root.setAttribute("aria-busy", "false");
    }
  }

  async function save(format: "pdf" | "md"): Promise<void> {
    if (busy) return;
    busy = true;
    status.textContent = "";
    failure.show(null);
    const lang = getLang();
    try {
      const file = await downloadFile(summaryPath(o.workshop, format, lang), o.token, summaryFileName(format, lang), () => {});
      status.textContent = t("summaryDownloaded", { name: file.name });
      announce(t("summaryDownloaded", { name: file.name }));
    } catch (e) {
      failure.show(t("summaryDownloadFailed", { message: errorMessage(e) }));
    } finally {
      busy = false;
    }
  }

  const off = onLangChange(() => void load());
  void load();
  return {
    destroy() {
      destroyed = true;
      off();
      root.remove();
    },
  };
}
