// A small popup menu (role=menu): the board's right-click and long-press menu and the export menu.
// Arrow keys move between items, Enter or Space runs one, Escape or a click elsewhere closes it and
// focus goes back to where it was. One menu is open at a time.
import { h } from "./dom";
import { icon, type IconName } from "./icons";

export interface MenuItem {
  id: string;
  label: string;
  icon?: IconName;
  disabled?: boolean;
  run(): void;
}

export interface OpenMenu {
  el: HTMLElement;
  /** `refocus` (default true): focus goes back to where it was. */
  close(refocus?: boolean): void;
}

let current: OpenMenu | null = null;

/**
 * Opens a menu in `host` (positioned) at (x, y) in the host's coordinates, kept inside the host.
 * `label` names it for screen readers; `id` is its element id (a DOM hook).
 */
export function openMenu(host: HTMLElement, items: MenuItem[], x: number, y: number, o: { id: string; label: string; returnFocus?: HTMLElement | null }): OpenMenu {
  current?.close();
  const back = o.returnFocus ?? (document.activeElement instanceof HTMLElement ? document.activeElement : null);
  const buttons = items.map((item) => {
    const b = h("button", { type: "button", role: "menuitem", class: "menu-item", "data-menu": item.id, tabindex: -1, disabled: item.disabled });
    b.append(...(item.icon ? [icon(item.icon, 18)] : []), h("span", {}, item.label));
    b.addEventListener("click", () => {
      menu.close();
      item.run();
    });
    return b;
  });
  const el = h("div", { id: o.id, class: "board-menu", role: "menu", "aria-label": o.label }, ...buttons);
  host.append(el);
  // Inside the host, also near its right and bottom edges.
  const hw = host.clientWidth;
  const hh = host.clientHeight;
  el.style.left = `${Math.max(4, Math.min(x, hw - el.offsetWidth - 4))}px`;
  // Below the point when it fits, else above it: a menu pushed up over the point would sit under
  // the finger that opened it with a long press, and the finger's release would pick an item.
  const above = y - el.offsetHeight;
  el.style.top = `${y + el.offsetHeight + 4 <= hh || above < 4 ? Math.max(4, Math.min(y, hh - el.offsetHeight - 4)) : above}px`;

  const enabled = () => buttons.filter((b) => !b.disabled);
  const focusAt = (i: number) => {
    const list = enabled();
    if (list.length) list[(i + list.length) % list.length]!.focus();
  };
  const onKey = (ev: KeyboardEvent) => {
    const list = enabled();
    const at = list.indexOf(document.activeElement as HTMLButtonElement);
    if (ev.key === "ArrowDown") focusAt(at + 1);
    else if (ev.key === "ArrowUp") focusAt(at - 1);
    else if (ev.key === "Home") focusAt(0);
    else if (ev.key === "End") focusAt(list.length - 1);
    else if (ev.key === "Escape" || ev.key === "Tab") menu.close(ev.key === "Escape");
    else return;
    ev.preventDefault();
    ev.stopPropagation();
  };
  const onOutside = (ev: PointerEvent) => {
    if (!el.contains(ev.target as Node)) menu.close(false);
  };
  el.addEventListener("keydown", onKey);
  // Deferred, so the press that opened the menu does not close it.
  const arm = setTimeout(() => document.addEventListener("pointerdown", onOutside, true), 0);

  const menu: OpenMenu = {
    el,
    close(refocus = true) {
      if (current !== menu) return;
      current = null;
      clearTimeout(arm);
      document.removeEventListener("pointerdown", onOutside, true);
      el.remove();
      if (refocus && back?.isConnected) back.focus({ preventScroll: true });
    },
  };
  current = menu;
  focusAt(0);
  return menu;
}

/** Closes whatever menu is open (the board goes away, a view changes). */
export function closeMenus(): void {
  current?.close();
}
