// A fake ItemsView over plain values (with settable stamps), for the board control and voting tests.
import type { ItemsView, Json, Register, Stamp } from "../../src/sync/api";

export type Data = Record<string, Record<string, Json>>;

export function itemsView(data: Data, stamps: Record<string, Record<string, Stamp>> = {}): ItemsView {
  const reg = (i: string, f: string): Register => ({ v: data[i]![f]!, s: stamps[i]?.[f] ?? [1, 0, "r"] });
  return {
    itemIds: () => Object.keys(data).sort(),
    get: (i, f) => (data[i] && f in data[i]! ? reg(i, f) : undefined),
    fields: (i) => Object.fromEntries(Object.keys(data[i] ?? {}).map((f) => [f, reg(i, f)])),
    value: (i, f) => data[i]?.[f],
  };
}
