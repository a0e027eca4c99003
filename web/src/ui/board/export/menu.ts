// The export button and its menu (EX-1, EX-2): the board or the selected notes as PNG or SVG, a PDF
// of every board of the workshop (from the node), and printing just the board. Outcomes go to the
// board's status line and to screen readers.
import { downloadFile } from "../../fiche/download";
import { errorMessage } from "../../errors";
import { getLang, t } from "../../i18n";
import { openMenu, type MenuItem } from "../../menu";
import { toolButton } from "../tools";
import { sceneToPng, saveFile } from "./png";
import type { Scene } from "./scene";
import { sceneToSvg } from "./svg";

export interface ExportOptions {
  /** Where the menu opens (the stage). */
  host: HTMLElement;
  /** The board, or only the notes in `only`, as a picture. */
  scene(only?: ReadonlySet<string>): Scene;
  selection(): ReadonlySet<string>;
  /** The file name stem (the board's title). */
  name(): string;
  /** For the workshop PDF; absent on a board without a workshop page around it. */
  workshop?: { id: string; token: string };
  say(message: string): void;
  /** Fills the print area with the board before the browser prints. */
  print(): void;
}

/** A name that every file system takes: letters, digits and dashes. */
export function fileStem(title: string): string {
  return title.normalize("NFKD").replace(/[\u0300-\u036f]/g, "").replace(/[^A-Za-z0-9]+/g, "-").replace(/^-|-$/g, "").toLowerCase() || "bord";
}

export function buildExportButton(o: ExportOptions): HTMLButtonElement {
  const run = async (what: () => Promise<string>) => {
    try {
      o.say(t("exportDone", { name: await what() }));
    } catch (e) {
      o.say(t("exportFailed", { message: errorMessage(e) }));
    }
  };
  const picture = (format: "png" | "svg", only?: ReadonlySet<string>) =>
    run(async () => {
      const scene = o.scene(only);
      const name = `${fileStem(o.name())}${only ? "-selectie" : ""}.${format}`;
      saveFile(format === "png" ? await sceneToPng(scene) : new Blob([sceneToSvg(scene)], { type: "image/svg+xml" }), name);
      return name;
    });
  const button = toolButton("export-button", "exportMenu", "download", () => {});
  button.setAttribute("aria-haspopup", "menu");
  button.addEventListener("click", () => {
    const sel = o.selection();
    const items: MenuItem[] = [
      { id: "png-board", label: t("exportPngBoard"), icon: "image", run: () => void picture("png") },
      { id: "svg-board", label: t("exportSvgBoard"), icon: "image", run: () => void picture("svg") },
      { id: "png-selection", label: t("exportPngSelection"), icon: "image", disabled: sel.size === 0, run: () => void picture("png", new Set(sel)) },
      { id: "svg-selection", label: t("exportSvgSelection"), icon: "image", disabled: sel.size === 0, run: () => void picture("svg", new Set(sel)) },
    ];
    const w = o.workshop;
    if (w) {
      items.push({
        id: "pdf-workshop",
        label: t("exportPdfWorkshop"),
        icon: "download",
        run: () => void run(async () => {
          o.say(t("exportBusy"));
          const lang = getLang();
          const file = await downloadFile(`/api/workshops/${encodeURIComponent(w.id)}/boards/export?format=pdf&lang=${lang}`, w.token, `borden-${lang}.pdf`, () => {});
          return file.name;
        }),
      });
    }
    items.push({ id: "print", label: t("printBoard"), icon: "print", run: () => {
      o.print();
      window.print();
    } });
    const hr = o.host.getBoundingClientRect();
    const br = button.getBoundingClientRect();
    openMenu(o.host, items, br.left - hr.left - 180, br.bottom - hr.top + 6, { id: "export-menu", label: t("exportMenu"), returnFocus: button });
  });
  return button;
}
