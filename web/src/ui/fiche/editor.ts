// The fiche editor (#fiche-editor): a fiche is a board (template "action-fiche") opened with the
// same sync client. Item "fiche" holds one field per spec field, the status and the source;
// steps and balance entries are items of their own. Every keystroke goes out at once; remote
// changes update every field that is not being edited. Observers see it all read-only.
// The parts live next door: frame.ts (toolbar, message line), form.ts (field wiring),
// head.ts, smart-panel.ts, steps.ts and balance.ts.
import type { BoardClient, ConnectionStatus, Role } from "../../sync/api";
import type { Identity } from "../../sync/identity";
import { clusterBaseUrls, createBoardClient } from "../../sync/index";
import { announce, h } from "../dom";
import { bind, loc, onLangChange, t } from "../i18n";
import { BalanceGrid } from "./balance";
import { FicheForm } from "./form";
import { buildFicheFrame } from "./frame";
import { buildFicheHead } from "./head";
import { buildSmartPanel } from "./smart-panel";
import type { FicheSection, FicheSpec } from "./spec";
import { StepsTimeline } from "./steps";
import { buildToc } from "./toc";

export { FIELD_MAX } from "./form";

export interface FicheEditorOptions {
  spec: FicheSpec;
  ficheId: string;
  token: string;
  name: string;
  role: Role;
  /** This tab's seat and replica in the workshop (ID-1, ID-2). */
  identity: Identity;
  onRole?(role: Role): void;
  onBack(): void;
}

export interface MountedFiche {
  destroy(): void;
}

/** A numbered section card: its fields, or the steps timeline for a "steps" section. */
function sectionEl(s: FicheSection, form: FicheForm, steps: StepsTimeline): HTMLElement {
  const titleId = `section-${s.id}-title`;
  const qid = `section-${s.id}-q`;
  const title = bind(h("h3", { id: titleId }), (el) => (el.textContent = `${s.number}. ${loc(s.label)}`));
  const question = bind(h("p", { id: qid, class: "fiche-question" }), (el) => (el.textContent = loc(s.question)));
  const sec = h("section", { class: "card fiche-section", "data-section": s.id, "aria-labelledby": titleId }, title, question);
  if (s.kind === "steps") {
    steps.fill(sec);
    return sec;
  }
  const single = s.fields.length === 1;
  for (const f of s.fields) sec.append(form.textField(f, "textarea", qid, single && loc(f.label) === loc(s.label)));
  return sec;
}

export function mountFicheEditor(host: HTMLElement, o: FicheEditorOptions): MountedFiche {
  const spec = o.spec;
  const readonly = o.role === "observer";
  const client: BoardClient = createBoardClient({
    baseUrls: clusterBaseUrls(location.origin),
    token: o.token,
    board: o.ficheId,
    name: o.name,
    seat: o.identity.seat,
    replica: o.identity.replica,
  });
  const offs: (() => void)[] = [];

  const frame = buildFicheFrame(client, readonly, o.name, () => o.onBack());
  const form = new FicheForm(client, readonly, frame.say);
  const head = buildFicheHead(form, spec);
  const smart = buildSmartPanel(spec);
  const steps = new StepsTimeline(form);
  const sections = spec.sections.map((s) => sectionEl(s, form, steps));
  const balance = new BalanceGrid(form, spec);

  const root = h(
    "section",
    { id: "fiche-editor", class: "fiche-editor", "data-fiche-id": o.ficheId, "data-readonly": String(readonly), "aria-labelledby": "fiche-heading" },
    h("div", { class: "fiche-top" }, frame.back),
    h("div", { class: "board-head" }, frame.heading, frame.source),
    frame.toolbar,
    frame.message,
    buildToc(spec, (): ParentNode => root),
    h("div", { class: "fiche-body" }, head.el, smart.el, ...sections, balance.el),
  );
  host.replaceChildren(root);

  function paintPeers(): void {
    frame.paintPeers();
    form.paintMarkers(client.peers);
  }

  function render(): void {
    const data = form.read();
    form.paintFields();
    head.paint();
    const title = (data.values.title ?? "").trim();
    frame.heading.textContent = title ? t("ficheLabel", { title }) : t("ficheTitle");
    frame.source.textContent = data.source ? t("ficheSource", { source: data.source }) : "";
    frame.source.hidden = !data.source;
    steps.paint();
    balance.paint();
    smart.paint(data);
    frame.paintUndo();
  }

  let lastStatus: ConnectionStatus = client.status;
  offs.push(
    client.on("items", () => render()),
    client.on("status", (st) => {
      frame.setStatus(st);
      if (st === "offline" && lastStatus !== "offline" && lastStatus !== "connecting") announce(t("wentOffline"));
      if (lastStatus === "offline" && (st === "connected" || st === "saving")) announce(t("backOnline"));
      lastStatus = st;
    }),
    client.on("peers", paintPeers),
    client.on("welcome", (role) => {
      render();
      if (role !== o.role) o.onRole?.(role);
    }),
    client.on("error", (code, msg) => frame.say(code === "forbidden" ? t("readOnly") : t("errServer", { message: msg || code }))),
    onLangChange(() => {
      render();
      paintPeers();
    }),
  );

  render();
  paintPeers();
  void client.start();

  return {
    destroy() {
      for (const off of offs) off();
      form.destroy();
      frame.dispose();
      client.stop();
      root.remove();
    },
  };
}
