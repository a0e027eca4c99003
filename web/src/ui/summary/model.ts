// The session summary (server/PROTOCOL.md SU-1) as the page reads it, and the pure helpers the
// page uses, so they are unit-tested.
import type { Key } from "../i18n";

export interface SummaryRanked {
  kind: "note" | "theme";
  item: string;
  text: string;
  dots: number;
  notes: string[];
}

export interface SessionSummary {
  workshop: string;
  title: string;
  lang: string;
  instructions: { text: string; at: number }[];
  rounds: { id: string; kind: string; prompt: string; startedAt: number; endedAt: number | null; answers: { name: string; text: string; at: number }[] }[];
  boards: { board: string; template: string; title: string; notes: number; vote: "closed" | "open" | "none"; top: SummaryRanked[]; themes: SummaryRanked[] }[];
  actions: { fiche: string; title: string; driver: string; firstDate: string | null; firstStep: string | null; status: string; statusLabel: string }[];
}

export type SummaryFormat = "json" | "md" | "pdf";

/** The route of one format (SU-1), in `lang`. */
export function summaryPath(workshop: string, format: SummaryFormat, lang: string): string {
  const suffix = format === "json" ? "" : `.${format}`;
  return `/api/workshops/${encodeURIComponent(workshop)}/summary${suffix}?lang=${lang === "en" ? "en" : "nl"}`;
}

/** The name a download gets when the server names none. */
export function summaryFileName(format: "md" | "pdf", lang: string): string {
  return `${lang === "en" ? "summary" : "samenvatting"}.${format}`;
}

/** The i18n key of a round's kind; an unknown kind shows as it is. */
export function roundKindKey(kind: string): Key | null {
  if (kind === "check-in") return "summaryRound_checkIn";
  if (kind === "check-out") return "summaryRound_checkOut";
  return null;
}

/** A count with its singular: ["summaryNotesOne"] for 1, ["summaryNotes", {n}] otherwise. */
export function counted(n: number, one: Key, many: Key): [Key, Record<string, number>?] {
  return n === 1 ? [one] : [many, { n }];
}
