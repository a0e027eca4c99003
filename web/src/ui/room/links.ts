// The three links of the room view (FA-10). The facilitator's URL fragment carries the participant
// and observer tokens, but the page rewrites the fragment at once (joinHash), so they are kept in
// sessionStorage per workshop: this tab's reloads still show the links, and nothing is written
// to disk beyond the tab's session.
import type { Role } from "../../sync/api";
import { joinLink } from "../routes";

export interface OtherTokens {
  participant: string;
  observer: string;
}

type StorageLike = Pick<Storage, "getItem" | "setItem">;

const key = (workshop: string) => `samenbord.links.${workshop}`;

function session(): StorageLike | null {
  try {
    return typeof sessionStorage !== "undefined" ? sessionStorage : null;
  } catch {
    return null; // storage blocked: the links show only until the fragment is rewritten
  }
}

/** Keeps the tokens of a facilitator link; a link without both leaves what was kept. */
export function rememberTokens(
  workshop: string,
  participant: string | null,
  observer: string | null,
  storage: StorageLike | null = session(),
): void {
  if (!participant || !observer || !storage) return;
  try {
    storage.setItem(key(workshop), JSON.stringify({ participant, observer }));
  } catch (e) {
    console.warn("samenbord: could not keep the workshop's links for this tab", e);
  }
}

export function recallTokens(workshop: string, storage: StorageLike | null = session()): OtherTokens | null {
  try {
    const raw = storage?.getItem(key(workshop));
    if (!raw) return null;
    const v = JSON.parse(raw) as Partial<OtherTokens>;
    return typeof v.participant === "string" && typeof v.observer === "string" ? { participant: v.participant, observer: v.observer } : null;
  } catch {
    return null;
  }
}

/** The three links, or only the facilitator's own (without FA-10 tokens) when the others are unknown. */
export function roomLinks(origin: string, workshop: string, ownToken: string, others: OtherTokens | null): Partial<Record<Role, string>> {
  if (!others) return { facilitator: joinLink(origin, workshop, ownToken) };
  return {
    facilitator: joinLink(origin, workshop, ownToken, others),
    participant: joinLink(origin, workshop, others.participant),
    observer: joinLink(origin, workshop, others.observer),
  };
}
