// Copying a link from a read-only input, with a fallback where the clipboard API is refused.
import { announce } from "./dom";
import { t } from "./i18n";
import { icon } from "./icons";

/**
 * Copies the input's text; the button that asked (if any) says "copied" with a tick for a moment
 * (`data-copied`), so the result is visible and not only announced.
 */
export async function copyInput(input: HTMLInputElement, button?: HTMLButtonElement): Promise<void> {
  const ok = await copyText(input);
  if (button) showCopied(button, ok);
}

/** How long a copy button says "copied". */
export const COPIED_MS = 2500;

function showCopied(button: HTMLButtonElement, ok: boolean): void {
  if (!ok) return; // the link is selected and the failure announced: Ctrl+C does it
  const label = button.dataset.label ?? button.textContent ?? "";
  button.dataset.label = label;
  // The accessible name must hold the visible text (WCAG 2.5.3): while it says "copied", that is its name.
  const name = button.dataset.ariaLabel ?? button.getAttribute("aria-label");
  if (name !== null) button.dataset.ariaLabel = name;
  button.removeAttribute("aria-label");
  button.dataset.copied = "true";
  button.replaceChildren(icon("check", 18), t("copied"));
  clearTimeout(Number(button.dataset.copiedTimer));
  button.dataset.copiedTimer = String(setTimeout(() => {
    delete button.dataset.copied;
    button.textContent = button.dataset.label ?? label;
    if (button.dataset.ariaLabel !== undefined) button.setAttribute("aria-label", button.dataset.ariaLabel);
  }, COPIED_MS));
}

async function copyText(input: HTMLInputElement): Promise<boolean> {
  try {
    await navigator.clipboard.writeText(input.value);
    announce(t("copied"));
    return true;
  } catch {
    // No clipboard (plain http, permissions): select the text so Ctrl+C does it.
    input.focus();
    input.select();
    let ok = false;
    try {
      ok = document.execCommand("copy");
    } catch {
      ok = false;
    }
    announce(ok ? t("copied") : t("copyFailed"));
    return ok;
  }
}
