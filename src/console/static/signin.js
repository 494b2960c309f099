// @ts-check
// The sign-in page.
import { api } from "./api.js";
import { el, field } from "./dom.js";
import { switchLang } from "./layout.js";
import { navigate } from "./nav.js";
import { pageAfterSignIn, sessionExpired } from "./resume.js";
import { cityLine, state, t } from "./state.js";

// ---------- pages ----------
export function signInPage() {
  const error = el("p", { class: "form-error", hidden: true, role: "alert" });
  const button = el("button", { class: "btn btn-primary btn-block", type: "submit" }, t("signIn"));
  return el(
    "main",
    { class: "signin" },
    el(
      "div",
      { class: "signin-panel" },
      el(
        "div",
        { class: "signin-brand" },
        el("img", { src: "/console/assets/favicon.svg", alt: "" }),
        el("div", {}, el("h1", {}, t("product")), el("p", {}, cityLine())),
      ),
      el(
        "form",
        {
          class: "signin-form",
          onsubmit: async (e) => {
            e.preventDefault();
            const form = new FormData(e.target);
            button.disabled = true;
            button.textContent = t("signingIn");
            error.hidden = true;
            try {
              const { staff } = await api("POST", "/api/session", {
                username: form.get("username"),
                password: form.get("password"),
              });
              state.me = staff;
              const home = staff.role === "handler" ? "/console/cases" : "/console/queue";
              navigate(pageAfterSignIn(staff.id) ?? home);
            } catch (err) {
              error.textContent = err.message;
              error.hidden = false;
              button.disabled = false;
              button.textContent = t("signIn");
            }
          },
        },
        sessionExpired()
          ? el("p", { class: "form-note", role: "status" }, t("sessionExpired"))
          : null,
        field(
          t("username"),
          el("input", {
            name: "username",
            class: "input",
            autocomplete: "username",
            required: true,
            autofocus: true,
          }),
        ),
        field(
          t("password"),
          el("input", {
            name: "password",
            type: "password",
            class: "input",
            autocomplete: "current-password",
            required: true,
          }),
        ),
        error,
        button,
      ),
      el(
        "p",
        { class: "signin-foot" },
        t("signInHint"),
        " · ",
        el("button", { class: "link", onclick: switchLang, type: "button" }, t("lang")),
      ),
    ),
  );
}
