// Reading a fiche out of its board's items (item "fiche", kind "step" and kind "balance" items)
// and the changes the editor sends. Pure (only the sync contract's ItemsView), so unit-tested.
import type { Change, ItemsView, Json } from "../../sync/api";
import { keyBetween } from "../../sync/order";
import { newItemId } from "../board/model";
import type { StepValue } from "./spec";

/** The item that holds the header, the section fields, the status and the source. */
export const FICHE_ITEM = "fiche";

export interface Step extends StepValue {
  id: string;
  z: string;
}

export interface BalanceEntry {
  id: string;
  zone: string;
  text: string;
  z: string;
}

export interface FicheData {
  values: Record<string, string>;
  status: string;
  source: string;
  steps: Step[];
  balance: BalanceEntry[];
}

const str = (v: Json | undefined): string => (typeof v === "string" ? v : "");

const byZ = <T extends { id: string; z: string }>(a: T, b: T): number =>
  a.z < b.z ? -1 : a.z > b.z ? 1 : a.id < b.id ? -1 : a.id > b.id ? 1 : 0;

function live(items: ItemsView, id: string, kind: string): boolean {
  return items.value(id, "kind") === kind && items.value(id, "deleted") !== true;
}

/** Field values of item "fiche" (strings only), its status (default draft), steps and balance in order. */
export function readFiche(items: ItemsView): FicheData {
  const values: Record<string, string> = {};
  for (const [f, r] of Object.entries(items.fields(FICHE_ITEM))) if (typeof r.v === "string") values[f] = r.v;
  const steps: Step[] = [];
  const balance: BalanceEntry[] = [];
  for (const id of items.itemIds()) {
    if (live(items, id, "step")) {
      steps.push({ id, date: str(items.value(id, "date")), text: str(items.value(id, "text")), z: str(items.value(id, "z")) });
    } else if (live(items, id, "balance")) {
      balance.push({ id, zone: str(items.value(id, "zone")), text: str(items.value(id, "text")), z: str(items.value(id, "z")) });
    }
  }
  steps.sort(byZ);
  balance.sort(byZ);
  return { values, status: str(items.value(FICHE_ITEM, "status")) || "draft", source: values.source ?? "", steps, balance };
}

/** An order key after every key in the list (keys that are no valid order key are passed over). */
export function zAfter(list: readonly { z: string }[]): string {
  const keys = list.map((x) => x.z).filter((z) => z !== "").sort().reverse();
  for (const k of keys) {
    try {
      return keyBetween(k, null);
    } catch {
      // not a fractional index (written by something else): try the next one
    }
  }
  return keyBetween(null, null);
}

/** A new empty step after the last one, as one batch. */
export function newStepChanges(steps: readonly Step[], random?: () => number): { id: string; changes: Change[] } {
  const id = newItemId(random);
  const z = zAfter(steps);
  const fields: Record<string, Json> = { kind: "step", date: "", text: "", z };
  return { id, changes: Object.entries(fields).map(([field, value]) => ({ item: id, field, value })) };
}

/** A new empty entry in a quadrant of the balance, after the others. */
export function newBalanceChanges(entries: readonly BalanceEntry[], zone: string, random?: () => number): { id: string; changes: Change[] } {
  const id = newItemId(random);
  const z = zAfter(entries);
  const fields: Record<string, Json> = { kind: "balance", zone, text: "", z };
  return { id, changes: Object.entries(fields).map(([field, value]) => ({ item: id, field, value })) };
}
