// Other people's carets in a text field (TX-8 presence `text`): a thin caret in the person's
// colour with their name above it, drawn over the textarea or input at the character it follows.
// Where a character sits is measured with a mirror: an invisible div styled like the field, holding
// the text up to the caret and a marker.
import type { BoardClient, Peer, TextView } from "../../sync/api";
import { utf16Offset } from "../../sync/text/diff";
import { peerHue } from "../colors";
import { h } from "../dom";

type Field = HTMLTextAreaElement | HTMLInputElement;

/** Computed style properties the mirror copies, so text wraps in it as in the field. */
const COPIED = [
  "direction", "boxSizing", "width", "height", "overflowX", "overflowY",
  "borderTopWidth", "borderRightWidth", "borderBottomWidth", "borderLeftWidth", "borderStyle",
  "paddingTop", "paddingRight", "paddingBottom", "paddingLeft",
  "fontStyle", "fontVariant", "fontWeight", "fontStretch", "fontSize", "fontSizeAdjust", "lineHeight", "fontFamily",
  "textAlign", "textTransform", "textIndent", "textDecoration", "letterSpacing", "wordSpacing", "tabSize",
] as const;

/** Where the caret before UTF-16 offset `offset` is drawn, relative to the field's border box. */
export function caretCoordinates(el: Field, offset: number): { left: number; top: number; height: number } {
  const doc = el.ownerDocument;
  const style = doc.defaultView!.getComputedStyle(el);
  const mirror = doc.createElement("div");
  const ms = mirror.style as unknown as Record<string, string>;
  for (const p of COPIED) ms[p] = (style as unknown as Record<string, string>)[p] ?? "";
  const isInput = el.nodeName === "INPUT";
  Object.assign(mirror.style, {
    position: "absolute",
    visibility: "hidden",
    top: "0",
    left: "-9999px",
    whiteSpace: isInput ? "pre" : "pre-wrap",
    overflowWrap: isInput ? "normal" : "break-word",
    overflow: "hidden",
  });
  mirror.textContent = el.value.slice(0, offset);
  const marker = doc.createElement("span");
  marker.textContent = el.value.slice(offset) || ".";
  mirror.append(marker);
  doc.body.append(mirror);
  const lineHeight = parseFloat(style.lineHeight) || parseFloat(style.fontSize) * 1.2 || 16;
  const out = {
    left: marker.offsetLeft + parseFloat(style.borderLeftWidth || "0"),
    top: marker.offsetTop + parseFloat(style.borderTopWidth || "0"),
    height: lineHeight,
  };
  mirror.remove();
  return out;
}

/** The carets of everyone else whose presence is in `item.field`, kept over `el`. */
export class RemoteCarets {
  private readonly carets = new Map<string, HTMLElement>();
  private readonly offs: (() => void)[] = [];

  constructor(
    private readonly el: Field,
    private readonly client: BoardClient,
    private readonly item: string,
    private readonly field: string,
    /** What the field shows, by character (the binding's view). */
    private readonly view: () => TextView | null,
  ) {
    const paint = () => this.paint();
    this.offs.push(client.on("peers", paint), client.on("items", (ids) => ids.has(item) && paint()));
    for (const type of ["scroll", "input"]) {
      el.addEventListener(type, paint);
      this.offs.push(() => el.removeEventListener(type, paint));
    }
    paint();
  }

  paint(): void {
    const here = [...this.client.peers.values()].filter((p): p is Peer & { text: NonNullable<Peer["text"]> } => p.text?.i === this.item && p.text.f === this.field);
    const live = new Set(here.map((p) => p.replica));
    for (const [replica, el] of this.carets) {
      if (live.has(replica)) continue;
      el.remove();
      this.carets.delete(replica);
    }
    const view = this.view();
    const host = this.el.parentElement;
    if (!host || !this.el.isConnected) return;
    for (const p of here) {
      const pos = view?.positionOf(p.text.at) ?? null;
      let caret = this.carets.get(p.replica);
      if (pos === null) {
        caret?.remove();
        this.carets.delete(p.replica);
        continue;
      }
      if (!caret) {
        caret = h("div", { class: "text-caret", "data-replica": p.replica, "aria-hidden": "true" }, h("span", { class: "text-caret-name" }));
        caret.style.setProperty("--peer-hue", String(peerHue(p.replica)));
        this.carets.set(p.replica, caret);
      }
      if (caret.parentElement !== host) host.append(caret);
      caret.querySelector(".text-caret-name")!.textContent = p.name;
      const at = caretCoordinates(this.el, utf16Offset(this.el.value, pos));
      const left = this.el.offsetLeft + at.left - this.el.scrollLeft;
      const top = this.el.offsetTop + at.top - this.el.scrollTop;
      // Outside the visible part of the field (scrolled away): not drawn.
      const inside = top >= this.el.offsetTop - 1 && top + at.height <= this.el.offsetTop + this.el.offsetHeight + 1;
      caret.hidden = !inside;
      Object.assign(caret.style, { left: `${left}px`, top: `${top}px`, height: `${at.height}px`, zIndex: String(Number(this.el.style.zIndex || 0) + 1) });
    }
  }

  destroy(): void {
    for (const off of this.offs.splice(0)) off();
    for (const el of this.carets.values()) el.remove();
    this.carets.clear();
  }
}
