// What the board's behaviour modules share. Dependencies run one way (issue 15): view.ts builds the
// parts and wires the input modules (pointer, touch, keyboard, menu); they call the actions
// (actions.ts, placing.ts); the actions use only these parts. Nothing here imports a module above it.
import type { BoardClient } from "../../sync/api";
import type { Template } from "../template";
import type { Camera } from "./camera";
import type { ControlState } from "./control-state";
import type { NoteEditor } from "./editor";
import type { NoteLayer } from "./notes";
import type { ZoneLayer } from "./zones";

/** What the actions tell the board's chrome (tools, selection bar). */
export interface BoardUi {
  setSelection(count: number): void;
  setUndoRedo(canUndo: boolean, canRedo: boolean): void;
  /** The person made a note (the first-use hint has done its work). */
  created(): void;
}

export interface BoardParts {
  tpl: Template;
  client: BoardClient;
  /** Observer, or locked out (FA-5); changes while the board runs. */
  readonly readonly: boolean;
  /** Why the board is read only, as a sentence. */
  readOnlyText(): string;
  /** The board control state (`_control`, FA-4) as last read. */
  control(): ControlState;
  name: string;
  root: HTMLElement;
  viewport: HTMLElement;
  layer: HTMLElement;
  camera: Camera;
  zones: ZoneLayer;
  notes: NoteLayer;
  editor: NoteEditor;
  ui: BoardUi;
  /** Shows a short polite message in the board (and to screen readers). */
  say(message: string): void;
}
