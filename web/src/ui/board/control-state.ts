// The board control item `_control` (FA-4), written only by the node: lock, private writing and
// dot voting. Read into a typed model here; pure (only the sync contract's ItemsView), so tested.
import type { ItemsView, Json, Role, Stamp } from "../../sync/api";
import { compareStamps } from "../../sync/stamp";

export const CONTROL_ITEM = "_control";
export const MAX_VOTE_DOTS = 20;

export interface VoteState {
  state: "open" | "closed";
  /** Dots each writer may place (`voteDots`). */
  dots: number;
  /** The zone the vote is limited to, or null for the whole board. */
  zone: string | null;
}

export interface ControlState {
  locked: boolean;
  private: boolean;
  /** While private: when it started; notes created after it are seen only by their writer (FA-6). */
  privateSince: Stamp | null;
  /** Null while the board never had a vote: then no vote UI at all. */
  vote: VoteState | null;
}

export const NO_CONTROL: ControlState = Object.freeze({ locked: false, private: false, privateSince: null, vote: null });

function isStamp(v: Json | undefined): v is Stamp {
  return (
    Array.isArray(v) &&
    v.length === 3 &&
    typeof v[0] === "number" &&
    typeof v[1] === "number" &&
    typeof v[2] === "string"
  );
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
  return {
    locked: f("locked") === true,
    private: isPrivate,
    privateSince: !isPrivate ? null : isStamp(since) ? since : privateReg.s,
    vote:
      voteValue === "open" || voteValue === "closed"
        ? {
            state: voteValue,
            dots: typeof dots === "number" && Number.isInteger(dots) && dots > 0 ? dots : 0,
            zone: typeof zone === "string" && zone !== "" ? zone : null,
          }
        : null,
  };
}

export function sameControl(a: ControlState, b: ControlState): boolean {
  return (
    a.locked === b.locked &&
    a.private === b.private &&
    (a.privateSince === b.privateSince ||
      (!!a.privateSince && !!b.privateSince && compareStamps(a.privateSince, b.privateSince) === 0)) &&
    a.vote?.state === b.vote?.state &&
    a.vote?.dots === b.vote?.dots &&
    a.vote?.zone === b.vote?.zone
  );
}

/** Everyone but a facilitator is kept out while the board is locked (FA-5). */
export function lockedOut(state: ControlState, role: Role | null): boolean {
  return state.locked && role !== "facilitator";
}

/** True when the item was created during the current private phase (only its writer sees it). */
export function isPrivateItem(state: ControlState, items: ItemsView, id: string): boolean {
  if (!state.private || !state.privateSince) return false;
  const kind = items.get(id, "kind");
  return !!kind && compareStamps(kind.s, state.privateSince) > 0;
}
