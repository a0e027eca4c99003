// Who is here: the #peers list (yourself first, marked "(jij)") and other people's cursors,
// drawn in board coordinates and kept at a constant screen size. Presence is never stored.
import type { Peer } from "../../sync/api";
import { peerHue } from "../colors";
import { h } from "../dom";
import { t } from "../i18n";

export class PresenceLayer {
  private readonly cursors = new Map<string, HTMLElement>();
  readonly el: HTMLElement;

  constructor(
    host: HTMLElement,
    private readonly list: HTMLUListElement,
    private readonly selfName: string,
  ) {
    this.el = h("div", { class: "cursors", "aria-hidden": "true" });
    host.append(this.el);
  }

  update(peers: ReadonlyMap<string, Peer>): void {
    const me = h("li", { class: "peer peer-self" }, h("span", { class: "peer-dot", "aria-hidden": "true" }), `${this.selfName} ${t("you")}`);
    const others = [...peers.values()]
      .sort((a, b) => a.name.localeCompare(b.name))
      .map((p) => {
        const li = h("li", { class: "peer", "data-replica": p.replica }, h("span", { class: "peer-dot", "aria-hidden": "true" }), p.name);
        li.style.setProperty("--peer-hue", String(peerHue(p.replica)));
        return li;
      });
    this.list.replaceChildren(me, ...others);

    for (const [replica, el] of this.cursors) {
      if (!peers.get(replica)?.cursor) {
        el.remove();
        this.cursors.delete(replica);
      }
    }
    for (const p of peers.values()) {
      if (!p.cursor) continue;
      let el = this.cursors.get(p.replica);
      if (!el) {
        el = h(
          "div",
          { class: "cursor", "data-replica": p.replica },
          h("span", { class: "cursor-arrow" }),
          h("span", { class: "cursor-name" }),
        );
        el.style.setProperty("--peer-hue", String(peerHue(p.replica)));
        this.cursors.set(p.replica, el);
        this.el.append(el);
      }
      el.querySelector(".cursor-name")!.textContent = p.name;
      el.style.left = `${p.cursor[0]}px`;
      el.style.top = `${p.cursor[1]}px`;
    }
  }

  /** Marks notes other people have selected, so two people don't edit one note unknowingly. */
  remoteSelection(peers: ReadonlyMap<string, Peer>): Map<string, string[]> {
    const out = new Map<string, string[]>();
    for (const p of peers.values()) for (const id of p.selection) out.set(id, [...(out.get(id) ?? []), p.name]);
    return out;
  }
}
