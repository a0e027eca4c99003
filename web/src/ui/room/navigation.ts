// Automatic navigation (FA-3 and follow): where the room state sends this person, and when. A
// target is applied when it changes, not on every tick, so a participant who opens another tab
// during a breakout is not pulled back four times a second. Pure, so unit-tested.
import type { Role } from "../../sync/api";
import { samePerson } from "../../sync/seat";
import { bounds, centre, fitScale } from "../board/geometry";
import type { Template } from "../template";
import { breakoutOver, myGroup, type RoomState } from "./state";

/** The workshop view id of the copies plenary (URL `#board=plenary`). */
export const PLENARY = "plenary";

export interface Me {
  replica: string;
  role: Role;
}

export interface ViewPoint {
  x: number;
  y: number;
  zoom: number;
  /** FA-2 follow: the board width and height the leader's viewport shows; a follower fits it. */
  w?: number;
  h?: number;
}

export interface NavTarget {
  /** Identifies the target: a new key is a new move. */
  key: string;
  /** A board id or PLENARY. */
  view: string;
  /** Zones mode: the zone to centre on. */
  zone: string | null;
  /** Follow: the facilitator's view. */
  point: ViewPoint | null;
  /** Fit the whole board into the viewport: the assembled board after a zones breakout (issue 16 finding 4). */
  fit?: boolean;
}

/** Where a breakout sends `me` now: its group's board while it runs, the plenary once over; null for facilitators and observers. */
export function breakoutTarget(state: RoomState, serverNow: number, me: Me): NavTarget | null {
  const b = state.breakout;
  if (me.role !== "participant" || !b) return null;
  const run = `${b.started ?? ""}`;
  if (breakoutOver(state, serverNow)) {
    if (b.mode === "copies") return { key: `plenary:${run}`, view: PLENARY, zone: null, point: null };
    const shared = b.plenary ?? state.groups.find((g) => g.board)?.board ?? null;
    // The same board the groups worked on: zoomed out to all of it, not left on one's own zone.
    return shared ? { key: `plenary:${run}`, view: shared, zone: null, point: null, fit: true } : null;
  }
  const g = myGroup(state, me.replica);
  if (!g || !g.board) return null;
  return { key: `group:${run}:${g.id}:${g.board}:${g.zone ?? ""}`, view: g.board, zone: g.zone, point: null };
}

/** Where follow sends `me`: everyone but facilitators (the one who set it included) follows. */
export function followTarget(state: RoomState, me: Me): NavTarget | null {
  const f = state.follow;
  if (!f || !f.active || !f.board || me.role === "facilitator" || (f.by !== null && samePerson(f.by, me.replica))) return null;
  const span = f.w && f.h ? { w: f.w, h: f.h } : {};
  return { key: `follow:${f.board}:${f.x}:${f.y}:${f.zoom}:${f.w ?? ""}:${f.h ?? ""}`, view: f.board, zone: null, point: { x: f.x, y: f.y, zoom: f.zoom, ...span } };
}

/** Remembers the last targets and hands out only a changed one. */
export class AutoNavigator {
  private breakoutKey: string | null | undefined = undefined;
  private followKey: string | null = null;

  /**
   * The target to open now, or null. On the first call a plenary is only remembered: after a
   * reload the person stays where their URL says rather than being sent to a breakout's
   * plenary that ended long ago. A running group or an active follow does apply at once.
   */
  step(state: RoomState, serverNow: number, me: Me): NavTarget | null {
    const first = this.breakoutKey === undefined;
    const b = breakoutTarget(state, serverNow, me);
    const f = followTarget(state, me);
    const bChanged = (b?.key ?? null) !== this.breakoutKey;
    const fChanged = (f?.key ?? null) !== this.followKey;
    this.breakoutKey = b?.key ?? null;
    this.followKey = f?.key ?? null;
    if (f && fChanged) return f;
    if (b && bChanged && !(first && b.key.startsWith("plenary:"))) return b;
    return null;
  }
}

/** The view that shows the whole board of `tpl`, fitted by each viewer into their own viewport. */
export function wholeView(tpl: Template): ViewPoint {
  const { width, height } = tpl.canvas;
  return { x: width / 2, y: height / 2, zoom: 1, w: width, h: height };
}

/** The view that centres a zone of `tpl` and fits it into a viewport of the given size. */
export function zoneView(tpl: Template, zoneId: string, viewW: number, viewH: number): ViewPoint | null {
  const zone = tpl.zones.find((z) => z.id === zoneId);
  if (!zone) return null;
  const r = bounds(zone.shape);
  const [x, y] = centre(r);
  // The span makes the board fit the zone into its own viewport, clear of its floating tools.
  return { x, y, zoom: fitScale(r.w, r.h, viewW > 0 ? viewW : 1200, viewH > 0 ? viewH : 700), w: r.w, h: r.h };
}
