// The workshop page's facilitation: the room connection, the facilitation bar, automatic
// navigation (breakouts, FA-3; follow), "follow me" for the facilitator, and the plenary and
// room views. The workshop page owns the views; this tells it where to go and what to show.
import type { Role } from "../../sync/api";
import type { Identity } from "../../sync/identity";
import { samePerson } from "../../sync/seat";
import { mountBoard, type MountedBoard } from "../board/view";
import { t } from "../i18n";
import type { Template } from "../template";
import type { BoardChoice } from "./breakout";
import { FollowSender, type FollowView } from "./follow";
import { rememberTokens } from "./links";
import { AutoNavigator, zoneView, type ViewPoint } from "./navigation";
import { buildOverlay, type Overlay } from "./overlay";
import { buildOverviewPanel, fetchOverview } from "./overview";
import { currentRoundId, readRounds, sendAnswer, type RoundRecord } from "./round-answers";
import { answerCards, CHECK_IN } from "./check-in-board";
import { writeOnce } from "../board/write-once";
import { mountPlenary } from "./plenary";
import { mountRoomView } from "./room-view";
import { controlRunner, type Run } from "./run";
import { RoomSession } from "./session";
import { breakoutBoards, type RoomState } from "./state";

/** The tab and URL id of the facilitator's room view. */
export const ROOM_VIEW = "room";
/** Automatic navigation and the countdowns are checked this often (a timer ends without a frame). */
export const TICK_MS = 250;

export interface DeskOptions {
  /** The room board's id (FA-1). */
  room: string;
  workshop: string;
  token: string;
  name: string;
  /** This tab's seat and replica in the workshop (ID-1, ID-2). */
  identity: Identity;
  templates: Template[];
  role: () => Role;
  openView: (id: string, place?: { zone?: string | null; point?: ViewPoint | null; fit?: boolean }) => void;
  /** The board open in the workshop page, if the open view is one. */
  openBoard: () => { id: string; board: MountedBoard; template: Template } | null;
  templateOf: (board: string) => Promise<Template | null>;
  boards: () => BoardChoice[];
  /** Every change of the room state (tabs follow it). */
  onState: (state: RoomState) => void;
}

export class FacilitationDesk {
  readonly session: RoomSession;
  readonly overlay: Overlay;
  private readonly overview: ReturnType<typeof buildOverviewPanel>;
  private readonly run: Run;
  private readonly navigator = new AutoNavigator();
  private readonly follow: FollowSender;
  private lastView: FollowView | null = null;
  private ticker: ReturnType<typeof setInterval> | null = null;

  constructor(private readonly o: DeskOptions) {
    this.session = new RoomSession({ board: o.room, token: o.token, name: o.name, identity: o.identity });
    this.overlay = buildOverlay({
      role: o.role,
      replica: this.session.replica,
      leadsFollow: (state) => this.leads(state),
      onFollowToggle: (pressed) => this.toggleFollow(pressed),
      round: {
        sendAnswer: (text) => sendAnswer(text, (action, args) => this.session.control(action, args)),
        rounds: () => readRounds(this.session.client.items),
        currentRound: () => currentRoundId(this.session.client.items),
        toBoard: { canPut: () => o.role() === "facilitator" && !!this.checkInBoard(), put: (round) => this.putOnCheckInBoard(round) },
      },
    });
    this.overview = buildOverviewPanel({
      fetchOverview: () => fetchOverview(o.workshop, o.token),
      isFacilitator: () => o.role() === "facilitator",
      serverNow: () => this.session.serverNow(),
    });
    this.overlay.el.insertBefore(this.overview.el, this.overlay.el.lastChild);
    this.run = controlRunner((action, args) => this.session.control(action, args), this.overlay.showError);
    this.follow = new FollowSender((v) => void this.run("follow", { ...v }));
  }

  start(): void {
    this.session.onChange(() => this.paint());
    this.session.onError((code, message) => this.overlay.showError(t("roomConnectionFailed", { message: message || code })));
    this.session.start();
    this.ticker = setInterval(() => this.tick(), TICK_MS);
    this.paint();
  }

  stop(): void {
    if (this.ticker !== null) clearInterval(this.ticker);
    this.follow.cancel();
    this.overview.stop();
    this.session.stop();
  }

  /** The workshop's first check-in board, if it has one (issue 20). */
  private checkInBoard(): { id: string; template: Template } | null {
    const b = this.o.boards().find((x) => x.template?.id === CHECK_IN);
    return b?.template ? { id: b.id, template: b.template } : null;
  }

  /** A round's answers onto the check-in board, one card per person, as this facilitator. */
  private async putOnCheckInBoard(round: RoundRecord): Promise<void> {
    const board = this.checkInBoard();
    if (!board) throw new Error(t("roundToBoardNone"));
    await writeOnce({ token: this.o.token, name: this.o.name, identity: this.o.identity }, board.id, answerCards(round, board.template));
  }

  /** Keeps the FA-10 tokens of a facilitator link for the room view. */
  rememberLinks(participant: string | null, observer: string | null): void {
    rememberTokens(this.o.workshop, participant, observer);
  }

  paint(): void {
    const state = this.session.state;
    this.overlay.paint(state);
    this.overview.paint(state);
    this.o.onState(state);
    this.tick();
  }

  /** The open board's view changed: remembered for "follow me", and sent while leading. */
  viewChanged(v: FollowView): void {
    this.lastView = v;
    if (this.leads(this.session.state)) this.follow.view(v);
  }

  /** The view that centres a zone in the open board's viewport (the host's size until it has one). */
  zonePoint(tpl: Template, zone: string, host: HTMLElement): ViewPoint | null {
    const vp = host.querySelector<HTMLElement>(".board-viewport");
    const w = vp?.clientWidth || host.clientWidth;
    const h = vp?.clientHeight || host.clientHeight;
    return zoneView(tpl, zone, w, h);
  }

  /**
   * The boards breakouts made (copies mode): those of the room's current groups, plus those this
   * browser saw before (the room keeps only the last breakout's groups, and the workshop's board
   * list does not say which boards a breakout made).
   */
  breakoutBoards(state: RoomState): Set<string> {
    const key = `samenbord.breakoutBoards.${this.o.workshop}`;
    const seen = new Set<string>(breakoutBoards(state));
    let kept: string[] = [];
    try {
      const raw = globalThis.localStorage?.getItem(key);
      if (raw) kept = (JSON.parse(raw) as unknown[]).filter((x): x is string => typeof x === "string");
    } catch {
      kept = []; // unreadable: only the current groups count
    }
    const all = new Set([...kept, ...seen]);
    if (all.size > kept.length) {
      try {
        globalThis.localStorage?.setItem(key, JSON.stringify([...all].slice(-200)));
      } catch (e) {
        console.warn("samenbord: could not remember the breakout boards", e);
      }
    }
    return all;
  }

  mountPlenary(host: HTMLElement): { destroy(): void } {
    return mountPlenary(host, {
      session: this.session,
      templateOf: this.o.templateOf,
      openView: (id) => this.o.openView(id),
      mount: (boardHost, board, template) =>
        mountBoard(boardHost, { template, boardId: board, token: this.o.token, name: this.o.name, role: "observer", identity: this.o.identity, compact: true }),
    });
  }

  mountRoom(host: HTMLElement): { destroy(): void } {
    return mountRoomView(host, {
      session: this.session,
      workshop: this.o.workshop,
      token: this.o.token,
      run: this.run,
      showError: this.overlay.showError,
      templates: this.o.templates,
      boards: this.o.boards,
      openView: (id) => this.o.openView(id),
    });
  }

  private tick(): void {
    const state = this.session.state;
    const now = this.session.serverNow();
    this.overlay.tick(state, now);
    // Before the first welcome the state is empty, and an empty state must not count as "seen".
    if (!this.session.loaded) return;
    const target = this.navigator.step(state, now, { replica: this.session.replica, role: this.o.role() });
    if (target) this.o.openView(target.view, { zone: target.zone, point: target.point, fit: target.fit ?? false });
  }

  private leads(state: RoomState): boolean {
    return !!state.follow?.active && state.follow.by !== null && samePerson(state.follow.by, this.session.replica);
  }

  private toggleFollow(pressed: boolean): void {
    if (!pressed) {
      this.follow.cancel();
      void this.run("followStop");
      return;
    }
    const open = this.o.openBoard();
    if (!open) return this.overlay.showError(t("followNeedsBoard"));
    const v =
      this.lastView?.board === open.id
        ? this.lastView
        : { board: open.id, x: open.template.canvas.width / 2, y: open.template.canvas.height / 2, zoom: 1, w: open.template.canvas.width, h: open.template.canvas.height };
    void this.run("follow", { ...v });
  }

}
