// "My data" (IND-1..IND-4, IND-13): from the workshop page (a participant or facilitator token
// makes the person) or from the personal page /me/<id>#key=... (the key given). Makes a person,
// shows the personal link once, asks consent, loads an export with a progress bar, shows the
// person's own values and erases everything on request.
import { h } from "../dom";
import { onLangChange } from "../i18n";
import { ApiError } from "../api";
import { createPerson, erase, getPerson, type PersonInfo } from "./api";
import { consentForm } from "./consent-form";
import { ti } from "./i18n";
import { importForm } from "./import-form";
import { forgetPerson, personOfWorkshop, rememberPerson, type StoredPerson } from "./person-store";
import { privacyView } from "./privacy-view";
import { valuesTable } from "./values-table";

export interface MyDataOptions {
  /** The workshop (and a token that may make people in it); null on the personal page. */
  workshop: { id: string; token: string } | null;
  /** The person, when the page knows them (the personal page). */
  person?: StoredPerson | null;
  /** An import to follow (the Google connector sends the browser back with it). */
  importId?: string | null;
  privacyOpen?: boolean;
}

export function mountMyData(host: HTMLElement, o: MyDataOptions): { destroy(): void } {
  const title = h("h2", { id: "my-data-title" });
  const intro = h("p");
  const status = h("p", { class: "visually-hidden", role: "status", "aria-live": "polite", id: "my-data-status" });
  const privacy = privacyView(!!o.privacyOpen);
  const body = h("div", { id: "my-data-body" });
  const root = h("section", { class: "indicator-page", id: "my-data", "aria-labelledby": "my-data-title" }, title, intro, privacy.el, status, body);
  host.replaceChildren(root);
  const say = (m: string) => {
    status.textContent = m;
  };
  let cleanups: (() => void)[] = [];
  const clear = () => {
    cleanups.forEach((c) => c());
    cleanups = [];
  };

  const startView = () => {
    clear();
    const start = h("button", { type: "button", class: "btn btn-primary", id: "my-data-start" });
    const help = h("p");
    const paint = () => {
      start.textContent = ti("start");
      help.textContent = ti("startHelp");
    };
    paint();
    cleanups.push(onLangChange(paint));
    start.addEventListener("click", () => {
      if (!o.workshop) return;
      start.disabled = true;
      createPerson(o.workshop.id, o.workshop.token)
        .then((c) => {
          const p = { person: c.person, key: c.key };
          rememberPerson(o.workshop!.id, p);
          linkView(p, c.link);
        })
        .catch((e: unknown) => {
          start.disabled = false;
          say(e instanceof Error ? e.message : String(e));
        });
    });
    body.replaceChildren(h("section", {}, help, start));
  };

  /** The personal link, shown this once (IND-1). */
  const linkView = (p: StoredPerson, link: string) => {
    clear();
    const head = h("h3", { id: "link-title" });
    const text = h("p");
    const code = h("p", { class: "personal-link", id: "personal-link" }, link);
    const copy = h("button", { type: "button", class: "btn", id: "copy-link" });
    const next = h("button", { type: "button", class: "btn btn-primary", id: "link-saved" });
    const paint = () => {
      head.textContent = ti("linkTitle");
      text.textContent = ti("linkOnce");
      copy.textContent = ti("copyLink");
      next.textContent = ti("linkSaved");
    };
    paint();
    cleanups.push(onLangChange(paint));
    copy.addEventListener("click", () => {
      navigator.clipboard?.writeText(link).then(() => say(ti("copied")), () => say(link));
    });
    next.addEventListener("click", () => mainView(p));
    body.replaceChildren(h("section", { "aria-labelledby": "link-title" }, head, text, code, h("div", { class: "row" }, copy, next)));
    next.focus();
  };

  const mainView = (p: StoredPerson) => {
    clear();
    body.replaceChildren(h("p", {}, ti("loading")));
    getPerson(p.person, p.key)
      .then((info) => render(p, info))
      .catch((e: unknown) => {
        if (e instanceof ApiError && (e.status === 404 || e.status === 403)) {
          forgetPerson(o.workshop?.id ?? null, p.person);
          body.replaceChildren(h("p", { role: "alert", id: "person-lost" }, ti("personLost")));
          if (o.workshop) startViewAfter();
          return;
        }
        body.replaceChildren(h("p", { role: "alert" }, e instanceof Error ? e.message : String(e)));
      });
  };

  const startViewAfter = () => {
    const lost = body.firstChild;
    startView();
    if (lost) body.prepend(lost);
  };

  const render = (p: StoredPerson, info: PersonInfo) => {
    clear();
    const values = valuesTable(p.person, p.key);
    const imports = importForm(p.person, p.key, info.google, (s) => {
      if (s.state === "done") values.reload();
    });
    const consent = consentForm(p.person, p.key, info.consent, (c) => {
      info.consent = c;
      imports.el.hidden = !(c.sleep || c.activity || c.heart);
      values.reload();
    }, say);
    imports.el.hidden = !(info.consent.sleep || info.consent.activity || info.consent.heart);
    const eraseTitle = h("h3", { id: "erase-title" });
    const eraseIntro = h("p");
    const eraseButton = h("button", { type: "button", class: "btn btn-danger", id: "erase-button" });
    const confirm = h("button", { type: "button", class: "btn btn-danger", id: "erase-confirm" });
    const confirmText = h("p", { id: "erase-question" });
    const confirmBox = h("div", { class: "row" }, confirmText, confirm);
    confirmBox.hidden = true;
    eraseButton.addEventListener("click", () => {
      confirmBox.hidden = false;
      confirm.focus();
    });
    confirm.addEventListener("click", () => {
      confirm.disabled = true;
      erase(p.person, p.key)
        .then(() => {
          forgetPerson(o.workshop?.id ?? null, p.person);
          clear();
          body.replaceChildren(h("p", { role: "status", id: "erased" }, ti("erased")));
          if (o.workshop) startViewAfter();
        })
        .catch((e: unknown) => {
          confirm.disabled = false;
          say(e instanceof Error ? e.message : String(e));
        });
    });
    const paint = () => {
      eraseTitle.textContent = ti("eraseTitle");
      eraseIntro.textContent = ti("eraseIntro");
      eraseButton.textContent = ti("eraseButton");
      confirmText.textContent = ti("eraseConfirm");
      confirm.textContent = ti("eraseButton");
    };
    paint();
    cleanups.push(onLangChange(paint), consent.destroy, imports.destroy, values.destroy);
    body.replaceChildren(consent.el, imports.el, values.el, h("section", { "aria-labelledby": "erase-title" }, eraseTitle, eraseIntro, eraseButton, confirmBox));
    if (o.importId) imports.follow(o.importId);
  };

  const paint = () => {
    title.textContent = ti("myDataTitle");
    intro.textContent = ti("myDataIntro");
  };
  paint();
  const offLang = onLangChange(paint);
  const known = o.person ?? (o.workshop ? personOfWorkshop(o.workshop.id) : null);
  if (known) mainView(known);
  else startView();
  return {
    destroy() {
      clear();
      offLang();
      privacy.destroy();
      root.remove();
    },
  };
}
