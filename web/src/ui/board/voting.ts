// Dot voting arithmetic (FA-7): this replica's dots live in `vote:<replica>` registers on notes.
// The node refuses a batch that takes the writer's sum over the board past `voteDots`
// (invalid_op), so the client never sends one. Pure, so unit-tested.
import type { Change, ItemsView, Json, Role } from "../../sync/api";
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

/** This replica's dots on one item. */
export function myDotsOn(items: ItemsView, replica: string, id: string): number {
  return dotCount(items.value(id, voteField(replica)));
}

/**
 * This replica's dots over the whole board, as the node sums them: every item, deleted ones too,
 * so the client never thinks it has a dot the node would not grant.
 */
export function dotsUsed(items: ItemsView, replica: string): number {
  const field = voteField(replica);
  let sum = 0;
  for (const id of items.itemIds()) sum += dotCount(items.value(id, field));
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

/** The write that adds one of this replica's dots to a note, or null when it may not. */
export function addDotChange(items: ItemsView, replica: string, vote: ControlState["vote"], note: Pick<NoteData, "id" | "zone">): Change | null {
  if (!vote || vote.state !== "open" || !inVote(vote, note)) return null;
  if (dotsLeft(vote, dotsUsed(items, replica)) <= 0) return null;
  return { item: note.id, field: voteField(replica), value: myDotsOn(items, replica, note.id) + 1 };
}

/** The write that takes one of this replica's dots off a note, or null when it has none there. */
export function removeDotChange(items: ItemsView, replica: string, vote: ControlState["vote"], note: Pick<NoteData, "id">): Change | null {
  if (!vote || vote.state !== "open") return null;
  const mine = myDotsOn(items, replica, note.id);
  return mine > 0 ? { item: note.id, field: voteField(replica), value: mine - 1 } : null;
}

/** What a note shows of the vote; null shows nothing (no vote, outside the vote zone). */
export type NoteVoteView =
  | { mode: "open"; mine: number; canAdd: boolean; canRemove: boolean }
  | { mode: "closed"; total: number }
  | null;

export interface Voter {
  role: Role | null;
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
  return { mode: "open", mine, canAdd: mayWrite && left > 0, canRemove: mayWrite && mine > 0 };
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
