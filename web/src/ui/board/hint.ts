// The first-use hint (#first-hint): how to add, edit, move and select notes, shown to people who
// can write until they add their first note or close it; remembered in localStorage
// (`samenbord.hintSeen`), so it shows once per browser.
import { h } from "../dom";
import { bind, t } from "../i18n";
import { icon } from "../icons";

const KEY = "samenbord.hintSeen";

function seen(): boolean {
  try {
    return globalThis.localStorage?.getItem(KEY) === "1";
  } catch {
    return false; // storage blocked: show it; closing it still hides it for this page
  }
}

export interface Hint {
  el: HTMLElement;
  /** The person added a note (or cannot write): the hint goes, for good once it was shown. */
  done(): void;
  setWriter(writer: boolean): void;
}

/** `touch`: whether the main pointer is a finger now (it can change: a tablet's keyboard, an emulator). */
export function buildHint(touch: () => boolean): Hint {
  const paintText = (el: HTMLElement) => (el.textContent = t(touch() ? "firstHintTouch" : "firstHint"));
  const text = bind(h("p", { class: "hint-text" }), paintText);
  globalThis.matchMedia?.("(pointer: coarse)").addEventListener?.("change", () => paintText(text));
  const close = h("button", { type: "button", class: "tool hint-close" }, icon("close", 18));
  bind(close, (el) => el.setAttribute("aria-label", t("hintClose")));
  const el = h("div", { id: "first-hint", class: "first-hint", role: "note" }, text, close);
  let writer = true;
  let gone = seen();
  const paint = () => (el.hidden = gone || !writer);
  const done = () => {
    if (gone) return;
    gone = true;
    paint();
    try {
      globalThis.localStorage?.setItem(KEY, "1");
    } catch {
      // not remembered across reloads
    }
  };
  close.addEventListener("click", done);
  paint();
  return {
    el,
    done,
    setWriter(w) {
      writer = w;
      paint();
    },
  };
}
