// The fiche editor's table of contents (SU-9): one jump link per numbered section and the balance,
// in a sticky row above the form, so a 21-section fiche is not one long column without a way to
// jump. Links are real links (keyboard and screen readers know them) but never change the URL's
// fragment, which holds the token and the open view: a click scrolls to the section and focuses
// its heading instead.
import { h } from "../dom";
import { bind, loc, t, type Text } from "../i18n";
import type { FicheSpec } from "./spec";

export interface TocEntry {
  /** The section's id (data-section), "balance" for the balance. */
  section: string;
  /** The id of the section's heading, the link's target. */
  heading: string;
  number: number | null;
  label: Text;
}

/** The entries in document order: the numbered sections, then the balance when the spec has one. Pure. */
export function tocEntries(spec: Pick<FicheSpec, "sections" | "balance">): TocEntry[] {
  const out: TocEntry[] = spec.sections.map((s) => ({ section: s.id, heading: `section-${s.id}-title`, number: s.number, label: s.label }));
  if (spec.balance) out.push({ section: "balance", heading: "section-balance-title", number: null, label: spec.balance.label });
  return out;
}

/** A link's text: "7. Competenties", or the label alone for the balance. */
export function tocLabel(e: TocEntry): string {
  return e.number === null ? loc(e.label) : `${e.number}. ${loc(e.label)}`;
}

/** The sticky nav; `root` is where the headings are looked up when a link is followed. */
export function buildToc(spec: Pick<FicheSpec, "sections" | "balance">, root: () => ParentNode): HTMLElement {
  const list = h("ol", { class: "fiche-toc-list" });
  for (const e of tocEntries(spec)) {
    const a = bind(h("a", { href: `#${e.heading}`, class: "fiche-toc-link", "data-toc": e.section }), (el) => (el.textContent = tocLabel(e)));
    a.addEventListener("click", (ev) => {
      ev.preventDefault();
      const heading = root().querySelector<HTMLElement>(`#${CSS.escape(e.heading)}`);
      if (!heading) return;
      heading.tabIndex = -1;
      heading.closest("section")?.scrollIntoView({ block: "start" });
      heading.focus({ preventScroll: true });
    });
    list.append(h("li", {}, a));
  }
  return bind(h("nav", { class: "fiche-toc", id: "fiche-toc" }, list), (el) => el.setAttribute("aria-label", t("ficheToc")));
}
