// The fiche form's wiring, shared by the header, the sections, the steps and the balance: every
// input is tied to one field of one item, and every selection key has a marker that shows who else
// is editing there. Text inputs and textareas are bound to merged text (ui/text: character ops out
// on every keystroke, others' typing in live without moving the caret, their carets drawn, undo
// keys); a date input writes its whole value and shows the model's once it is left.
import type { BoardClient, Json, Peer } from "../../sync/api";
import { h } from "../dom";
import { bindTextField, type BoundText } from "../text/index";
import { bind, loc, t } from "../i18n";
import { FICHE_ITEM, readFiche, type FicheData } from "./model";
import type { FicheField } from "./spec";

/** Below both the 4,000 characters of merged text (TX-4) and the 4,096 of a plain value on an older node (IT-3). */
export const FIELD_MAX = 3900;

export type TextInput = HTMLInputElement | HTMLTextAreaElement;

export class FicheForm {
  /** The fiche as last read from the items; refreshed by `read()` on every render. */
  data: FicheData;
  /** Header and section fields of item "fiche", by field id. */
  private readonly inputs = new Map<string, TextInput>();
  /** Selection key (presence) → the element that shows who else is editing there. */
  private readonly markers = new Map<string, HTMLElement>();
  private session = 0;
  /** Text inputs bound to merged text. */
  private readonly bound = new Map<TextInput, BoundText>();

  constructor(
    readonly client: BoardClient,
    readonly readOnly: boolean,
    /** Shows a short message in the editor's message line. */
    readonly say: (msg: string) => void,
  ) {
    this.data = readFiche(client.items);
  }

  /** Re-reads the fiche from the items. */
  read(): FicheData {
    this.data = readFiche(this.client.items);
    return this.data;
  }

  /** Sends one field of an item; typing in one focus session is one undo step. */
  write(item: string, field: string, value: Json, mergeKey?: string): void {
    if (this.readOnly) return;
    const client = this.client;
    if (item === FICHE_ITEM && client.items.value(FICHE_ITEM, "kind") === undefined) {
      client.change([{ item: FICHE_ITEM, field: "kind", value: "fiche" }]);
    }
    client.change([{ item, field, value }], mergeKey ? { undoable: true, mergeKey } : { undoable: true });
  }

  /** Wires an input to `item.field`: text inputs to merged text, a date input out on input and back in from the model when left. */
  wire(el: TextInput, item: string, field: string, selectionKey: string): void {
    const client = this.client;
    if (this.readOnly) el.readOnly = true;
    let key = "";
    el.addEventListener("focus", () => {
      key = `fiche:${item === FICHE_ITEM ? field : `${item}.${field}`}:${++this.session}`;
      client.setPresence(null, [selectionKey]);
    });
    if (el.type !== "date") {
      el.addEventListener("blur", () => client.setPresence(null, []));
      const bound = bindTextField(el, {
        client,
        item,
        field,
        readOnly: this.readOnly,
        mergeKey: () => key || undefined,
        beforeEdit: () => {
          if (item === FICHE_ITEM && client.items.value(FICHE_ITEM, "kind") === undefined) {
            client.change([{ item: FICHE_ITEM, field: "kind", value: "fiche" }]);
          }
        },
      });
      this.bound.set(el, bound);
      return;
    }
    const send = () => {
      if (this.readOnly) return;
      const current = client.items.value(item, field);
      if ((typeof current === "string" ? current : "") === el.value) return;
      this.write(item, field, el.value, key || `fiche:${field}:${++this.session}`);
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

  /** Stops following the field of an input that is gone (a removed step or balance entry). */
  unwire(el: TextInput): void {
    this.bound.get(el)?.destroy();
    this.bound.delete(el);
  }

  /** Stops every binding (the editor closes). */
  destroy(): void {
    for (const b of this.bound.values()) b.destroy();
    this.bound.clear();
  }

  /** A hidden "editing by …" marker for one selection key. */
  marker(key: string): HTMLElement {
    const m = h("span", { class: "field-peers" });
    m.hidden = true;
    this.markers.set(key, m);
    return m;
  }

  forgetMarker(key: string): void {
    this.markers.delete(key);
  }

  /** A labelled input or textarea for one field of item "fiche". */
  textField(field: FicheField, kind: "input" | "textarea", describedBy: string | null, hideLabel: boolean): HTMLElement {
    const id = `fiche-field-${field.id}`;
    const label = bind(h("label", { for: id, class: hideLabel ? "visually-hidden" : "" }), (el) => (el.textContent = loc(field.label)));
    const el: TextInput =
      kind === "input"
        ? h("input", { id, type: "text", maxlength: FIELD_MAX, autocomplete: "off", "data-field": field.id })
        : h("textarea", { id, rows: 3, maxlength: FIELD_MAX, "data-field": field.id });
    if (describedBy) el.setAttribute("aria-describedby", describedBy);
    const key = `${FICHE_ITEM}:${field.id}`;
    this.wire(el, FICHE_ITEM, field.id, key);
    this.inputs.set(field.id, el);
    return h("div", { class: `field fiche-field fiche-field-${kind}` }, h("div", { class: "field-head" }, label, this.marker(key)), el);
  }

  /** Puts the model's values into every field that is not bound to merged text (bound ones follow by themselves). */
  paintFields(): void {
    for (const [field, el] of this.inputs) {
      if (this.bound.has(el)) continue;
      const v = this.data.values[field] ?? "";
      if (document.activeElement !== el && el.value !== v) el.value = v;
    }
  }

  /** Shows, next to each field, who else is editing there. */
  paintMarkers(peers: ReadonlyMap<string, Peer>): void {
    const names = new Map<string, string[]>();
    for (const p of peers.values()) for (const key of p.selection) names.set(key, [...(names.get(key) ?? []), p.name]);
    for (const [key, m] of this.markers) {
      const who = names.get(key);
      m.hidden = !who;
      m.textContent = who ? t("editingBy", { names: who.join(", ") }) : "";
    }
  }
}
