// Loading an export (IND-4, IND-5): a file, the person's time zone, a progress bar that follows
// the upload (which the node reads as it arrives) and then the import's own status; or the Google
// Health connector when the node has a client for it.
import { h } from "../dom";
import { onLangChange } from "../i18n";
import { importStatus, startGoogle, upload, type ImportStatus } from "./api";
import { ti } from "./i18n";

export interface ImportForm {
  el: HTMLElement;
  /** Follows an import started elsewhere (the Google connector's redirect). */
  follow(id: string): void;
  destroy(): void;
}

export function importForm(person: string, key: string, google: boolean, onDone: (s: ImportStatus) => void): ImportForm {
  const title = h("h3", { id: "import-title" });
  const intro = h("p");
  const fileLabel = h("label", { for: "import-file" });
  const file = h("input", { type: "file", id: "import-file", accept: ".zip,.json,.xml,.csv,application/zip,application/json,text/xml" });
  const tzLabel = h("label", { for: "import-tz" });
  const tz = h("input", { type: "text", id: "import-tz", autocomplete: "off" });
  tz.value = Intl.DateTimeFormat().resolvedOptions().timeZone || "Europe/Brussels";
  const start = h("button", { type: "submit", class: "btn btn-primary", id: "import-start" });
  const bar = h("progress", { id: "import-progress", max: 100, value: 0 });
  bar.hidden = true;
  const status = h("p", { id: "import-status", role: "status", "aria-live": "polite" });
  const warnings = h("ul", { class: "warnings", id: "import-warnings" });
  const googleButton = google ? h("button", { type: "button", class: "btn", id: "import-google" }) : null;
  const form = h("form", { id: "import-form", "aria-labelledby": "import-title" },
    h("div", { class: "field" }, fileLabel, file), h("div", { class: "field" }, tzLabel, tz), h("div", { class: "row" }, start, googleButton), bar);
  let timer: ReturnType<typeof setTimeout> | undefined;
  let closed = false;

  const show = (share: number) => {
    bar.hidden = false;
    bar.value = Math.round(share * 100);
    bar.setAttribute("aria-valuetext", `${Math.round(share * 100)}%`);
    status.textContent = ti("uploading", { percent: Math.round(share * 100) });
  };

  const follow = (id: string) => {
    clearTimeout(timer);
    const poll = () => {
      importStatus(person, key, id)
        .then((s) => {
          if (closed) return;
          if (s.state === "running") {
            show(Math.max(s.progress, bar.value / 100));
            timer = setTimeout(poll, 400);
            return;
          }
          start.disabled = false;
          warnings.replaceChildren(...s.warnings.map((w) => h("li", { "data-warning": w.code }, w.message)));
          if (s.state === "done") {
            show(1);
            status.textContent = ti("importDone", { days: s.days });
          } else {
            bar.hidden = true;
            status.textContent = ti("importFailed", { message: s.error?.message ?? "" });
          }
          onDone(s);
        })
        .catch((e: unknown) => {
          start.disabled = false;
          status.textContent = ti("importFailed", { message: e instanceof Error ? e.message : String(e) });
        });
    };
    poll();
  };

  form.addEventListener("submit", (ev) => {
    ev.preventDefault();
    const f = file.files?.[0];
    if (!f) return;
    start.disabled = true;
    warnings.replaceChildren();
    show(0);
    upload(person, key, f, tz.value.trim(), (share) => show(share * 0.98))
      .then(follow)
      .catch((e: unknown) => {
        start.disabled = false;
        bar.hidden = true;
        const tooLarge = typeof e === "object" && e !== null && (e as { status?: number }).status === 413;
        status.textContent = ti("importFailed", { message: tooLarge ? ti("tooLarge") : e instanceof Error ? e.message : String(e) });
      });
  });
  googleButton?.addEventListener("click", () => {
    startGoogle(person, key, tz.value.trim())
      .then((r) => location.assign(r.authorize))
      .catch((e: unknown) => (status.textContent = ti("importFailed", { message: e instanceof Error ? e.message : String(e) })));
  });

  const paint = () => {
    title.textContent = ti("importTitle");
    intro.textContent = ti("importIntro");
    fileLabel.textContent = ti("fileLabel");
    tzLabel.textContent = ti("tzLabel");
    start.textContent = ti("uploadButton");
    if (googleButton) googleButton.textContent = ti("connectGoogle");
  };
  paint();
  const off = onLangChange(paint);
  return {
    el: h("section", { class: "import-section" }, title, intro, form, status, warnings),
    follow,
    destroy() {
      closed = true;
      clearTimeout(timer);
      off();
    },
  };
}
