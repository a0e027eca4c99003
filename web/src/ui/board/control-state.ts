// The board control item `_control` (FA-4), written only by the node: lock, private writing and
// dot voting. Read into a typed model here; pure (only the sync contract's ItemsView), so tested.
import type { ItemsView, Json, Role, Stamp } from "../../sync/api";
import { personOf } from "../../sync/seat";
import { compareStamps } from "../../sync/stamp";

export const CONTROL_ITEM = "_control";
export const MAX_VOTE_DOTS = 20;

export interface VoteState {
  state: "open" | "closed";
  /** Dots each writer may place (`voteDots`). */
  dots: number;
  /** The zone the vote is limited to, or null for the whole board. */
  zone: string | null;
  /** Who took part, as the node wrote it at close (`voters`, `present`, `voterNames`); null when absent. */
  turnout?: Turnout | null;
}

/** The node's count at the close of a vote: distinct persons (ID-3) who placed dots, and who were there. */
export interface Turnout {
  voters: number;
  present: number;
  /** Display names of the voters (for facilitators); empty when the node sent none. */
  names: string[];
}

export interface ControlState {
  locked: boolean;
  private: boolean;
  /** While private: when it started; notes created after it are seen only by their writer (FA-6). */
  privateSince: Stamp | null;
  /** Null while the board never had a vote: then no vote UI at all. */
  vote: VoteState | null;
  /** FA-11: nobody sees who wrote a note (the node sends no authors while it is on). */
  anonymous: boolean;
}

export const NO_CONTROL: ControlState = Object.freeze({ locked: false, private: false, privateSince: null, vote: null, anonymous: false });

function isStamp(v: Json | undefined): v is Stamp {
  return (
    Array.isArray(v) &&
    v.length === 3 &&
    typeof v[0] === "number" &&
    typeof v[1] === "number" &&
    typeof v[2] === "string"
  );
}

function count(v: Json | undefined): number | null {
  return typeof v === "number" && Number.isInteger(v) && v >= 0 ? v : null;
}

/** The turnout fields of `_control`, when both counts are there. */
function readTurnout(f: (field: string) => Json | undefined): Turnout | null {
  const voters = count(f("voters"));
  const present = count(f("present"));
  if (voters === null || present === null) return null;
  const names = f("voterNames");
  return { voters, present, names: Array.isArray(names) ? names.filter((n): n is string => typeof n === "string") : [] };
}

export function readControl(items: ItemsView): ControlState {
  const f = (field: string) => items.value(CONTROL_ITEM, field);
  const voteValue = f("vote");
  const dots = f("voteDots");
  const zone = f("voteZone");
  const privateReg = items.get(CONTROL_ITEM, "private");
  const isPrivate = privateReg?.v === true;
  // The `private` register's own stamp marks when private writing started (FA-4/FA-6); an
  // explicit `privateSince` field, as an earlier draft of the spec had it, is still read.
  const since = f("privateSince");
  const turnout = readTurnout(f);
  return {
    locked: f("locked") === true,
    anonymous: f("anonymous") === true,
    private: isPrivate,
    privateSince: !isPrivate ? null : isStamp(since) ? since : privateReg.s,
    vote:
      voteValue === "open" || voteValue === "closed"
        ? {
            state: voteValue,
            dots: typeof dots === "number" && Number.isInteger(dots) && dots > 0 ? dots : 0,
            zone: typeof zone === "string" && zone !== "" ? zone : null,
            // Written while the vote closes; a later voteStart may leave the old counts behind.
            ...(voteValue === "closed" && turnout ? { turnout } : {}),
          }
        : null,
  };
}

export function sameControl(a: ControlState, b: ControlState): boolean {
  return (
    a.locked === b.locked &&
    a.anonymous === b.anonymous &&
    a.private === b.private &&
    (a.privateSince === b.privateSince ||
      (!!a.privateSince && !!b.privateSince && compareStamps(a.privateSince, b.privateSince) === 0)) &&
    a.vote?.state === b.vote?.state &&
    a.vote?.dots === b.vote?.dots &&
    a.vote?.zone === b.vote?.zone &&
    sameTurnout(a.vote?.turnout ?? null, b.vote?.turnout ?? null)
  );
}

function sameTurnout(a: Turnout | null, b: Turnout | null): boolean {
  if (a === null || b === null) return a === b;
  return a.voters === b.voters && a.present === b.present && a.names.length === b.names.length && a.names.every((n, i) => n === b.names[i]);
}

/** Everyone but a facilitator is kept out while the board is locked (FA-5). */
export function lockedOut(state: ControlState, role: Role | null): boolean {
  return state.locked && role !== "facilitator";
}

/**
 * True when the item was created during the current private phase by `replica`'s person (ID-3):
 * only that person sees it (FA-6), in each of their tabs, so it is shown as their private note.
 */
export function isPrivateItem(state: ControlState, items: ItemsView, id: string, replica: string): boolean {
  if (!state.private || !state.privateSince) return false;
  const kind = items.get(id, "kind");
  return !!kind && compareStamps(kind.s, state.privateSince) > 0 && personOf(kind.s[2]) === personOf(replica);
}
