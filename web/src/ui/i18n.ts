// All UI strings, Dutch first (users write in Dutch) with English beside it. Template labels come
// from the template JSON instead (see `loc`). The tables are split by feature under ./i18n/, each
// part's `en` typed against its `nl`, so a missing key fails the type check; test/ui/i18n.test.ts
// checks it at run time too.
import * as board from "./i18n/board";
import * as boardControl from "./i18n/board-control";
import * as common from "./i18n/common";
import * as fiche from "./i18n/fiche";
import * as home from "./i18n/home";
import * as methods from "./i18n/methods";
import * as room from "./i18n/room";
import * as search from "./i18n/search";
import * as stage from "./i18n/stage";
import * as summary from "./i18n/summary";
import * as themes from "./i18n/themes";

export type Lang = "nl" | "en";

export const nl = { ...common.nl, ...home.nl, ...board.nl, ...fiche.nl, ...boardControl.nl, ...room.nl, ...search.nl, ...stage.nl, ...summary.nl, ...themes.nl, ...methods.nl } as const;

export type Key = keyof typeof nl;

export const en: Record<Key, string> = { ...common.en, ...home.en, ...board.en, ...fiche.en, ...boardControl.en, ...room.en, ...search.en, ...stage.en, ...summary.en, ...themes.en, ...methods.en };

// In one object literal a key written twice failed to compile; spread parts would let the later
// one win silently, so a key that two parts share fails the type check here instead.
type Parts = [typeof common.nl, typeof home.nl, typeof board.nl, typeof fiche.nl, typeof boardControl.nl, typeof room.nl, typeof search.nl, typeof stage.nl, typeof summary.nl, typeof themes.nl, typeof methods.nl];
type KeysOf<T> = T extends unknown ? keyof T : never;
type Shared<P> = P extends [infer First, ...infer Rest] ? (keyof First & KeysOf<Rest[number]>) | Shared<Rest> : never;
true satisfies ([Shared<Parts>] extends [never] ? true : Shared<Parts>);

export const tables: Record<Lang, Record<Key, string>> = { nl, en };

const STORAGE_KEY = "samenbord.lang";
let current: Lang = readStoredLang();
const listeners = new Set<(lang: Lang) => void>();

/**
 * The language a person starts in: the one they chose before, else the first of the browser's
 * languages that is Dutch or English (en-GB → English, nl-BE → Dutch), else Dutch. Pure.
 */
export function defaultLang(stored: string | null | undefined, browser: readonly string[]): Lang {
  if (stored === "en" || stored === "nl") return stored;
  for (const tag of browser) {
    const base = tag.toLowerCase().split("-")[0];
    if (base === "en" || base === "nl") return base;
  }
  return "nl";
}

function readStoredLang(): Lang {
  const browser = typeof navigator !== "undefined" ? (navigator.languages?.length ? navigator.languages : [navigator.language ?? ""]) : [];
  try {
    return defaultLang(globalThis.localStorage?.getItem(STORAGE_KEY), browser);
  } catch {
    return defaultLang(null, browser); // storage may be blocked (private mode)
  }
}

/** Replaces `{name}` placeholders; unknown ones stay visible so a mistake shows. */
export function format(template: string, vars?: Record<string, string | number>): string {
  if (!vars) return template;
  return template.replace(/\{(\w+)\}/g, (m, name: string) => (name in vars ? String(vars[name]) : m));
}

export function t(key: Key, vars?: Record<string, string | number>, lang: Lang = current): string {
  return format(tables[lang][key], vars);
}

/** A bilingual text from a template document. */
export interface Text {
  nl: string;
  en: string;
}

export function loc(text: Text | undefined, lang: Lang = current): string {
  return text ? text[lang] ?? text.nl : "";
}

export function getLang(): Lang {
  return current;
}

export function setLang(lang: Lang): void {
  if (lang === current) return;
  current = lang;
  try {
    globalThis.localStorage?.setItem(STORAGE_KEY, lang);
  } catch {
    // not remembered across reloads, still switched now
  }
  if (typeof document !== "undefined") document.documentElement.lang = lang;
  for (const l of [...listeners]) l(lang);
}

export function onLangChange(listener: (lang: Lang) => void): () => void {
  listeners.add(listener);
  return () => listeners.delete(listener);
}

interface Binding {
  el: Element;
  apply: (el: Element) => void;
}

const bindings = new Set<Binding>();
const seenConnected = new WeakSet<Element>();

/**
 * Binds an element's texts to the language: `apply` runs now and after every switch, so views need
 * no re-render to change language. A binding is dropped once its element has left the document.
 */
export function bind<E extends Element>(el: E, apply: (el: E) => void): E {
  apply(el);
  bindings.add({ el, apply: apply as (el: Element) => void });
  return el;
}

onLangChange(() => {
  for (const b of [...bindings]) {
    if (b.el.isConnected) {
      seenConnected.add(b.el);
      b.apply(b.el);
    } else if (seenConnected.has(b.el)) {
      bindings.delete(b);
    } else {
      b.apply(b.el); // not yet inserted: keep it current anyway
    }
  }
});
