// The personal page /me/<id>#key=<key> (IND-1): the same person from another device or a later
// session. The key moves from the fragment into this browser's storage and out of the address bar.
import { renderShell } from "../shell";
import { mountMyData } from "./my-data";
import { keyOfPerson, parsePersonRoute, rememberPerson } from "./person-store";
import { h } from "../dom";
import { ti } from "./i18n";

export function renderPersonPage(app: HTMLElement): boolean {
  const route = parsePersonRoute(location.pathname, location.hash);
  if (!route) return false;
  const { main } = renderShell(app, { langInHeader: true });
  if (route.key) rememberPerson(null, { person: route.person, key: route.key });
  const key = route.key ?? keyOfPerson(route.person);
  const privacyOpen = location.hash.includes("privacy");
  history.replaceState(null, "", location.pathname + (privacyOpen ? "#privacy" : ""));
  document.title = `${ti("myDataTitle")} · Samenbord`;
  if (!key) {
    main.replaceChildren(h("p", { role: "alert", class: "indicator-page" }, ti("personLost")));
    return true;
  }
  mountMyData(main, { workshop: null, person: { person: route.person, key }, importId: route.importId, privacyOpen });
  // The page's level-one heading (axe page-has-heading-one), above My data's h2 and its h3s.
  main.prepend(h("h1", { class: "visually-hidden" }, "Samenbord"));
  return true;
}
