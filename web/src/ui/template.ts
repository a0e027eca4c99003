// The shape of a template document (templates-library/schema/template.schema.json), as far as the
// UI reads it. Templates are data: the board renderer is driven by these fields only.
import type { Text } from "./i18n";

export interface RectShape {
  type: "rect";
  x: number;
  y: number;
  w: number;
  h: number;
}

export interface RingShape {
  type: "ring";
  cx: number;
  cy: number;
  inner: number;
  outer: number;
}

export type Shape = RectShape | RingShape;

export interface Limits {
  min?: number;
  max?: number;
  unit?: Text;
}

export type MetaValue = Text | string | number | boolean;

export interface Zone {
  id: string;
  label: Text;
  prompt?: Text;
  shape: Shape;
  limits?: Limits;
  row?: string;
  column?: string;
  meta?: Record<string, MetaValue>;
}

export interface AxisEntry {
  id: string;
  label: Text;
  hint?: Text;
}

export interface ItemField {
  type: "enum" | "text" | "number" | "boolean" | "ref";
  values?: string[];
  default?: string | number | boolean;
  label: Text;
  valueLabels?: Record<string, Text>;
  valueColors?: Record<string, string>;
}

export type Layout = "grid" | "columns" | "rings" | "quadrants" | "table";

/** How a board becomes action fiches (FI-3): its filled rows, or the notes someone selects. */
export interface Conversion {
  target: string;
  mode: "rows" | "selected-notes";
}

export interface Template {
  id: string;
  version: number;
  title: Text;
  description: Text;
  layout: Layout;
  canvas: { width: number; height: number };
  facilitation?: { highlightEmptyZones?: boolean; privateFirst?: boolean; zonePerBreakoutGroup?: boolean };
  itemKinds: string[];
  itemFields: Record<string, ItemField>;
  axes?: { rows: AxisEntry[]; columns: AxisEntry[] };
  /** Per axis row: do these columns each hold a note (a goal's SMART check)? */
  rowCheck?: { label: Text; columns: string[] };
  /** Arrows between notes of consecutive zones (IT-6, the change map). */
  arrows?: { kind: "arrow"; order: string[] };
  /** Scores per person on each row's candidate note (IT-7, the integrative method). */
  scores?: { column: string; criteria: string[]; min: number; max: number; labels?: Record<string, Text> };
  /** Own values per person (IT-8, the Positive Health spider web), seen only by that person. */
  ownValues?: { item: string; zone: string; min: number; max: number; dimensions: AxisEntry[]; show?: "web" | "scale"; labels?: Record<string, Text> };
  zones: Zone[];
  /** Absent: the board does not convert to fiches. */
  conversion?: Conversion;
}

export function isText(v: unknown): v is Text {
  return typeof v === "object" && v !== null && typeof (v as Text).nl === "string";
}

/** The first enum field with colours per value (the health matrix's `layer`), if any. */
export function colouredEnumField(tpl: Template): [string, ItemField] | null {
  for (const [name, f] of Object.entries(tpl.itemFields)) {
    if (f.type === "enum" && f.values && f.valueColors) return [name, f];
  }
  return null;
}
