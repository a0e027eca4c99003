// Entry point: routes `/` to the home page and `/join/<workshop>#token=…&board=…` to the join
// page and workshop view. The token stays in the fragment, so it never reaches a server log.
import "./styles.css";
import { renderHome } from "./home";
import { renderPersonPage } from "./indicators/person-page";
import { getLang } from "./i18n";
import { renderJoin } from "./join";
import { parseJoinRoute } from "./routes";

document.documentElement.lang = getLang();
const app = document.getElementById("app")!;
const route = parseJoinRoute(location.pathname, location.hash);
if (route) renderJoin(app, route);
else if (!renderPersonPage(app)) renderHome(app);

// Another link pasted into this tab may differ only in its fragment (another role's token):
// the browser then does not load the page again, so start over with the new token.
window.addEventListener("hashchange", () => {
  const next = parseJoinRoute(location.pathname, location.hash);
  if (next && next.token !== route?.token) location.reload();
});
