// The fiche editor (#fiche-editor): a fiche is a board (template "action-fiche") opened with the
// same sync client. Item "fiche" holds one field per spec field, the status and the source;
// steps and balance entries are items of their own. Every keystroke goes out at once; remote
// changes update every field that is not being edited. Observers see it all read-only.
import type { BoardClient, ConnectionStatus, Json, Role } from "../../sync/api";
import { createBoardClient } from "../../sync/index";
import { PresenceLayer } from "../board/presence";
import { announce, h } from "../dom";
import { bind, loc, onLangChange, t, type Text } from "../i18n";
import { langSwitch } from "../shell";
import { FICHE_ITEM, newBalanceChanges, newStepChanges, readFiche, type BalanceEntry, type FicheData, type Step } from "./model";
import { smartBadge } from "./smart-view";
import { evaluateSmart, missingRules, type FicheField, type FicheSection, type FicheSpec } from "./spec";

/** Field values are not "text" on the wire, so they are capped below the server's 4096-character JSON limit. */
export const FIELD_MAX = 3900;

export interface FicheEditorOptions {
  spec: FicheSpec;
  ficheId: string;
  token: string;
  name: string;
  role: Role;
  onRole?(role: Role): void;
  onBack(): void;
}

export interface MountedFiche {
  destroy(): void;
}

type TextInput = HTMLInputElement | HTMLTextAreaElement;

interface StepParts {
  li: HTMLLIElement;
  date: HTMLInputElement;
  text: HTMLInputElement;
  dateLabel: HTMLLabelElement;
  textLabel: HTMLLabelElement;
  remove: HTMLButtonElement | null;
  marker: HTMLElement;
}

interface EntryParts {
  li: HTMLLIElement;
  text: HTMLInputElement;
  label: HTMLLabelElement;
  remove: HTMLButtonElement | null;
}

function toolButton(id: string, icon: string, key: "undo" | "redo", onClick: () => void): HTMLButtonElement {
  const b = h("button", { type: "button", class: "tool", id });
  bind(b, (el) => {
    el.replaceChildren(h("span", { class: "tool-icon", "aria-hidden": "true" }, icon), h("span", { class: "tool-text" }, t(key)));
    el.title = t(key);
  });
  b.addEventListener("click", onClick);
  return b;
}

export function mountFicheEditor(host: HTMLElement, o: FicheEditorOptions): MountedFiche {
  const spec = o.spec;
  const readonly = o.role === "observer";
  const client: BoardClient = createBoardClient({ baseUrls: [location.origin], token: o.token, board: o.ficheId, name: o.name });
  let data: FicheData = readFiche(client.items);
  const offs: (() => void)[] = [];

  // --- frame: back, heading, toolbar ---------------------------------------------------------
  const back = bind(h("button", { type: "button", class: "btn btn-quiet back-to-plan", id: "back-to-plan" }), (el) => {
    el.replaceChildren(h("span", { "aria-hidden": "true" }, "← "), t("backToPlan"));
  });
  back.addEventListener("click", () => o.onBack());
  const heading = h("h2", { id: "fiche-heading", class: "fiche-heading" });
  const source = h("p", { class: "board-desc fiche-source", id: "fiche-source" });

  const status = h("span", { id: "connection-status", class: "status", "data-status": client.status });
  const statusWrap = h("div", { class: "tool-group status-group" }, h("span", { class: "status-dot", "aria-hidden": "true" }), status);
  let currentStatus: ConnectionStatus = client.status;
  const paintStatus = () => {
    status.dataset.status = currentStatus;
    statusWrap.dataset.status = currentStatus;
    status.textContent = t(`status_${currentStatus}`);
  };
  bind(status, paintStatus);
  const undoBtn = toolButton("undo", "↶", "undo", () => {
    client.undo();
    paintUndo();
  });
  const redoBtn = toolButton("redo", "↷", "redo", () => {
    client.redo();
    paintUndo();
  });
  const paintUndo = () => {
    undoBtn.disabled = readonly || !client.canUndo();
    redoBtn.disabled = readonly || !client.canRedo();
  };
  const peers = h("ul", { id: "peers", class: "peers" });
  bind(peers, (el) => el.setAttribute("aria-label", t("peersLabel")));
  const presence = new PresenceLayer(h("div"), peers, o.name); // no cursors on a form: only the list is shown
  const toolbar = h(
    "div",
    { class: "toolbar fiche-toolbar", role: "toolbar" },
    statusWrap,
    h("div", { class: "tool-group" }, undoBtn, redoBtn),
    h("div", { class: "tool-spacer" }),
    h("div", { class: "tool-group peers-group" }, peers),
    langSwitch(),
  );
  bind(toolbar, (el) => el.setAttribute("aria-label", t("ficheToolbar")));
  const message = h("div", { class: "board-message", role: "status", "aria-live": "polite" });
  let messageTimer: ReturnType<typeof setTimeout> | undefined;
  const say = (msg: string) => {
    clearTimeout(messageTimer);
    message.textContent = msg;
    message.classList.add("visible");
    messageTimer = setTimeout(() => {
      message.textContent = "";
      message.classList.remove("visible");
    }, 6000);
  };

  // --- text fields ---------------------------------------------------------------------------
  const inputs = new Map<string, TextInput>();
  /** Selection key (presence) → the element that shows who else is editing there. */
  const markers = new Map<string, HTMLElement>();
  let session = 0;

  /** Sends one field of an item; typing in one focus session is one undo step. */
  const write = (item: string, field: string, value: Json, mergeKey?: string) => {
    if (readonly) return;
    if (item === FICHE_ITEM && client.items.value(FICHE_ITEM, "kind") === undefined) {
      client.change([{ item: FICHE_ITEM, field: "kind", value: "fiche" }]);
    }
    client.change([{ item, field, value }], mergeKey ? { undoable: true, mergeKey } : { undoable: true });
  };

  /** Wires an input to `item.field`: out on every input, back in from the model when not focused. */
  function wire(el: TextInput, item: string, field: string, selectionKey: string): void {
    if (readonly) el.readOnly = true;
    let key = "";
    el.addEventListener("focus", () => {
      key = `fiche:${item === FICHE_ITEM ? field : `${item}.${field}`}:${++session}`;
      client.setPresence(null, [selectionKey]);
    });
    const send = () => {
      if (readonly) return;
      const current = client.items.value(item, field);
      if ((typeof current === "string" ? current : "") === el.value) return;
      write(item, field, el.value, key || `fiche:${field}:${++session}`);
    };
    el.addEventListener("input", send);
    el.addEventListener("change", send);
    el.addEventListener("blur", () => {
      client.setPresence(null, []);
      // Whatever won meanwhile (a later write by someone else) shows once the field is left.
      const v = client.items.value(item, field);
      const model = typeof v === "string" ? v : "";
      if (el.value !== model) el.value = model;
    });
  }

  function marker(key: string): HTMLElement {
    const m = h("span", { class: "field-peers" });
    m.hidden = true;
    markers.set(key, m);
    return m;
  }

  function textField(field: FicheField, kind: "input" | "textarea", describedBy: string | null, hideLabel: boolean): HTMLElement {
    const id = `fiche-field-${field.id}`;
    const label = bind(h("label", { for: id, class: hideLabel ? "visually-hidden" : "" }), (el) => (el.textContent = loc(field.label)));
    const el: TextInput =
      kind === "input"
        ? h("input", { id, type: "text", maxlength: FIELD_MAX, autocomplete: "off", "data-field": field.id })
        : h("textarea", { id, rows: 3, maxlength: FIELD_MAX, "data-field": field.id });
    if (describedBy) el.setAttribute("aria-describedby", describedBy);
    const key = `${FICHE_ITEM}:${field.id}`;
    wire(el, FICHE_ITEM, field.id, key);
    inputs.set(field.id, el);
    return h("div", { class: `field fiche-field fiche-field-${kind}` }, h("div", { class: "field-head" }, label, marker(key)), el);
  }

  // --- header: title, driver, status ----------------------------------------------------------
  const headerFields = spec.header.map((f) => {
    const qid = `fiche-q-${f.id}`;
    const question = f.question ? bind(h("p", { id: qid, class: "help fiche-question" }), (el) => (el.textContent = loc(f.question))) : null;
    const wrap = textField(f, "input", question ? qid : null, false);
    if (question) wrap.append(question);
    return wrap;
  });
  const statusSelect = h("select", { id: "fiche-status", class: "fiche-status" });
  const paintStatusOptions = () => {
    const value = statusSelect.value || data.status;
    statusSelect.replaceChildren(...spec.statuses.map((s) => h("option", { value: s.id }, loc(s.label))));
    if (!spec.statuses.some((s) => s.id === data.status)) statusSelect.append(h("option", { value: data.status }, data.status));
    statusSelect.value = value;
  };
  bind(statusSelect, paintStatusOptions);
  statusSelect.disabled = readonly;
  statusSelect.addEventListener("change", () => write(FICHE_ITEM, "status", statusSelect.value));
  const statusLabel = bind(h("label", { for: "fiche-status" }), (el) => (el.textContent = t("ficheStatus")));
  const headTitle = bind(h("h3", { id: "fiche-head-title", class: "visually-hidden" }), (el) => (el.textContent = t("ficheHeader")));
  const head = h(
    "section",
    { class: "card fiche-head", "aria-labelledby": "fiche-head-title" },
    headTitle,
    h("div", { class: "fiche-head-grid" }, ...headerFields, h("div", { class: "field fiche-status-field" }, statusLabel, statusSelect)),
  );

  // --- SMART panel ---------------------------------------------------------------------------
  const smartTitle = bind(h("h3", { id: "smart-title" }), (el) => (el.textContent = t("smartTitle")));
  const smartBadges = h("ul", { class: "smart-badges" });
  const smartHints = h("div", { class: "smart-hints" });
  const smartPanel = h("section", { id: "smart-panel", class: "card smart-panel", "aria-labelledby": "smart-title" }, smartTitle, smartBadges, smartHints);
  const paintSmart = () => {
    const met = evaluateSmart(spec, data.values, data.steps);
    smartBadges.replaceChildren(...spec.smart.map((r) => h("li", {}, smartBadge(r, met[r.id] === true))));
    const missing = missingRules(spec, met);
    if (missing.length === 0) {
      smartHints.replaceChildren(h("p", { class: "smart-ok" }, t("smartAllMet")));
    } else {
      smartHints.replaceChildren(
        h("p", { class: "smart-todo" }, t("smartTodo")),
        h("ul", { class: "smart-hint-list" }, ...missing.map((r) => h("li", { "data-rule": r.id }, h("strong", {}, loc(r.label)), " ", loc(r.hint)))),
      );
    }
    smartPanel.dataset.met = String(missing.length === 0);
  };

  // --- sections ------------------------------------------------------------------------------
  const stepList = h("ol", { class: "steps", id: "steps" });
  const noSteps = bind(h("p", { class: "help no-steps" }), (el) => (el.textContent = t("noSteps")));
  const stepParts = new Map<string, StepParts>();

  function sectionEl(s: FicheSection): HTMLElement {
    const titleId = `section-${s.id}-title`;
    const qid = `section-${s.id}-q`;
    const title = bind(h("h3", { id: titleId }), (el) => (el.textContent = `${s.number}. ${loc(s.label)}`));
    const question = bind(h("p", { id: qid, class: "fiche-question" }), (el) => (el.textContent = loc(s.question)));
    const sec = h("section", { class: "card fiche-section", "data-section": s.id, "aria-labelledby": titleId }, title, question);
    if (s.kind === "steps") {
      sec.append(stepList, noSteps);
      if (!readonly) {
        const add = bind(h("button", { type: "button", class: "btn", id: "add-step" }), (el) => {
          el.replaceChildren(h("span", { "aria-hidden": "true" }, "+ "), t("addStep"));
        });
        add.addEventListener("click", addStep);
        sec.append(add);
      }
      return sec;
    }
    const single = s.fields.length === 1;
    for (const f of s.fields) sec.append(textField(f, "textarea", qid, single && loc(f.label) === loc(s.label)));
    return sec;
  }

  function addStep(): void {
    if (readonly) return;
    const { id, changes } = newStepChanges(data.steps);
    client.change(changes, { undoable: true });
    say(t("stepAdded"));
    stepParts.get(id)?.date.focus();
  }

  function stepPartsFor(step: Step): StepParts {
    const existing = stepParts.get(step.id);
    if (existing) return existing;
    const dateId = `step-${step.id}-date`;
    const textId = `step-${step.id}-text`;
    const date = h("input", { id: dateId, type: "date", class: "step-date", "data-step-field": "date" });
    const text = h("input", { id: textId, type: "text", class: "step-text", maxlength: FIELD_MAX, autocomplete: "off", "data-step-field": "text" });
    wire(date, step.id, "date", step.id);
    wire(text, step.id, "text", step.id);
    const dateLabel = h("label", { for: dateId, class: "visually-hidden" });
    const textLabel = h("label", { for: textId, class: "visually-hidden" });
    let remove: HTMLButtonElement | null = null;
    if (!readonly) {
      remove = h("button", { type: "button", class: "tool step-remove", "data-remove-step": step.id });
      remove.addEventListener("click", () => {
        const at = data.steps.findIndex((s) => s.id === step.id);
        client.change([{ item: step.id, field: "deleted", value: true }], { undoable: true });
        say(t("stepRemoved"));
        const next = data.steps[Math.min(at, data.steps.length - 1)];
        (next ? stepParts.get(next.id)?.text : document.getElementById("add-step"))?.focus();
      });
    }
    const m = h("span", { class: "field-peers" });
    m.hidden = true;
    markers.set(step.id, m);
    const li = h("li", { class: "step", "data-step": step.id }, dateLabel, date, textLabel, text, remove, m);
    const parts = { li, date, text, dateLabel, textLabel, remove, marker: m };
    stepParts.set(step.id, parts);
    return parts;
  }

  function paintSteps(): void {
    const live = new Set(data.steps.map((s) => s.id));
    for (const [id, p] of stepParts) {
      if (live.has(id)) continue;
      p.li.remove();
      stepParts.delete(id);
      markers.delete(id);
    }
    data.steps.forEach((s, i) => {
      const p = stepPartsFor(s);
      const n = i + 1;
      p.dateLabel.textContent = t("stepDate", { n });
      p.textLabel.textContent = t("stepText", { n });
      p.text.placeholder = t("stepText", { n });
      if (p.remove) {
        p.remove.replaceChildren(h("span", { "aria-hidden": "true" }, "✕"));
        p.remove.setAttribute("aria-label", t("removeStep", { n }));
        p.remove.title = t("removeStep", { n });
      }
      if (document.activeElement !== p.date && p.date.value !== s.date) p.date.value = s.date;
      if (document.activeElement !== p.text && p.text.value !== s.text) p.text.value = s.text;
      if (stepList.children[i] !== p.li) stepList.insertBefore(p.li, stepList.children[i] ?? null);
    });
    noSteps.hidden = data.steps.length > 0;
  }

  // --- balance -------------------------------------------------------------------------------
  const quadrantLists = new Map<string, { ul: HTMLUListElement; empty: HTMLElement; label: Text }>();
  const entryParts = new Map<string, EntryParts>();

  function balanceEl(): HTMLElement | null {
    const b = spec.balance;
    if (!b) return null;
    const title = bind(h("h3", { id: "section-balance-title" }), (el) => {
      el.replaceChildren(loc(b.label), " ", h("span", { class: "optional" }, t("optional")));
    });
    const question = bind(h("p", { id: "section-balance-q", class: "fiche-question" }), (el) => (el.textContent = loc(b.question)));
    const grid = h("div", { class: "balance-grid" });
    for (const q of b.quadrants) {
      const qTitleId = `quadrant-${q.id}-title`;
      const qTitle = bind(h("h4", { id: qTitleId }), (el) => (el.textContent = loc(q.label)));
      const ul = h("ul", { class: "balance-entries", "aria-labelledby": qTitleId });
      const empty = bind(h("p", { class: "help" }), (el) => (el.textContent = t("noBalance")));
      const cell = h("div", { class: "balance-quadrant", "data-quadrant": q.id }, qTitle, ul, empty);
      if (!readonly) {
        const add = bind(h("button", { type: "button", class: "tool", "data-add-balance": q.id }), (el) => {
          el.replaceChildren(h("span", { "aria-hidden": "true" }, "+ "), t("addBalance"));
          el.setAttribute("aria-label", t("addBalanceTo", { quadrant: loc(q.label) }));
        });
        add.addEventListener("click", () => {
          const { id, changes } = newBalanceChanges(data.balance, q.id);
          client.change(changes, { undoable: true });
          entryParts.get(id)?.text.focus();
        });
        cell.append(add);
      }
      quadrantLists.set(q.id, { ul, empty, label: q.label });
      grid.append(cell);
    }
    return h("section", { class: "card fiche-section", "data-section": "balance", "aria-labelledby": "section-balance-title" }, title, question, grid);
  }

  function entryPartsFor(e: BalanceEntry): EntryParts {
    const existing = entryParts.get(e.id);
    if (existing) return existing;
    const id = `balance-${e.id}`;
    const text = h("input", { id, type: "text", class: "balance-text", maxlength: FIELD_MAX, autocomplete: "off" });
    wire(text, e.id, "text", e.id);
    const label = h("label", { for: id, class: "visually-hidden" });
    let remove: HTMLButtonElement | null = null;
    if (!readonly) {
      remove = h("button", { type: "button", class: "tool balance-remove" }, h("span", { "aria-hidden": "true" }, "✕"));
      remove.addEventListener("click", () => {
        client.change([{ item: e.id, field: "deleted", value: true }], { undoable: true });
        document.querySelector<HTMLElement>(`[data-add-balance="${CSS.escape(e.zone)}"]`)?.focus();
      });
    }
    const li = h("li", { class: "balance-entry", "data-balance": e.id }, label, text, remove);
    const parts = { li, text, label, remove };
    entryParts.set(e.id, parts);
    return parts;
  }

  function paintBalance(): void {
    const live = new Set(data.balance.map((e) => e.id));
    for (const [id, p] of entryParts) {
      if (live.has(id)) continue;
      p.li.remove();
      entryParts.delete(id);
    }
    for (const [zone, q] of quadrantLists) {
      const entries = data.balance.filter((e) => e.zone === zone);
      entries.forEach((e, i) => {
        const p = entryPartsFor(e);
        const n = i + 1;
        p.label.textContent = t("balanceEntry", { quadrant: loc(q.label), n });
        if (p.remove) {
          p.remove.setAttribute("aria-label", t("removeBalance", { n, quadrant: loc(q.label) }));
          p.remove.title = t("remove");
        }
        if (document.activeElement !== p.text && p.text.value !== e.text) p.text.value = e.text;
        if (q.ul.children[i] !== p.li) q.ul.insertBefore(p.li, q.ul.children[i] ?? null);
      });
      q.empty.hidden = entries.length > 0;
    }
  }

  // --- page ----------------------------------------------------------------------------------
  const sections = spec.sections.map(sectionEl);
  const balance = balanceEl();
  const root = h(
    "section",
    { id: "fiche-editor", class: "fiche-editor", "data-fiche-id": o.ficheId, "data-readonly": String(readonly), "aria-labelledby": "fiche-heading" },
    h("div", { class: "fiche-top" }, back),
    h("div", { class: "board-head" }, heading, source),
    toolbar,
    message,
    h("div", { class: "fiche-body" }, head, smartPanel, ...sections, balance),
  );
  host.replaceChildren(root);

  function paintPeers(): void {
    presence.update(client.peers);
    const names = new Map<string, string[]>();
    for (const p of client.peers.values()) for (const key of p.selection) names.set(key, [...(names.get(key) ?? []), p.name]);
    for (const [key, m] of markers) {
      const who = names.get(key);
      m.hidden = !who;
      m.textContent = who ? t("editingBy", { names: who.join(", ") }) : "";
    }
  }

  function render(): void {
    data = readFiche(client.items);
    for (const [field, el] of inputs) {
      const v = data.values[field] ?? "";
      if (document.activeElement !== el && el.value !== v) el.value = v;
    }
    if (document.activeElement !== statusSelect && statusSelect.value !== data.status) {
      if (![...statusSelect.options].some((op) => op.value === data.status)) paintStatusOptions();
      statusSelect.value = data.status;
    }
    const title = (data.values.title ?? "").trim();
    heading.textContent = title ? t("ficheLabel", { title }) : t("ficheTitle");
    source.textContent = data.source ? t("ficheSource", { source: data.source }) : "";
    source.hidden = !data.source;
    paintSteps();
    paintBalance();
    paintSmart();
    paintUndo();
  }

  let lastStatus: ConnectionStatus = client.status;
  offs.push(
    client.on("items", () => render()),
    client.on("status", (st) => {
      currentStatus = st;
      paintStatus();
      if (st === "offline" && lastStatus !== "offline" && lastStatus !== "connecting") announce(t("wentOffline"));
      if (lastStatus === "offline" && (st === "connected" || st === "saving")) announce(t("backOnline"));
      lastStatus = st;
    }),
    client.on("peers", paintPeers),
    client.on("welcome", (role) => {
      render();
      if (role !== o.role) o.onRole?.(role);
    }),
    client.on("error", (code, msg) => say(code === "forbidden" ? t("readOnly") : t("errServer", { message: msg || code }))),
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
      clearTimeout(messageTimer);
      client.stop();
      root.remove();
    },
  };
}
