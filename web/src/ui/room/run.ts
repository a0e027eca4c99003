// Every facilitator control goes through here: the call on the room connection, and on failure a
// clear sentence in #room-error (forbidden, offline, refused arguments, anything else).
import { ControlError } from "../../sync/control";
import { t } from "../i18n";

export type Run = (action: string, args?: Record<string, unknown>) => Promise<boolean>;

export function controlMessage(e: unknown): string {
  if (e instanceof ControlError) {
    if (e.code === "forbidden") return t("roomForbidden");
    if (e.code === "offline") return t("roomOffline");
    if (e.code === "bad_message") return t("roomBadRequest", { message: e.message });
    return t("roomFailed", { message: e.message || e.code });
  }
  return t("roomFailed", { message: e instanceof Error ? e.message : String(e) });
}

/** Runs a control; resolves true once done, false after showing why not. */
export function controlRunner(
  control: (action: string, args?: Record<string, unknown>) => Promise<number>,
  showError: (message: string | null) => void,
): Run {
  return async (action, args) => {
    try {
      await control(action, args);
      showError(null);
      return true;
    } catch (e) {
      showError(controlMessage(e));
      return false;
    }
  };
}
