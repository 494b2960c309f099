import type { StatusCaseDetail } from "../../storage/case-lookup.ts";
import type { Locale } from "../../i18n/catalog.ts";
import { formatDate, formatDateTime } from "../../i18n/format.ts";
import { t } from "../../i18n/t.ts";
import { webPageText, type WebPageText } from "../../i18n/web-page.ts";
import { ratingTexts } from "../../notifications/rating-messages.ts";

/** What the status page shows below its form. */
export type StatusResult =
  | { readonly kind: "none" }
  | { readonly kind: "not_found" }
  | { readonly kind: "error"; readonly message: string }
  | { readonly kind: "found"; readonly detail: StatusCaseDetail; readonly categoryName: string };

export interface StatusPageView {
  readonly locale: Locale;
  readonly trackingNo: string;
  readonly result: StatusResult;
}

/** The status page: the form, and the case or "not found" under it. */
export function renderStatusPage(view: StatusPageView): string {
  const text = webPageText(view.locale);
  const answered = view.result.kind !== "none";
  // The answer comes first, where a phone shows it without scrolling; the form follows.
  const body = `
    <h1 class="page-title">${esc(text.statusHeading)}</h1>
    ${renderResult(view, text)}
    <section class="card" aria-labelledby="form-heading">
      <h2 id="form-heading" class="${answered ? "" : "visually-hidden"}">${esc(
        answered ? text.lookUpAnother : text.statusHeading,
      )}</h2>
      <p class="lead">${esc(text.statusIntro)}</p>
      <form class="status-form" method="post" action="/status" novalidate>
        <input type="hidden" name="lang" value="${view.locale}">
        <div class="field">
          <label for="trackingNo">${esc(text.trackingNo)}</label>
          <input id="trackingNo" name="trackingNo" required autocomplete="off" autocapitalize="characters"
            spellcheck="false" maxlength="40" value="${esc(view.trackingNo)}" aria-describedby="trackingNo-hint">
          <p class="hint" id="trackingNo-hint">${esc(text.trackingNoHint)}</p>
        </div>
        <div class="field">
          <label for="queryCode">${esc(text.queryCode)}</label>
          <input id="queryCode" name="queryCode" required autocomplete="off" inputmode="numeric"
            pattern="[0-9]*" maxlength="6" aria-describedby="queryCode-hint">
          <p class="hint" id="queryCode-hint">${esc(text.queryCodeHint)}</p>
        </div>
        <button type="submit" class="button primary">${esc(text.lookUp)}</button>
      </form>
    </section>`;
  return renderPage({ locale: view.locale, title: text.statusHeading, active: "status", body });
}

function renderResult(view: StatusPageView, text: WebPageText): string {
  const { result, locale } = view;
  switch (result.kind) {
    case "none":
      return "";
    case "not_found":
      return `<div class="alert" role="alert">${esc(text.notFound)}</div>`;
    case "error":
      return `<div class="alert" role="alert">${esc(result.message)}</div>`;
    case "found": {
      const d = result.detail;
      const next = nextStepOf(d, text, locale);
      const r = ratingTexts(locale);
      const rating = d.rating
        ? `<div class="fact-rating"><dt>${esc(text.yourRating)}</dt><dd>${esc(
            `${d.rating.solved ? r.solved : r.unsolved}${locale === "zh" ? "，" : ", "}${
              r.satisfaction[d.rating.satisfaction]
            }`,
          )}</dd></div>`
        : "";
      const timeline = d.timeline
        .map(
          (entry) => `<li>
            <time datetime="${entry.at.toISOString()}">${esc(formatDateTime(locale, entry.at))}</time>
            <span>${esc(capitalised(t(locale, "timelineName", { kind: entry.kind })))}${
              entry.detail ? `${colon(locale)}${esc(entry.detail)}` : ""
            }</span>
          </li>`,
        )
        .join("");
      return `<section class="card result" aria-labelledby="result-heading">
        <h2 id="result-heading">${esc(d.trackingNo)}</h2>
        <p class="status-badge status-${d.status}">${esc(text.statusNow)}${colon(locale)}${esc(
          capitalised(t(locale, "statusName", { status: d.status })),
        )}</p>
        <dl class="facts">
          <div><dt>${esc(text.category)}</dt><dd>${esc(result.categoryName)}</dd></div>
          <div><dt>${esc(text.submittedAt)}</dt><dd>${esc(formatDateTime(locale, d.submittedAt))}</dd></div>
          ${rating}
        </dl>
        ${
          next
            ? `<div class="next-step"><h3>${esc(text.nextHeading)}</h3><p>${esc(next)}</p></div>`
            : ""
        }
        <h3>${esc(text.timeline)}</h3>
        <ol class="timeline">${timeline}</ol>
      </section>`;
    }
  }
}

/** What the citizen waits for now, and by when; null when nothing more is due. */
function nextStepOf(d: StatusCaseDetail, text: WebPageText, locale: Locale): string | null {
  const on = (template: string, date: Date) => template.replace("{date}", formatDate(locale, date));
  switch (d.status) {
    case "received":
      return d.acceptanceDueAt ? on(text.nextDecision, d.acceptanceDueAt) : null;
    case "accepted":
    case "in_progress":
      if (!d.answerDueAt) return null;
      return on(d.underReview ? text.nextReviewAnswer : text.nextAnswer, d.answerDueAt);
    case "answered":
      return d.rating ? null : text.nextRate;
    default:
      return null;
  }
}

/** The frame every server-rendered web page shares with the chat page. */
function renderPage(page: {
  locale: Locale;
  title: string;
  active: "chat" | "status" | null;
  body: string;
}): string {
  const text = webPageText(page.locale);
  const other: Locale = page.locale === "zh" ? "en" : "zh";
  const here = page.active === "chat" ? "/" : "/status";
  const current = (name: "chat" | "status") => (page.active === name ? ' aria-current="page"' : "");
  return `<!doctype html>
<html lang="${page.locale === "zh" ? "zh-CN" : "en"}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${esc(page.title)} · ${esc(text.serviceName)}</title>
<link rel="icon" href="/static/favicon.svg" type="image/svg+xml">
<link rel="stylesheet" href="/static/styles.css">
</head>
<body class="page-${page.active ?? "plain"}">
<a class="skip-link" href="#main">${esc(text.skipToContent)}</a>
<header class="site-header">
  <div class="site-header-inner">
    <a class="brand" href="/${page.locale === "en" ? "?lang=en" : ""}">
      <span class="brand-mark" aria-hidden="true">12345</span>
      <span class="brand-text"><span class="brand-name">${esc(text.serviceName)}</span>
      <span class="brand-tagline">${esc(text.serviceTagline)}</span></span>
    </a>
    <a class="lang-switch" href="${here}?lang=${other}" lang="${other === "zh" ? "zh-CN" : "en"}">${esc(text.otherLanguage)}</a>
  </div>
  <nav class="site-nav" aria-label="${esc(text.mainNav)}">
    <a href="/${page.locale === "en" ? "?lang=en" : ""}"${current("chat")}>${esc(text.navChat)}</a>
    <a href="/status${page.locale === "en" ? "?lang=en" : ""}"${current("status")}>${esc(text.navStatus)}</a>
  </nav>
</header>
<main id="main" class="page-main">
${page.body}
</main>
<footer class="site-footer"><p>${esc(text.emergency)}</p><p>${esc(text.footer)}</p></footer>
</body>
</html>`;
}

function colon(locale: Locale): string {
  return locale === "zh" ? "：" : ": ";
}

function capitalised(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}

/** Escapes text for HTML content and double-quoted attributes. */
function esc(text: string): string {
  return text
    .replaceAll("&", "&amp;")
    .replaceAll("<", "&lt;")
    .replaceAll(">", "&gt;")
    .replaceAll('"', "&quot;")
    .replaceAll("'", "&#39;");
}
