// The real template documents, so tests check the geometry the boards actually use.
import checkIn from "../../../templates-library/templates/check-in.json";
import circle from "../../../templates-library/templates/circle-of-influence.json";
import health from "../../../templates-library/templates/health-matrix.json";
import priority from "../../../templates-library/templates/priority-actions.json";
import smart from "../../../templates-library/templates/smart-goals.json";
import threeB from "../../../templates-library/templates/three-b.json";
import windroos from "../../../templates-library/templates/windroos.json";
import type { Template, Zone } from "../../src/ui/template";

export const templates = {
  checkIn: checkIn as unknown as Template,
  circle: circle as unknown as Template,
  health: health as unknown as Template,
  priority: priority as unknown as Template,
  smart: smart as unknown as Template,
  threeB: threeB as unknown as Template,
  windroos: windroos as unknown as Template,
};

export function zone(tpl: Template, id: string): Zone {
  const z = tpl.zones.find((x) => x.id === id);
  if (!z) throw new Error(`no zone ${id} in ${tpl.id}`);
  return z;
}
