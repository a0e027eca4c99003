// The workshop page's two indicator views, mounted by workshop.ts like its other views: "My data"
// for whoever may take part (participants, facilitators) and "Team data" for facilitators.
import type { Role } from "../../sync/api";
import type { Template } from "../template";
import { ti } from "./i18n";
import { mountMyData } from "./my-data";
import { mountTeamData } from "./team-data";

export const MY_DATA_VIEW = "my-data";
export const TEAM_DATA_VIEW = "team-data";

export function isDataView(id: string): boolean {
  return id === MY_DATA_VIEW || id === TEAM_DATA_VIEW;
}

/** Adds the tabs (hidden for roles that have no such view). */
export function addDataTabs(tab: (id: string, cls: string, label: () => string) => HTMLButtonElement, role: Role): void {
  tab(MY_DATA_VIEW, "tab tab-my-data", () => ti("myDataTab")).hidden = role === "observer";
  tab(TEAM_DATA_VIEW, "tab tab-team-data", () => ti("teamDataTab")).hidden = role !== "facilitator";
}

export function dataViewTitle(id: string): string {
  return ti(id === MY_DATA_VIEW ? "myDataTab" : "teamDataTab");
}

export function mountDataView(
  id: string,
  host: HTMLElement,
  o: { workshop: string; token: string; boards: { id: string; title: string; template?: Template }[] },
): { destroy(): void } {
  if (id === TEAM_DATA_VIEW) return mountTeamData(host, { workshop: o.workshop, token: o.token, boards: o.boards });
  return mountMyData(host, { workshop: { id: o.workshop, token: o.token } });
}
