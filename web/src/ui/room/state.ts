// The room board's state (FA-2) read into a typed model, and the rules built on it (FA-3). Pure:
// only the sync contract's ItemsView and numbers, so every case is unit-tested
// (test/ui/room-state.test.ts). The node writes these items; a malformed field reads as absent.
import type { ItemsView, Json } from "../../sync/api";
import { samePerson } from "../../sync/seat";

export type BreakoutMode = "copies" | "zones";
export type RoundKind = "check-in" | "check-out";

export interface TimerState {
  running: boolean;
  /** Server epoch ms, or null (paused or stopped). */
  endsAt: number | null;
  /** Ms left while paused, or null. */
  remaining: number | null;
  /** The whole span in ms, for a progress bar. */
  duration: number | null;
}

export interface BreakoutState {
  active: boolean;
  mode: BreakoutMode;
  /** The board everyone returns to (zones: the shared board; copies: the workshop's plenary board). */
  plenary: string | null;
  /** Group item ids, in order. */
  groups: string[];
  endsWithTimer: boolean;
  started: number | null;
}

export interface GroupState {
  /** The item id, e.g. `group-1`. */
  id: string;
  name: string;
  board: string | null;
  zone: string | null;
  members: string[];
  /** replica → display name, as known when assigned. */
  names: Record<string, string>;
  scribe: string | null;
}

export interface FollowState {
  active: boolean;
  board: string | null;
  x: number;
  y: number;
  zoom: number;
  by: string | null;
  /** The span the leader's viewport shows (FA-2 [ext]), when the node has it. */
  w?: number;
  h?: number;
}

export interface RoundSpeaker {
  replica: string;
  name: string;
}

export interface RoundState {
  active: boolean;
  kind: RoundKind;
  prompt: string;
  order: RoundSpeaker[];
  index: number;
  skipped: number[];
  turnMs: number | null;
  turnEndsAt: number | null;
}

export interface RoomState {
  instruction: string;
  timer: TimerState | null;
  breakout: BreakoutState | null;
  /** The groups of `breakout.groups`, in that order (groups whose item is missing are left out). */
  groups: GroupState[];
  follow: FollowState | null;
  round: RoundState | null;
}

export const EMPTY_ROOM: RoomState = { instruction: "", timer: null, breakout: null, groups: [], follow: null, round: null };

const isObj = (v: Json | undefined): v is { [key: string]: Json } => v !== null && typeof v === "object" && !Array.isArray(v);
const str = (v: Json | undefined): string | null => (typeof v === "string" ? v : null);
const num = (v: Json | undefined): number | null => (typeof v === "number" && Number.isFinite(v) ? v : null);
const bool = (v: Json | undefined): boolean => v === true;
const strings = (v: Json | undefined): string[] => (Array.isArray(v) ? v.filter((x): x is string => typeof x === "string") : []);

/** An item's fields as plain values, or null when it is not there (or deleted). */
function valuesOf(items: ItemsView, id: string): Record<string, Json> | null {
  const fields = items.fields(id);
  const out: Record<string, Json> = {};
  let any = false;
  for (const [f, r] of Object.entries(fields)) {
    out[f] = r.v;
    any = true;
  }
  return any && out.deleted !== true ? out : null;
}

function readTimer(v: Record<string, Json> | null): TimerState | null {
  if (!v) return null;
  return { running: bool(v.running), endsAt: num(v.endsAt), remaining: num(v.remaining), duration: num(v.duration) };
}

function readBreakout(v: Record<string, Json> | null): BreakoutState | null {
  if (!v) return null;
  return {
    active: bool(v.active),
    mode: v.mode === "zones" ? "zones" : "copies",
    plenary: str(v.plenary),
    groups: strings(v.groups),
    endsWithTimer: bool(v.endsWithTimer),
    started: num(v.started),
  };
}

function readGroup(id: string, v: Record<string, Json>): GroupState {
  const names: Record<string, string> = {};
  if (isObj(v.names)) for (const [r, n] of Object.entries(v.names)) if (typeof n === "string") names[r] = n;
  return {
    id,
    name: str(v.name) ?? id,
    board: str(v.board),
    zone: str(v.zone),
    members: strings(v.members),
    names,
    scribe: str(v.scribe),
  };
}

function readFollow(v: Record<string, Json> | null): FollowState | null {
  if (!v) return null;
  const w = num(v.w);
  const h = num(v.h);
  return { active: bool(v.active), board: str(v.board), x: num(v.x) ?? 0, y: num(v.y) ?? 0, zoom: num(v.zoom) ?? 1, by: str(v.by), ...(w && h && w > 0 && h > 0 ? { w, h } : {}) };
}

function readRound(v: Record<string, Json> | null): RoundState | null {
  if (!v) return null;
  const order: RoundSpeaker[] = [];
  if (Array.isArray(v.order)) {
    for (const o of v.order) if (isObj(o) && typeof o.replica === "string") order.push({ replica: o.replica, name: str(o.name) ?? "" });
  }
  return {
    active: bool(v.active),
    kind: v.kind === "check-out" ? "check-out" : "check-in",
    prompt: str(v.prompt) ?? "",
    order,
    index: num(v.index) ?? 0,
    skipped: Array.isArray(v.skipped) ? v.skipped.filter((x): x is number => typeof x === "number") : [],
    turnMs: num(v.turnMs),
    turnEndsAt: num(v.turnEndsAt),
  };
}

export function parseRoom(items: ItemsView): RoomState {
  const breakout = readBreakout(valuesOf(items, "breakout"));
  const groups: GroupState[] = [];
  for (const id of breakout?.groups ?? []) {
    const v = valuesOf(items, id);
    if (v) groups.push(readGroup(id, v));
  }
  return {
    instruction: str(valuesOf(items, "instruction")?.text) ?? "",
    timer: readTimer(valuesOf(items, "timer")),
    breakout,
    groups,
    follow: readFollow(valuesOf(items, "follow")),
    round: readRound(valuesOf(items, "round")),
  };
}

/**
 * Ms left on the timer: `max(0, endsAt - serverNow)` while running, `remaining` while paused,
 * null when there is no timer (never started, or stopped).
 */
export function timerRemaining(state: RoomState, serverNow: number): number | null {
  const tm = state.timer;
  if (!tm) return null;
  if (tm.running && tm.endsAt !== null) return Math.max(0, tm.endsAt - serverNow);
  if (!tm.running && tm.remaining !== null) return Math.max(0, tm.remaining);
  return null;
}

/** FA-3: over when not active, or when it ends with the timer and the running timer has run out. */
export function breakoutOver(state: RoomState, serverNow: number): boolean {
  const b = state.breakout;
  if (!b || !b.active) return true;
  const tm = state.timer;
  return b.endsWithTimer && tm !== null && tm.running && tm.endsAt !== null && serverNow >= tm.endsAt;
}

/** A breakout exists and is not over. */
export function breakoutRunning(state: RoomState, serverNow: number): boolean {
  return state.breakout !== null && !breakoutOver(state, serverNow);
}

/** The group whose members hold `replica`'s person (ID-3: any tab of the same seat), or null. */
export function myGroup(state: RoomState, replica: string): GroupState | null {
  return state.groups.find((g) => g.members.some((m) => samePerson(m, replica))) ?? null;
}

/** Ms left in the current speaker's turn, or null without an active round or turn end. */
export function turnRemaining(state: RoomState, serverNow: number): number | null {
  const r = state.round;
  if (!r || !r.active || r.turnEndsAt === null) return null;
  return Math.max(0, r.turnEndsAt - serverNow);
}

/** The boards a copies breakout made (one per group): they get no tab of their own. */
export function breakoutBoards(state: RoomState): Set<string> {
  const out = new Set<string>();
  if (state.breakout?.mode !== "copies") return out;
  for (const g of state.groups) if (g.board && g.board !== state.breakout.plenary) out.add(g.board);
  return out;
}

/** A copies breakout was started (running or over): the plenary view exists. */
export function hasCopiesBreakout(state: RoomState): boolean {
  return state.breakout?.mode === "copies" && state.groups.length > 0;
}

/** A group member's display name: from the group's names, else the fallback (e.g. the peer's name). */
export function memberName(group: GroupState, replica: string, fallback?: string): string {
  return group.names[replica] ?? fallback ?? replica;
}
