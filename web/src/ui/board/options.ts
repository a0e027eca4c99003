// What a board view is given and what it hands back (view.ts), apart so the modules that build
// its chrome can name them without importing the view.
import type { Role } from "../../sync/api";
import type { Identity } from "../../sync/identity";
import type { Template } from "../template";

export interface BoardOptions {
  template: Template;
  boardId: string;
  token: string;
  name: string;
  role: Role;
  /** This tab's seat and replica in the workshop (ID-1, ID-2), shared by every client of the page. */
  identity: Identity;
  onRole?: (role: Role) => void;
  /** Offers "convert to action fiches" to writers and the workshop PDF (needs the workshop id). */
  fiches?: { workshop: string; openPlan(): void };
  /**
   * Called whenever the camera moves by the user (pan, zoom, fit), not by setView: (x, y) is the
   * board point at the centre of the viewport, zoom the scale, span the board width and height
   * the viewport shows. Called per frame while panning.
   */
  onViewChange?: (x: number, y: number, zoom: number, span: { w: number; h: number }) => void;
  /** A board shown small beside others (the plenary): no tools but zoom, no panel. */
  compact?: boolean;
}

export interface MountedBoard {
  destroy(): void;
  /** Centres board point (x, y) at this zoom, or fits `span` around it (follow, FA-2); does not call onViewChange. */
  setView(x: number, y: number, zoom: number, span?: { w: number; h: number } | null): void;
  /** Where the workshop page floats its facilitation bar over the board (top centre). */
  topSlot: HTMLElement;
}
