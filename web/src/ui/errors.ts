// Turns API failures into sentences a facilitator understands, in the current language.
import { ApiError } from "./api";
import { t } from "./i18n";

export function errorMessage(e: unknown, context: "create" | "join" = "join"): string {
  if (e instanceof ApiError) {
    if (e.status === 0) return t("errNetwork");
    if (e.status === 401) return context === "create" ? t("errApiKey") : t("errUnauthorized");
    if (e.status === 403) return t("errForbidden");
    if (e.status === 404) return t("errNotFound");
    return t("errGeneric", { message: e.message || e.code });
  }
  return t("errGeneric", { message: e instanceof Error ? e.message : String(e) });
}
