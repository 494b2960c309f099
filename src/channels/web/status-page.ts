import type { NumberHolder } from "../../domain/holder-relations.ts";
import { RUNNING_CITIZEN_STATUSES } from "../../domain/intake/ports.ts";
import { MAX_PHOTOS } from "../../domain/intake/state.ts";
import { MAX_DESCRIPTION_LENGTH } from "../../domain/intake/text-quality.ts";
import { PHOTO_TYPES } from "../../photo-type.ts";
import type { StatusCaseDetail } from "../../storage/case-lookup.ts";
import type { CityNames, Locale } from "../../i18n/catalog.ts";
import {
  contactShownToReporter,
  formatCalendarDateAt,
  heldNumberNote,
  formatDate,
  formatDateTime,
} from "../../i18n/format.ts";
import { localeOfLanguageTag, t } from "../../i18n/t.ts";
import { pageBrand, webPageText, type StatusField, type WebPageText } from "../../i18n/web-page.ts";
import { ratingTexts } from "../../notifications/rating-messages.ts";
import type { Satisfaction } from "../../domain/lifecycle/case-status.ts";

/** The longest reason a citizen may type under a rating. */
export const MAX_REASON_LENGTH = 1000;

const SATISFACTIONS: readonly Satisfaction[] = ["satisfied", "basically_satisfied", "dissatisfied"];

/** What the status page shows below its form. */
export type StatusResult =
  | { readonly kind: "none" }
  | { readonly kind: "not_found" }
  /** A field left empty: nothing was looked up, and the form asks for it. */
  | { readonly kind: "missing"; readonly fields: readonly StatusField[] }
  | { readonly kind: "error"; readonly message: string }
  | {
      readonly kind: "found";
      readonly detail: StatusCaseDetail;
      readonly categoryName: string;
      /** The code the citizen typed: the rating and review forms carry it again. */
      readonly queryCode: string;
      /** The CSRF token of the rating and review forms. */
      readonly csrfToken: string;
      /** What became of the citizen's rating or review request, when they just sent one. */
      readonly flash?: { readonly text: string; readonly refused: boolean } | undefined;
      /** 我的诉求's page confirming the withdrawal of the reader's support (附议); absent elsewhere. */
      readonly withdrawSupportPath?: string | undefined;
      /** The words of an addition not taken (its photos refused, say), in its form again. */
      readonly supplementDraft?: string | undefined;
      /**
       * 我的诉求 signed in with the case's contact phone, which the reporter said is this
       * relative's or neighbour's: the reader holds the number, and is told whose case it is.
       */
      readonly heldNumber?: NumberHolder | undefined;
    };

export interface StatusPageView {
  readonly locale: Locale;
  readonly trackingNo: string;
  /** The code as typed, kept only when the form is sent back to be completed. */
  readonly queryCode?: string;
  readonly result: StatusResult;
  readonly service: PageService;
}

/** Whose pages these are: the city (title, header, footer) and its hotline (SERVICE_PHONE). */
export interface PageService {
  readonly city: CityNames;
  /** The hotline, one tap away in the footer; null: none. */
  readonly phone: string | null;
}

/** The status page: the form, and the case or "not found" under it. */
export function renderStatusPage(view: StatusPageView): string {
  const text = webPageText(view.locale);
  const answered = view.result.kind !== "none";
  const missing = view.result.kind === "missing" ? view.result.fields : [];
  const invalid = (name: StatusField) => (missing.includes(name) ? ' aria-invalid="true"' : "");
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
        ${field({
          name: "trackingNo",
          label: text.trackingNo,
          hint: text.trackingNoHint,
          attributes: `required autocomplete="off" autocapitalize="characters" spellcheck="false"
            maxlength="40" value="${esc(view.trackingNo)}"${invalid("trackingNo")}`,
        })}
        ${field({
          name: "queryCode",
          label: text.queryCode,
          hint: text.queryCodeHint,
          // Room for "724 504" (spaces are dropped when it is read): a six-character limit cut
          // a spaced code short, and a cut code counts as a wrong try.
          attributes: `required autocomplete="off" inputmode="numeric" maxlength="20" value="${esc(
            view.queryCode ?? "",
          )}"${invalid("queryCode")}`,
        })}
        <button type="submit" class="button primary">${esc(text.lookUp)}</button>
      </form>
    </section>`;
  return renderPage({
    locale: view.locale,
    title: text.statusHeading,
    active: "status",
    body,
    service: view.service,
  });
}

function renderResult(view: StatusPageView, text: WebPageText): string {
  const { result, locale } = view;
  switch (result.kind) {
    case "none":
      return "";
    case "not_found":
      return `<div class="alert" role="alert">${esc(text.notFound)}</div>`;
    case "missing":
      // Each missing field is named, and leads to its box.
      return `<div class="alert" role="alert">${result.fields
        .map((name) => `<p><a href="#${name}">${esc(text.missingField[name])}</a></p>`)
        .join("")}</div>`;
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
          )}</dd></div>${
            d.rating.reason
              ? `<div class="fact-rating-reason"><dt>${esc(text.yourRatingReason)}</dt><dd>${esc(d.rating.reason)}</dd></div>`
              : ""
          }`
        : "";
      const timeline = d.timeline
        .map(
          (entry) => `<li>
            <time datetime="${entry.at.toISOString()}">${esc(formatDateTime(locale, entry.at))}</time>
            <span>${esc(capitalised(t(locale, "timelineName", { kind: entry.kind })))}${esc(
              t(locale, "timelineWords", {
                detail: entry.detail ?? null,
                photos: entry.photos ?? 0,
              }),
            )}</span>
          </li>`,
        )
        .join("");
      const flash = result.flash
        ? `<div class="${result.flash.refused ? "alert" : "notice-ok"}" role="status">${esc(
            result.flash.text,
          )}</div>`
        : "";
      return `<section class="card result" aria-labelledby="result-heading">
        <h2 id="result-heading">${esc(d.trackingNo)}</h2>
        ${flash}
        ${renderSupported(result, text, locale)}
        ${result.heldNumber ? `<p class="held-number">${esc(heldNumberNote(locale, result.heldNumber))}</p>` : ""}
        <p class="status-badge status-${d.status}">${esc(text.statusNow)}${colon(locale)}${esc(
          d.underReview
            ? text.statusUnderReview[d.underReview]
            : capitalised(t(locale, "statusName", { status: d.status })),
        )}</p>
        <dl class="facts">
          <div><dt>${esc(text.category)}</dt><dd>${esc(result.categoryName)}</dd></div>
          <div><dt>${esc(text.submittedAt)}</dt><dd>${esc(formatDateTime(locale, d.submittedAt))}</dd></div>
          ${result.heldNumber ? "" : renderContact(d, text, locale)}
          ${rating}
        </dl>
        ${renderAnswer(d, text, locale)}
        ${
          next
            ? `<div class="next-step"><h3>${esc(text.nextHeading)}</h3><p>${esc(next)}</p></div>`
            : ""
        }
        ${d.options.mayRate ? renderRatingForm(view, result, text) : ""}
        ${renderReview(view, result, text)}
        ${renderDeadlines(d, text, locale)}
        <h3>${esc(text.timeline)}</h3>
        <ol class="timeline">${timeline}</ol>
        ${renderUrge(view, result, text)}
        ${renderSupplement(view, result, text)}
        ${renderWithdraw(view, result, text)}
      </section>`;
    }
  }
}

type Found = Extract<StatusResult, { kind: "found" }>;

/** Where updates go: the phone left with the case, masked, and whose it is. */
function renderContact(d: StatusCaseDetail, text: WebPageText, locale: Locale): string {
  if (!d.contact) return "";
  return `<div class="fact-contact"><dt>${esc(text.caseContact)}</dt><dd>${esc(
    contactShownToReporter(locale, d.contact),
  )}</dd></div>`;
}

/** Atop a case the reader joined (附议): whose it is not, and the way to withdraw the support. */
function renderSupported(result: Found, text: WebPageText, locale: Locale): string {
  if (!result.detail.supported) return "";
  const withdraw = result.withdrawSupportPath
    ? `<p><a class="button withdraw-support" href="${esc(result.withdrawSupportPath)}">${esc(
        t(locale, "withdrawButton", { supported: true }),
      )}</a></p>`
    : "";
  return `<p class="supported-case">${esc(text.supportedCase)}</p>${withdraw}`;
}

function renderAnswer(d: StatusCaseDetail, text: WebPageText, locale: Locale): string {
  if (!d.answer) return "";
  const stage = d.answer.reviewStage;
  const heading = stage === 0 ? text.answerHeading : text.reviewAnswerHeading[stage];
  return `<section class="answer" aria-labelledby="answer-heading">
    <h3 id="answer-heading">${esc(heading)}</h3>
    <p class="answer-meta">${esc(text.answeredAt)}${colon(locale)}<time datetime="${d.answer.at.toISOString()}">${esc(
      formatDateTime(locale, d.answer.at),
    )}</time></p>
    <div class="answer-text">${paragraphs(d.answer.text)}</div>
    ${renderTranslation(d.answer.translation, text, locale)}
    ${renderPromise(d.answer.promisedBy, text, locale)}
    ${renderUnitPhotos(d.answer.photoUrls, text)}
  </section>`;
}

/** A text's lines as paragraphs, escaped, phone numbers one tap away. */
function paragraphs(text: string): string {
  return text
    .split(/\n+/)
    .map((line) => `<p>${withCallLinks(line)}</p>`)
    .join("");
}

/** The answer's machine translation under the original, labelled as one; nothing without it. */
function renderTranslation(translation: string | undefined, text: WebPageText, locale: Locale) {
  if (translation === undefined) return "";
  return `<div class="answer-translation" lang="${locale}">
      <p class="answer-meta">${esc(text.answerTranslationHeading)}</p>
      <div class="answer-text">${paragraphs(translation)}</div>
    </div>`;
}

/**
 * Emergency numbers, the hotline, mobiles and landlines with their area code: a phone number in
 * a unit's answer ("请拨打 0394-4321000") is one tap away. The web chat's CODE_PATTERN
 * (src/web/static/chat.js) is its twin; a tracking number's digits (ZK-20261204-0001) are none,
 * nor a short number that counts ("第110条", "120元", "119.5", "110户").
 */
const CALLABLE_NUMBER =
  /(?<![\d.-]|第)(?:(?:1(?:10|19|20|22)|12345)(?![.%条项号款元米个户人次天年月日岁页名位件栋楼室层万千百])|1[3-9]\d{9}|0\d{2,3}-?\d{7,8})(?![\d-])/gu;

/** A line of text, escaped, with its phone numbers as tel: links. */
function withCallLinks(line: string): string {
  let html = "";
  let last = 0;
  for (const match of line.matchAll(CALLABLE_NUMBER)) {
    const number = match[0];
    html += esc(line.slice(last, match.index)) + telLink(number);
    last = match.index + number.length;
  }
  return html + esc(line.slice(last));
}

/** The day the answer promised to have it done by (承诺办结日期), when it gave one. */
function renderPromise(day: string | null, text: WebPageText, locale: Locale): string {
  if (day === null) return "";
  return `<p class="answer-meta">${esc(text.promisedBy)}${colon(locale)}<time datetime="${day}">${esc(
    formatCalendarDateAt(locale, day, "day"),
  )}</time></p>`;
}

/** The photos the unit sent with its answer, each opening full size. */
function renderUnitPhotos(urls: readonly string[], text: WebPageText): string {
  if (urls.length === 0) return "";
  const photos = urls
    .map(
      (url, index) =>
        `<a href="${esc(url)}" target="_blank" rel="noopener"><img src="${esc(url)}" alt="${esc(
          `${text.unitPhoto} ${index + 1}`,
        )}" loading="lazy"></a>`,
    )
    .join("");
  return `<div class="unit-photos">${photos}</div>`;
}

/** The fields every rating and review form carries: the case's number and code, the language, the token. */
function caseFields(view: StatusPageView, result: Found): string {
  return `<input type="hidden" name="trackingNo" value="${esc(result.detail.trackingNo)}">
    <input type="hidden" name="queryCode" value="${esc(result.queryCode)}">
    <input type="hidden" name="lang" value="${view.locale}">
    <input type="hidden" name="_csrf" value="${esc(result.csrfToken)}">`;
}

function renderRatingForm(view: StatusPageView, result: Found, text: WebPageText): string {
  const r = ratingTexts(view.locale);
  const radio = (name: string, value: string, label: string) =>
    `<label class="rating-choice"><input type="radio" name="${name}" value="${value}" required> <span>${esc(label)}</span></label>`;
  return `<form class="status-action rating-form" method="post" action="/status/rate" aria-labelledby="rate-heading">
    <h3 id="rate-heading">${esc(text.rateHeading)}</h3>
    ${caseFields(view, result)}
    <fieldset><legend>${esc(text.solvedQuestion[result.detail.requestKind])}</legend>
      ${radio("solved", "yes", r.solved)}${radio("solved", "no", r.unsolved)}
    </fieldset>
    <fieldset><legend>${esc(text.satisfactionQuestion)}</legend>
      ${SATISFACTIONS.map((s) => radio("satisfaction", s, r.satisfaction[s])).join("")}
    </fieldset>
    ${field({
      name: "reason",
      label: text.reasonLabel,
      hint: text.reasonHint,
      attributes: `rows="3" maxlength="${MAX_REASON_LENGTH}"`,
      textarea: true,
    })}
    <button type="submit" class="button primary">${esc(text.rateSubmit)}</button>
  </form>`;
}

function renderReview(view: StatusPageView, result: Found, text: WebPageText): string {
  const d = result.detail;
  const offer = d.options.review;
  if (d.supported) return "";
  if (!offer) {
    const closed =
      d.answer !== null &&
      d.answer.reviewStage < 2 &&
      (d.status === "answered" || d.status === "closed");
    return closed ? `<p class="review-closed">${esc(text.reviewClosed)}</p>` : "";
  }
  return `<form class="status-action review-form" method="post" action="/status/review" aria-labelledby="review-heading">
    <h3 id="review-heading">${esc(text.reviewHeading[offer.stage])}</h3>
    ${caseFields(view, result)}
    <p>${esc(text.reviewIntro[offer.stage].replace("{date}", formatDate(view.locale, offer.until)))}</p>
    <button type="submit" class="button">${esc(text.reviewSubmit[offer.stage])}</button>
  </form>`;
}

/** The case still runs and the reader is its petitioner, not a supporter: they may add or withdraw. */
export function petitionerMayAct(d: StatusCaseDetail): boolean {
  return !d.supported && RUNNING_CITIZEN_STATUSES.includes(d.status);
}

/**
 * While the case is being decided on or handled, its citizen may add to it (补充) — the same
 * cases and the same proof (the query code, or the signed-in phone standing for it) as a
 * withdrawal; never a supporter.
 */
function renderSupplement(view: StatusPageView, result: Found, text: WebPageText): string {
  if (!petitionerMayAct(result.detail)) return "";
  // Multipart, for the photos; the words come before them, so photos refused leave the words.
  return `<form class="status-action supplement-form" method="post" action="/status/supplement" enctype="multipart/form-data" aria-labelledby="supplement-heading">
    <h3 id="supplement-heading">${esc(text.supplementHeading)}</h3>
    ${caseFields(view, result)}
    <p>${esc(text.supplementIntro)}</p>
    ${field({
      name: "text",
      label: text.supplementLabel,
      hint: text.supplementHint,
      // Not required: photos alone are an addition too (the words or photos are checked on post).
      attributes: `rows="3" maxlength="${MAX_DESCRIPTION_LENGTH}"`,
      textarea: true,
      value: result.supplementDraft,
    })}
    ${field({
      name: "photos",
      label: text.supplementPhotosLabel.replace("{max}", String(MAX_PHOTOS)),
      hint: text.supplementPhotosHint,
      attributes: `type="file" multiple accept="${PHOTO_TYPES.join(",")}"`,
    })}
    <button type="submit" class="button">${esc(text.supplementSubmit)}</button>
  </form>`;
}

/**
 * 催办 while the case runs where the lifecycle takes an urge (options.mayUrge; never offered to
 * a supporter, whose options allow nothing): a button, no words — words go in 补充情况.
 */
function renderUrge(view: StatusPageView, result: Found, text: WebPageText): string {
  if (!result.detail.options.mayUrge) return "";
  return `<form class="status-action urge-form" method="post" action="/status/urge" aria-labelledby="urge-heading">
    <h3 id="urge-heading">${esc(text.urgeHeading)}</h3>
    ${caseFields(view, result)}
    <p>${esc(text.urgeIntro)}</p>
    <button type="submit" class="button">${esc(text.urgeSubmit)}</button>
  </form>`;
}

/** While the case is being decided on or handled, its citizen may withdraw it (never a supporter). */
function renderWithdraw(view: StatusPageView, result: Found, text: WebPageText): string {
  if (!petitionerMayAct(result.detail)) return "";
  return `<form class="status-action withdraw-form" method="post" action="/status/withdraw" aria-labelledby="withdraw-heading">
    <h3 id="withdraw-heading">${esc(text.withdrawHeading)}</h3>
    ${caseFields(view, result)}
    <p>${esc(text.withdrawIntro)}</p>
    <label class="withdraw-confirm"><input type="checkbox" name="confirm" value="yes" required> <span>${esc(text.withdrawConfirm)}</span></label>
    <button type="submit" class="button">${esc(text.withdrawSubmit)}</button>
  </form>`;
}

function renderDeadlines(d: StatusCaseDetail, text: WebPageText, locale: Locale): string {
  // Only the deadlines still running: a met one is in the timeline.
  const handling = d.status === "accepted" || d.status === "in_progress";
  const rows: [string, Date | null][] = [
    [text.acceptanceDue, d.status === "received" ? d.acceptanceDueAt : null],
    [text.handlingDue, handling && !d.underReview ? d.answerDueAt : null],
    [text.reviewAnswerDue, d.underReview ? d.answerDueAt : null],
    [text.reviewWindow, d.options.review ? d.options.reviewWindowEndsAt : null],
  ];
  const shown = rows.filter((row): row is [string, Date] => row[1] !== null);
  if (shown.length === 0) return "";
  return `<h3>${esc(text.deadlinesHeading)}</h3>
    <dl class="deadlines">${shown
      .map(
        ([label, at]) =>
          `<div><dt>${esc(label)}</dt><dd><time datetime="${at.toISOString()}">${esc(
            formatDate(locale, at),
          )}</time></dd></div>`,
      )
      .join("")}</dl>`;
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
      return on(
        d.underReview ? text.nextReviewAnswer[d.underReview] : text.nextAnswer,
        d.answerDueAt,
      );
    case "answered":
      if (!d.options.mayRate) return null;
      return d.options.review ? text.nextRateOrReview[d.options.review.stage] : text.nextRate;
    default:
      return null;
  }
}

/** A page's path in the reader's language: English pages carry `?lang=en`, Chinese ones nothing. */
export function localePath(path: string, locale: Locale): string {
  return locale === "en" ? `${path}?lang=en` : path;
}

/**
 * The language of a page reached without a form: `?lang=en`, else English for a browser that
 * asks for it first, else Chinese.
 */
export function requestedLocale(request: {
  readonly query: unknown;
  readonly headers: { readonly "accept-language"?: string | undefined };
}): Locale {
  const lang = (request.query as { lang?: unknown } | undefined)?.lang;
  if (lang === "en" || lang === "zh") return lang;
  return localeOfLanguageTag(request.headers["accept-language"]);
}

/** The frame every server-rendered web page shares with the chat page. */
export function renderPage(page: {
  locale: Locale;
  title: string;
  active: "chat" | "status" | "my" | null;
  body: string;
  service: PageService;
}): string {
  const text = { ...webPageText(page.locale), ...pageBrand(page.locale, page.service.city) };
  const other: Locale = page.locale === "zh" ? "en" : "zh";
  const here = page.active === "chat" ? "/" : page.active === "my" ? "/my" : "/status";
  const current = (name: "chat" | "status" | "my") =>
    page.active === name ? ' aria-current="page"' : "";
  return `<!doctype html>
<html lang="${page.locale === "zh" ? "zh-CN" : "en"}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${esc(page.title)} · ${esc(text.serviceName)}</title>
<link rel="icon" href="/static/favicon.svg" type="image/svg+xml">
<link rel="stylesheet" href="/static/styles.css">
<script src="/static/text-size.js"></script>
</head>
<body class="page-${page.active ?? "plain"}">
<a class="skip-link" href="#main">${esc(text.skipToContent)}</a>
<header class="site-header">
  <div class="site-header-inner">
    <a class="brand" href="${localePath("/", page.locale)}">
      <span class="brand-mark" aria-hidden="true">12345</span>
      <span class="brand-text"><span class="brand-name">${esc(text.serviceName)}</span>
      <span class="brand-tagline">${esc(text.serviceTagline)}</span></span>
    </a>
    <span class="header-switches">
      <button type="button" class="text-size-switch" aria-pressed="false" hidden>${esc(text.largeText)}</button>
      <a class="lang-switch" href="${here}?lang=${other}" lang="${other === "zh" ? "zh-CN" : "en"}">${esc(text.otherLanguage)}</a>
    </span>
  </div>
  <nav class="site-nav" aria-label="${esc(text.mainNav)}">
    <a href="${localePath("/", page.locale)}"${current("chat")}>${esc(text.navChat)}</a>
    <a href="${localePath("/status", page.locale)}"${current("status")}>${esc(text.navStatus)}</a>
    <a href="${localePath("/my", page.locale)}"${current("my")}>${esc(text.navMyCases)}</a>
  </nav>
</header>
<main id="main" class="page-main">
${page.body}
</main>
<footer class="site-footer"><p>${esc(text.emergency)}</p>${hotlineLine(page.service.phone, page.locale)}<p>${esc(text.footer)}</p></footer>
</body>
</html>`;
}

/**
 * The footer's line of the hotline, a tel: link after its label; nothing without one. The chat
 * page's label is marked for its script to put in the session's language (`data-text`).
 */
export function hotlineLine(
  phone: string | null,
  locale: Locale,
  label: "fixed" | "translatedByScript" = "fixed",
): string {
  if (phone === null) return "";
  const words = esc(webPageText(locale).hotline);
  const shown = label === "fixed" ? words : `<span data-text="hotline">${words}</span>`;
  return `<p>${shown}${telLink(phone)}</p>`;
}

/** A phone number one tap away. */
function telLink(phone: string): string {
  return `<a class="tel" href="tel:${esc(phone)}">${esc(phone)}</a>`;
}

/** The page of an address that has none, with the ways on: the chat and the status page. */
export function renderNotFoundPage(locale: Locale, service: PageService): string {
  const text = webPageText(locale);
  return renderPage({
    locale,
    title: text.notFoundHeading,
    active: null,
    service,
    body: `<h1 class="page-title">${esc(text.notFoundHeading)}</h1>
    <p class="lead">${esc(text.notFoundBody)}</p>
    <p><a class="button" href="${localePath("/", locale)}">${esc(text.navChat)}</a>
    <a class="button" href="${localePath("/status", locale)}">${esc(text.navStatus)}</a></p>`,
  });
}

function colon(locale: Locale): string {
  return locale === "zh" ? "：" : ": ";
}

function capitalised(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}

/**
 * A form field: its label, the control (an input, or a textarea) with `attributes`, and a hint
 * the control is described by (a screen reader reads it after the label).
 */
export function field(f: {
  name: string;
  label: string;
  hint: string;
  attributes: string;
  textarea?: boolean;
  /** A textarea's words as the citizen left them. */
  value?: string | undefined;
}): string {
  const control = `id="${f.name}" name="${f.name}" ${f.attributes} aria-describedby="${f.name}-hint"`;
  return `<div class="field">
      <label for="${f.name}">${esc(f.label)}</label>
      ${f.textarea ? `<textarea ${control}>${esc(f.value ?? "")}</textarea>` : `<input ${control}>`}
      <p class="hint" id="${f.name}-hint">${esc(f.hint)}</p>
    </div>`;
}

/** Escapes text for HTML content and double-quoted attributes. */
export function esc(text: string): string {
  return text
    .replaceAll("&", "&amp;")
    .replaceAll("<", "&lt;")
    .replaceAll(">", "&gt;")
    .replaceAll('"', "&quot;")
    .replaceAll("'", "&#39;");
}
