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

/** How long a note stays where someone let go of it while their drop batch is on its way. */
const HOLD_MS = 2000;

/**
 * Notes other people are dragging (PR-5), shown moving live. When a drag ends the note stays where
 * it was let go until the drop's batch brings its new position (or a moment passes), so it never
 * jumps back first.
 */
export class RemoteDrags {
  private active = new Map<string, [number, number]>();
  private readonly held = new Map<string, { x: number; y: number; until: number }>();
  private timer: ReturnType<typeof setTimeout> | null = null;

  constructor(
    private readonly notes: { position(id: string, x: number, y: number): void; element(id: string): HTMLElement | undefined; data(id: string): { x: number; y: number } | undefined },
    /** Notes this person drags: theirs win. */
    private readonly local: ReadonlyMap<string, unknown>,
    private readonly now: () => number = () => performance.now(),
  ) {}

  update(peers: ReadonlyMap<string, Peer>): void {
    const next = new Map<string, [number, number]>();
    for (const p of peers.values()) for (const [id, x, y] of p.drag ?? []) if (!this.local.has(id)) next.set(id, [x, y]);
    for (const [id, pos] of this.active) {
      if (next.has(id)) continue;
      this.held.set(id, { x: pos[0], y: pos[1], until: this.now() + HOLD_MS });
      this.notes.element(id)?.classList.remove("remote-dragging");
    }
    for (const [id, [x, y]] of next) {
      this.held.delete(id);
      this.notes.position(id, x, y);
      this.notes.element(id)?.classList.add("remote-dragging");
    }
    this.active = next;
    this.expire();
    if (this.held.size && this.timer === null) {
      this.timer = setTimeout(() => {
        this.timer = null;
        this.expire();
      }, HOLD_MS + 50);
    }
  }

  dispose(): void {
    if (this.timer !== null) clearTimeout(this.timer);
    this.timer = null;
  }

  /** After a note was drawn from the board's data: a live drag or a hold puts it back where it is shown. */
  afterUpsert(id: string, moved: boolean): void {
    const live = this.active.get(id);
    if (live) return this.notes.position(id, live[0], live[1]);
    const hold = this.held.get(id);
    if (!hold) return;
    // The drop arrived (the note moved): the board's position is the truth now.
    if (moved || this.now() > hold.until) this.held.delete(id);
    else this.notes.position(id, hold.x, hold.y);
  }

  private expire(): void {
    const now = this.now();
    for (const [id, hold] of this.held) {
      if (now <= hold.until) continue;
      this.held.delete(id);
      const n = this.notes.data(id);
      if (n) this.notes.position(id, n.x, n.y);
    }
  }
}
