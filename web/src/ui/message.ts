// A polite status line (role=status) that shows a message for a few seconds, then clears.
import { h } from "./dom";

export interface StatusMessage {
  el: HTMLElement;
  say(msg: string): void;
  /** Stops a pending clear (when the page goes away). */
  dispose(): void;
}

export function statusMessage(visibleMs = 6000): StatusMessage {
  const el = h("div", { class: "board-message", role: "status", "aria-live": "polite" });
  let timer: ReturnType<typeof setTimeout> | undefined;
  return {
    el,
    say(msg: string) {
      clearTimeout(timer);
      el.textContent = msg;
      el.classList.add("visible");
      timer = setTimeout(() => {
        el.textContent = "";
        el.classList.remove("visible");
      }, visibleMs);
    },
    dispose() {
      clearTimeout(timer);
    },
  };
}
