// @ts-check
// The router: which page a path shows.
import { adminPage } from "./admin.js";
import { api } from "./api.js";
import { casePage } from "./case-page.js";
import { casesPage } from "./cases.js";
import { dashboardPage } from "./dashboard.js";
import { hotSpotsPage } from "./hot-spots.js";
import { empty, layout } from "./layout.js";
import { mapPage } from "./map.js";
import { queuePage } from "./queue.js";
import { registerPage } from "./register.js";
import { navigate, onRender } from "./nav.js";
import { keepPageForSignIn } from "./resume.js";
import { signInPage } from "./signin.js";
import { signedIn, state, t } from "./state.js";

const root = /** @type {HTMLElement} */ (document.getElementById("app"));
document.addEventListener("click", (e) => {
  const a = /** @type {Element} */ (e.target).closest("a[data-link]");
  if (!a || e.metaKey || e.ctrlKey || e.shiftKey || e.button !== 0) return;
  e.preventDefault();
  e.stopPropagation();
  navigate(a.getAttribute("href") ?? "/console");
});
window.addEventListener("popstate", () => render());

let renderId = 0;
/** Renders the page of the current path (signing in first when nobody is). */
async function render() {
  const id = ++renderId;
  document.documentElement.lang = state.lang === "zh" ? "zh-CN" : "en";
  document.title = t("product");
  const path = location.pathname.replace(/\/+$/, "") || "/console";
  if (!state.me) {
    try {
      state.me = (await api("GET", "/api/session")).staff;
    } catch {
      state.me = null;
    }
  }
  if (!state.me) {
    keepPageForSignIn();
    if (path !== "/console/sign-in") history.replaceState(null, "", "/console/sign-in");
    root.className = "";
    root.replaceChildren(signInPage());
    return;
  }
  if (!state.ref) state.ref = await api("GET", "/api/reference");
  const home = signedIn().role === "handler" ? "/console/cases" : "/console/queue";
  if (path === "/console" || path === "/console/sign-in") {
    history.replaceState(null, "", home);
    return render();
  }
  root.classList.add("loading");
  try {
    let page;
    const match = path.match(/^\/console\/cases\/([^/]+)$/);
    if (path === "/console/queue") page = await queuePage();
    else if (path === "/console/cases") page = await casesPage();
    else if (match) page = await casePage(decodeURIComponent(match[1]));
    else if (path === "/console/map") page = await mapPage();
    else if (path === "/console/dashboard") page = await dashboardPage();
    else if (path === "/console/admin") page = await adminPage();
    else if (path === "/console/hot-spots") page = await hotSpotsPage();
    else if (path === "/console/register") page = await registerPage();
    else page = layout("", t("notFound"), null, [], empty(t("notFound")));
    if (id !== renderId) return;
    root.className = "";
    root.replaceChildren(page);
    // On a phone the nav is one scrolling row: the current page's item is kept in sight.
    root.querySelector(".nav-item.active")?.scrollIntoView({ block: "nearest", inline: "nearest" });
    window.scrollTo(0, 0);
  } catch (err) {
    if (id !== renderId || err.status === 401) return;
    root.className = "";
    root.replaceChildren(
      layout(
        "",
        err.status === 404
          ? t("notFound")
          : err.status === 403
            ? t("forbiddenPage")
            : err.status === 0
              ? t("networkError")
              : t("pageFailed"),
        null,
        [],
        empty(err.message),
      ),
    );
  }
}

onRender(render);
