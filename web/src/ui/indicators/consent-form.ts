// The consent screen (IND-2): one checkbox per kind of data and one for the team's figures.
import { h } from "../dom";
import { onLangChange } from "../i18n";
import { saveConsent, type Consent } from "./api";
import { ti } from "./i18n";

export interface ConsentForm {
  el: HTMLElement;
  destroy(): void;
}

const KINDS = [
  ["sleep", "consentSleep"],
  ["activity", "consentActivity"],
  ["heart", "consentHeart"],
  ["team", "consentTeam"],
] as const;

export function consentForm(person: string, key: string, initial: Consent, onSaved: (c: Consent) => void, say: (m: string) => void): ConsentForm {
  const title = h("h3", { id: "consent-title" });
  const intro = h("p");
  const boxes = new Map<keyof Consent, HTMLInputElement>();
  const labels: [HTMLElement, string][] = [];
  const fieldset = h("fieldset", { class: "consent" }, h("legend", { class: "visually-hidden" }));
  for (const [kind, label] of KINDS) {
    const box = h("input", { type: "checkbox", id: `consent-${kind}`, name: kind });
    box.checked = initial[kind];
    boxes.set(kind, box);
    const text = h("span");
    labels.push([text, label]);
    fieldset.append(h("label", { class: "check", for: `consent-${kind}` }, box, text));
  }
  const save = h("button", { type: "submit", class: "btn btn-primary", id: "consent-save" });
  const form = h("form", { id: "consent-form", "aria-labelledby": "consent-title" }, fieldset, save);
  form.addEventListener("submit", (ev) => {
    ev.preventDefault();
    const c: Consent = { sleep: boxes.get("sleep")!.checked, activity: boxes.get("activity")!.checked, heart: boxes.get("heart")!.checked, team: boxes.get("team")!.checked };
    save.disabled = true;
    saveConsent(person, key, c)
      .then((stored) => {
        say(ti("consentSaved"));
        onSaved(stored);
      })
      .catch((e: unknown) => say(e instanceof Error ? e.message : String(e)))
      .finally(() => (save.disabled = false));
  });
  const paint = () => {
    title.textContent = ti("consentTitle");
    intro.textContent = ti("consentIntro");
    fieldset.querySelector("legend")!.textContent = ti("consentTitle");
    for (const [el, key] of labels) el.textContent = ti(key as (typeof KINDS)[number][1]);
    save.textContent = ti("saveConsent");
  };
  paint();
  const off = onLangChange(paint);
  return { el: h("section", { class: "consent-section" }, title, intro, form), destroy: off };
}
