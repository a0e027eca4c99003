// Copying a link from a read-only input, with a fallback where the clipboard API is refused.
import { announce } from "./dom";
import { t } from "./i18n";

export async function copyInput(input: HTMLInputElement): Promise<void> {
  try {
    await navigator.clipboard.writeText(input.value);
    announce(t("copied"));
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
  }
}
