// Banners for everyone about the board's control state (FA-4): locked, private writing, an open
// dot vote with the dots left. Which banners show is pure (bannersFor, tested); BannerLayer puts
// them in a polite live region and only touches what changed, so a screen reader hears changes once.
import type { Role } from "../../sync/api";
import { h } from "../dom";
import { t } from "../i18n";
import type { ControlState } from "./control-state";

export type BannerId = "locked-banner" | "anonymous-banner" | "private-banner" | "vote-banner";

export interface Banner {
  id: BannerId;
  text: string;
  /** The vote banner's "n of N dots left" (#dots-left), for those who vote. */
  dotsLeft?: string;
}

export function bannersFor(s: ControlState, role: Role | null, left: number, zoneLabel: string | null, onThemes = false): Banner[] {
  const out: Banner[] = [];
  const facilitator = role === "facilitator";
  if (s.locked) out.push({ id: "locked-banner", text: t(facilitator ? "lockedBannerFacilitator" : "lockedBanner") });
  if (s.anonymous) out.push({ id: "anonymous-banner", text: t("anonymousBanner") });
  if (s.private) out.push({ id: "private-banner", text: t(facilitator ? "privateBannerFacilitator" : "privateBanner") });
  if (s.vote?.state === "open") {
    const where = onThemes ? t("voteBannerThemes") : zoneLabel ? t("voteBannerZone", { zone: zoneLabel }) : t("voteBannerBoard");
    if (role === "observer") out.push({ id: "vote-banner", text: `${where} ${t("voteBannerObserver")}` });
    else out.push({ id: "vote-banner", text: where, dotsLeft: t("dotsLeft", { n: left, max: s.vote.dots }) });
  }
  return out;
}

interface BannerEls {
  el: HTMLElement;
  text: HTMLElement;
  dots: HTMLElement;
}

export class BannerLayer {
  readonly el = h("div", { id: "board-banners", class: "board-banners", role: "status", "aria-live": "polite" });
  private readonly els = new Map<BannerId, BannerEls>();

  /** Shows exactly these banners, in a fixed order (lock, anonymity, private, vote). */
  show(banners: Banner[]): void {
    const wanted = new Map(banners.map((b) => [b.id, b]));
    const shown: HTMLElement[] = [];
    for (const id of ["locked-banner", "anonymous-banner", "private-banner", "vote-banner"] as const) {
      const b = wanted.get(id);
      if (!b) {
        this.els.delete(id);
        continue;
      }
      let e = this.els.get(id);
      if (!e) {
        const text = h("span", { class: "banner-text" });
        const dots = h("span", { id: "dots-left", class: "dots-left" });
        e = { el: h("p", { id, class: `board-banner ${id}` }, text), text, dots };
        this.els.set(id, e);
      }
      if (e.text.textContent !== b.text) e.text.textContent = b.text;
      if (b.dotsLeft === undefined) e.dots.remove();
      else {
        if (e.dots.parentElement !== e.el) e.el.append(e.dots);
        if (e.dots.textContent !== b.dotsLeft) e.dots.textContent = b.dotsLeft;
      }
      shown.push(e.el);
    }
    // Only a change of which banners show touches the list, so unchanged ones are not re-read.
    const now = [...this.el.children];
    if (now.length !== shown.length || now.some((c, i) => c !== shown[i])) this.el.replaceChildren(...shown);
  }
}
