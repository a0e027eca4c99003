// Dot voting arithmetic (FA-7): a tab's dots live in `vote:<replica>` registers on notes, and
// a person's dots are those of all their replicas (ID-3: the tabs of one seat), so the budget
// holds across tabs. The node refuses a batch that takes the writer's person's sum over the board
// past `voteDots` (invalid_op), so the client never sends one. A tab writes only its own register
// (IT-3), so it can take off only the dots it placed itself. Pure, so unit-tested.
import type { Change, ItemsView, Json, Role } from "../../sync/api";
import { personOf } from "../../sync/seat";
import { lockedOut, type ControlState } from "./control-state";
import type { NoteData } from "./model";

export const VOTE_PREFIX = "vote:";

export function voteField(replica: string): string {
  return VOTE_PREFIX + replica;
}

/** A register's dot count: a non-negative integer, anything else counts as none. */
export function dotCount(v: Json | undefined): number {
  return typeof v === "number" && Number.isInteger(v) && v > 0 ? v : 0;
}

/** Whether `field` is a `vote:<replica>` register of `person` (ID-3). */
function isVoteOf(field: string, person: string): boolean {
  return field.startsWith(VOTE_PREFIX) && personOf(field.slice(VOTE_PREFIX.length)) === person;
}

/** The dots of `replica`'s person on one item: every tab of theirs (ID-3). */
export function myDotsOn(items: ItemsView, replica: string, id: string): number {
  const person = personOf(replica);
  let sum = 0;
  for (const [f, r] of Object.entries(items.fields(id))) if (isVoteOf(f, person)) sum += dotCount(r.v);
  return sum;
}

/** The dots this very replica (tab) placed on one item: the only ones it may take off. */
export function ownDotsOn(items: ItemsView, replica: string, id: string): number {
  return dotCount(items.value(id, voteField(replica)));
}

/**
 * The dots of `replica`'s person over the whole board, as the node sums them: every item, deleted
 * ones too, every tab of the person, so the client never thinks it has a dot the node would not grant.
 */
export function dotsUsed(items: ItemsView, replica: string): number {
  let sum = 0;
  for (const id of items.itemIds()) sum += myDotsOn(items, replica, id);
  return sum;
}

export function dotsLeft(vote: { dots: number }, used: number): number {
  return Math.max(0, vote.dots - used);
}

/** Every `vote:*` register of a note added up: its result once the vote is closed. */
export function totalVotes(fields: Readonly<Record<string, Json>>): number {
  let sum = 0;
  for (const [f, v] of Object.entries(fields)) if (f.startsWith(VOTE_PREFIX)) sum += dotCount(v);
  return sum;
}

/** A note takes part in the vote when the vote has no zone or the note is in it. */
export function inVote(vote: { zone: string | null }, note: Pick<NoteData, "zone">): boolean {
  return vote.zone === null || note.zone === vote.zone;
}

/** The write that adds one of the person's dots to a note (in this replica's register), or null when it may not. */
export function addDotChange(items: ItemsView, replica: string, vote: ControlState["vote"], note: Pick<NoteData, "id" | "zone">): Change | null {
  if (!vote || vote.state !== "open" || !inVote(vote, note)) return null;
  if (dotsLeft(vote, dotsUsed(items, replica)) <= 0) return null;
  return { item: note.id, field: voteField(replica), value: ownDotsOn(items, replica, note.id) + 1 };
}

/** The write that takes one of this replica's own dots off a note, or null when it placed none there. */
export function removeDotChange(items: ItemsView, replica: string, vote: ControlState["vote"], note: Pick<NoteData, "id">): Change | null {
  if (!vote || vote.state !== "open") return null;
  const own = ownDotsOn(items, replica, note.id);
  return own > 0 ? { item: note.id, field: voteField(replica), value: own - 1 } : null;
}

/** What a note shows of the vote; null shows nothing (no vote, outside the vote zone). */
export type NoteVoteView =
  | { mode: "open"; mine: number; canAdd: boolean; canRemove: boolean }
  | { mode: "closed"; total: number }
  | null;

export interface Voter {
  role: Role | null;
  /** This tab's replica; its person (ID-3) owns the dots shown as "mine". */
  replica: string;
}

export function noteVoteView(control: ControlState, items: ItemsView, voter: Voter, note: NoteData, left: number): NoteVoteView {
  const vote = control.vote;
  if (!vote || !inVote(vote, note)) return null;
  if (vote.state === "closed") return { mode: "closed", total: totalVotes(note.fields) };
  // While open others' dots are hidden (FA-7); observers have none and place none.
  if (voter.role === "observer") return null;
  const mine = myDotsOn(items, voter.replica, note.id);
  const mayWrite = !lockedOut(control, voter.role);
  return { mode: "open", mine, canAdd: mayWrite && left > 0, canRemove: mayWrite && ownDotsOn(items, voter.replica, note.id) > 0 };
}

export interface VoteResult {
  id: string;
  text: string;
  votes: number;
}

export type ResultOrder = "votes" | "board";

/** Reading order on the board: top to bottom, then left to right, then id for stability. */
export function boardOrder(a: Pick<NoteData, "id" | "x" | "y">, b: Pick<NoteData, "id" | "x" | "y">): number {
  return a.y - b.y || a.x - b.x || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);
}

/** The notes of a closed vote with their totals; by votes (highest first, ties in board order) or in board order. */
export function voteResults(notes: Iterable<NoteData>, vote: { zone: string | null }, order: ResultOrder): VoteResult[] {
  const taking = [...notes].filter((n) => inVote(vote, n)).sort(boardOrder);
  const rows = taking.map((n) => ({ id: n.id, text: n.text, votes: totalVotes(n.fields) }));
  // Array.prototype.sort is stable, so equal counts keep board order.
  if (order === "votes") rows.sort((a, b) => b.votes - a.votes);
  return rows;
}
