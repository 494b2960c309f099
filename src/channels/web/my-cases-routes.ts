/**
 * 我的诉求 (/my): a citizen signs in with their mobile number and a one-time SMS code, and sees
 * the cases filed with that number in any channel; each opens as on the status page, without
 * the query code (the signed-in phone is the proof). A running case the phone's citizen joined
 * (附议) offers withdrawing that support, in the list and on its page, as the chat does, after a
 * confirming page. Registered
 * inside the web channel's scope: its cookie, CSRF, rate-limit plugins and error page apply.
 */
import type { FastifyInstance, FastifyPluginAsync, FastifyReply, FastifyRequest } from "fastify";
import { z } from "zod";
import type { Directory } from "../../domain/directory.ts";
import {
  RUNNING_CITIZEN_STATUSES,
  type CitizenCaseSummary,
  type Withdrawals,
} from "../../domain/intake/ports.ts";
import { maskedPhone } from "../../domain/masked-phone.ts";
import { normaliseTrackingNo } from "../../domain/intake/text-quality.ts";
import { categoryName } from "../../domain/intake/prompts.ts";
import type { Locale } from "../../i18n/catalog.ts";
import { formatDateTime } from "../../i18n/format.ts";
import { myCasesPageText, type MyCasesPageText } from "../../i18n/my-cases-page.ts";
import { t } from "../../i18n/t.ts";
import { webPageText } from "../../i18n/web-page.ts";
import type { Logger } from "../../logging/logger.ts";
import type { CaseLookup } from "../../storage/case-lookup.ts";
import type { PhoneCaseSummary, PhoneSignInStore } from "../../storage/phone-sign-in-store.ts";
import type { PhoneSignIn } from "./phone-sign-in.ts";
import {
  esc,
  field,
  localePath,
  renderPage,
  renderStatusPage,
  type PageService,
} from "./status-page.ts";

/** The cookie of a phone sign-in (sealed: see phone-sign-in.ts). */
export const MY_CASES_COOKIE = "zk_my";

/** At most this many cases are listed (the newest). */
const LISTED_CASES = 100;

export interface MyCasesDeps {
  readonly signIn: PhoneSignIn;
  readonly store: PhoneSignInStore;
  readonly cases: CaseLookup;
  /** A citizen ref's support of a case withdrawn (撤回附议), as the chat withdraws it. */
  readonly withdrawSupport: Withdrawals["withdrawSupport"];
  readonly directory: Directory;
  /** Whose pages these are: the city, and the hotline shown in the footer. */
  readonly service: PageService;
  /** False without an SMS provider: the page says sign-in is not available. */
  readonly available: boolean;
  readonly codeMinutes: number;
  /** Code requests per client address per hour. */
  readonly codesPerAddressPerHour: number;
  /** Code tries and case views per client address per minute. */
  readonly triesPerAddressPerMinute: number;
  readonly secureCookies: boolean;
  readonly clock: { now(): Date };
  readonly logger: Logger;
}

const Lang = z.enum(["zh", "en"]).catch("zh").default("zh");
const LangQuerySchema = z.object({ lang: Lang });
const PhoneFormSchema = z.object({ phone: z.string().max(40).catch("").default(""), lang: Lang });
const CodeFormSchema = PhoneFormSchema.extend({
  code: z
    .string()
    .max(40)
    .transform((code) => code.normalize("NFKC").replace(/\s+/g, ""))
    .catch("")
    .default(""),
});
const CaseParamsSchema = z.object({
  no: z.string().max(60).transform(normaliseTrackingNo).catch(""),
});

/** A case the phone's citizen joined that still runs: its support may be withdrawn. */
function mayWithdrawSupport(c: Pick<CitizenCaseSummary, "supported" | "status">): boolean {
  return c.supported && RUNNING_CITIZEN_STATUSES.includes(c.status);
}

/** The confirming page of withdrawing support of `trackingNo` (the form posts to the same path). */
function withdrawPath(trackingNo: string, locale: Locale): string {
  return localePath(`/my/cases/${encodeURIComponent(trackingNo)}/withdraw-support`, locale);
}

export function createMyCasesRoutes(deps: MyCasesDeps): FastifyPluginAsync {
  const { signIn, clock } = deps;
  const cookieOptions = {
    path: "/",
    httpOnly: true,
    sameSite: "lax" as const,
    secure: deps.secureCookies,
  };

  function signedIn(request: FastifyRequest): string | null {
    return signIn.open(request.cookies[MY_CASES_COOKIE], clock.now());
  }

  function send(reply: FastifyReply, locale: Locale, body: string, status = 200) {
    const title = myCasesPageText(locale).heading;
    return reply
      .code(status)
      .type("text/html; charset=utf-8")
      .header("cache-control", "no-store")
      .send(renderPage({ locale, title, active: "my", body, service }));
  }

  /** A case the phone's citizen joined, as the status page shows it to a supporter. */
  async function supportedCase(phone: string, no: string, locale: Locale) {
    const supportedAt = no ? await deps.store.supportedAt(phone, no) : null;
    const detail = supportedAt
      ? await deps.cases.forSupporter(no, supportedAt, clock.now(), locale)
      : null;
    return detail ? ({ kind: "found", detail } as const) : ({ kind: "not_found" } as const);
  }

  /** The sign-in form again, with why: the sign-in expired (or never was). */
  function expired(reply: FastifyReply, locale: Locale) {
    const text = myCasesPageText(locale);
    return send(reply, locale, phoneForm(locale, reply.generateCsrf(), "", text.expired), 401);
  }

  const alert = (message: string) => `<div class="alert" role="alert">${esc(message)}</div>`;

  function phoneForm(locale: Locale, csrfToken: string, phone = "", problem?: string): string {
    const text = myCasesPageText(locale);
    if (!deps.available) {
      return `<h1 class="page-title">${esc(text.heading)}</h1>
        <section class="card"><p class="lead">${esc(text.unavailable)}</p>
        <a class="button primary" href="${localePath("/status", locale)}">${esc(
          webPageText(locale).navStatus,
        )}</a></section>`;
    }
    return `<h1 class="page-title">${esc(text.heading)}</h1>
      ${problem ? alert(problem) : ""}
      <section class="card">
        <p class="lead">${esc(text.intro)}</p>
        <form class="my-phone-form" method="post" action="/my/code" novalidate>
          <input type="hidden" name="lang" value="${locale}">
          <input type="hidden" name="_csrf" value="${esc(csrfToken)}">
          ${field({
            name: "phone",
            label: text.phoneLabel,
            hint: text.phoneHint,
            attributes: `type="tel" required autocomplete="tel" inputmode="tel" maxlength="20"
              value="${esc(phone)}"`,
          })}
          <button type="submit" class="button primary">${esc(text.requestCode)}</button>
        </form>
      </section>`;
  }

  function codeForm(locale: Locale, csrfToken: string, phone: string, problem?: string): string {
    const text = myCasesPageText(locale);
    const sent = text.codeSent
      .replace("{phone}", maskedPhone(phone))
      .replace("{minutes}", String(deps.codeMinutes));
    return `<h1 class="page-title">${esc(text.heading)}</h1>
      ${problem ? alert(problem) : `<div class="notice-ok" role="status">${esc(sent)}</div>`}
      <section class="card">
        <form class="my-code-form" method="post" action="/my/verify" novalidate>
          <input type="hidden" name="lang" value="${locale}">
          <input type="hidden" name="phone" value="${esc(phone)}">
          <input type="hidden" name="_csrf" value="${esc(csrfToken)}">
          ${field({
            name: "code",
            label: text.codeLabel,
            hint: text.codeHint,
            // Room for "123 456" (spaces are dropped when it is read): a six-character
            // limit cut a spaced code short, and a cut code counts as a wrong try.
            attributes: `required autocomplete="one-time-code" inputmode="numeric" maxlength="20"`,
          })}
          <button type="submit" class="button primary">${esc(text.signIn)}</button>
        </form>
        <p><a href="${localePath("/my", locale)}">${esc(text.requestAgain)}</a></p>
      </section>`;
  }

  function caseList(
    locale: Locale,
    csrfToken: string,
    phone: string,
    cases: readonly PhoneCaseSummary[],
  ): string {
    const text = myCasesPageText(locale);
    const rows = cases
      .map(
        (c) => `<li class="my-case">
          <a class="my-case-no" href="${esc(localePath(`/my/cases/${c.trackingNo}`, locale))}">${esc(c.trackingNo)}</a>
          ${c.supported ? `<span class="my-case-supported">${esc(text.supported)}</span>` : ""}
          ${c.holder ? `<span class="my-case-held-number">${esc(text.heldNumber)}</span>` : ""}
          <span class="my-case-category">${esc(categoryName(deps.directory, locale, c.category))}</span>
          <span class="status-badge status-${c.status}">${esc(t(locale, "statusName", { status: c.status }))}</span>
          <time datetime="${c.submittedAt.toISOString()}">${esc(formatDateTime(locale, c.submittedAt))}</time>
          ${
            mayWithdrawSupport(c)
              ? `<a class="my-case-withdraw" href="${withdrawPath(c.trackingNo, locale)}">${esc(
                  t(locale, "withdrawButton", { supported: true }),
                )}</a>`
              : ""
          }
        </li>`,
      )
      .join("");
    return `<h1 class="page-title">${esc(text.heading)}</h1>
      <section class="card" aria-labelledby="my-list-heading">
        <h2 id="my-list-heading">${esc(text.signedInAs.replace("{phone}", maskedPhone(phone)))}</h2>
        ${
          cases.length === 0
            ? `<p>${esc(text.none)}</p>`
            : `<p class="lead">${esc(text.listIntro)}</p><ul class="my-cases">${rows}</ul>`
        }
        <form method="post" action="/my/sign-out">
          <input type="hidden" name="lang" value="${locale}">
          <input type="hidden" name="_csrf" value="${esc(csrfToken)}">
          <button type="submit" class="button">${esc(text.signOut)}</button>
        </form>
      </section>`;
  }

  /** "Withdraw your support of no. …?" with the yes as a form, the no a link back to the list. */
  function withdrawSupportAsk(locale: Locale, csrfToken: string, c: CitizenCaseSummary): string {
    const ask = t(locale, "withdrawAsk", {
      trackingNo: c.trackingNo,
      categoryName: categoryName(deps.directory, locale, c.category),
      supported: true,
    });
    return `<h1 class="page-title">${esc(t(locale, "withdrawButton", { supported: true }))}</h1>
      <section class="card">
        <p class="lead">${esc(ask)}</p>
        <form class="my-withdraw-form" method="post" action="${withdrawPath(c.trackingNo, "zh")}">
          <input type="hidden" name="lang" value="${locale}">
          <input type="hidden" name="_csrf" value="${esc(csrfToken)}">
          <button type="submit" class="button primary">${esc(t(locale, "withdrawYes"))}</button>
        </form>
        <p><a href="${localePath("/my", locale)}">${esc(myCasesPageText(locale).backToList)}</a></p>
      </section>`;
  }

  /** What became of the withdrawal, and the way back to the list. */
  function withdrawSupportResult(locale: Locale, message: string, done: boolean): string {
    return `<h1 class="page-title">${esc(myCasesPageText(locale).heading)}</h1>
      ${done ? `<div class="notice-ok" role="status">${esc(message)}</div>` : alert(message)}
      <section class="card">
        <p><a class="button primary" href="${localePath("/my", locale)}">${esc(
          myCasesPageText(locale).backToList,
        )}</a></p>
      </section>`;
  }

  function limitedText(text: MyCasesPageText, locale: Locale, retryAt: Date): string {
    return text.limited.replace("{time}", formatDateTime(locale, retryAt));
  }

  const { service } = deps;
  return async function myCases(scope: FastifyInstance) {
    const perHour = { rateLimit: { max: deps.codesPerAddressPerHour, timeWindow: 3_600_000 } };
    const perMinute = { rateLimit: { max: deps.triesPerAddressPerMinute, timeWindow: 60_000 } };

    scope.get("/my", { config: perMinute }, async (request, reply) => {
      const { lang } = LangQuerySchema.parse(request.query ?? {});
      const phone = signedIn(request);
      if (!phone) return send(reply, lang, phoneForm(lang, reply.generateCsrf()));
      const cases = await deps.store.casesOf(phone, LISTED_CASES);
      return send(reply, lang, caseList(lang, reply.generateCsrf(), phone, cases));
    });

    scope.post(
      "/my/code",
      { bodyLimit: 4096, preHandler: scope.csrfProtection, config: perHour },
      async (request, reply) => {
        const { phone: typed, lang } = PhoneFormSchema.parse(request.body ?? {});
        const text = myCasesPageText(lang);
        const csrf = reply.generateCsrf();
        if (!deps.available) return send(reply, lang, phoneForm(lang, csrf), 503);
        const asked = await signIn.requestCode(typed, clock.now());
        switch (asked.kind) {
          case "invalid_phone":
            return send(reply, lang, phoneForm(lang, csrf, typed, text.invalidPhone), 400);
          case "limited":
            return send(
              reply,
              lang,
              phoneForm(lang, csrf, typed, limitedText(text, lang, asked.retryAt)),
              429,
            );
          case "requested":
            return send(reply, lang, codeForm(lang, csrf, asked.phone));
        }
      },
    );

    scope.post(
      "/my/verify",
      { bodyLimit: 4096, preHandler: scope.csrfProtection, config: perMinute },
      async (request, reply) => {
        const { phone: typed, code, lang } = CodeFormSchema.parse(request.body ?? {});
        const phone = await signIn.verify(typed, code, clock.now());
        if (!phone) {
          const text = myCasesPageText(lang);
          return send(
            reply,
            lang,
            codeForm(lang, reply.generateCsrf(), typed, text.wrongCode),
            401,
          );
        }
        const { value, maxAgeSeconds } = signIn.seal(phone, clock.now());
        deps.logger.info("phone sign-in");
        return reply
          .setCookie(MY_CASES_COOKIE, value, { ...cookieOptions, maxAge: maxAgeSeconds })
          .redirect(localePath("/my", lang), 303);
      },
    );

    scope.post(
      "/my/sign-out",
      { bodyLimit: 4096, preHandler: scope.csrfProtection },
      async (request, reply) => {
        const { lang } = LangQuerySchema.parse(request.body ?? {});
        return reply
          .clearCookie(MY_CASES_COOKIE, cookieOptions)
          .redirect(localePath("/my", lang), 303);
      },
    );

    scope.get("/my/cases/:no/withdraw-support", { config: perMinute }, async (request, reply) => {
      const { lang } = LangQuerySchema.parse(request.query ?? {});
      const { no } = CaseParamsSchema.parse(request.params);
      const phone = signedIn(request);
      if (!phone) return expired(reply, lang);
      const cases = await deps.store.casesOf(phone, LISTED_CASES);
      const found = cases.find((c) => c.trackingNo === no && mayWithdrawSupport(c));
      if (!found) {
        const refused = t(lang, "withdrawRefused", { trackingNo: no });
        return send(reply, lang, withdrawSupportResult(lang, refused, false), 404);
      }
      return send(reply, lang, withdrawSupportAsk(lang, reply.generateCsrf(), found));
    });

    scope.post(
      "/my/cases/:no/withdraw-support",
      { bodyLimit: 4096, preHandler: scope.csrfProtection, config: perMinute },
      async (request, reply) => {
        const { lang } = LangQuerySchema.parse(request.body ?? {});
        const { no } = CaseParamsSchema.parse(request.params);
        const phone = signedIn(request);
        if (!phone) return expired(reply, lang);
        // Each of the phone's channel identities that joined withdraws, as each would in its chat.
        const refs = no ? await deps.store.supporterRefsOf(phone, no) : [];
        const decisions = [];
        for (const ref of refs) decisions.push(await deps.withdrawSupport(ref, no));
        const done = decisions.includes("done");
        if (done) deps.logger.info({ caseNo: no }, "support withdrawn on 我的诉求");
        const message = done
          ? t(lang, "withdrawDone", { trackingNo: no, supported: true })
          : t(lang, "withdrawRefused", { trackingNo: no });
        return send(reply, lang, withdrawSupportResult(lang, message, done), done ? 200 : 409);
      },
    );

    scope.get("/my/cases/:no", { config: perMinute }, async (request, reply) => {
      const { lang } = LangQuerySchema.parse(request.query ?? {});
      const { no } = CaseParamsSchema.parse(request.params);
      const phone = signedIn(request);
      if (!phone) return expired(reply, lang);
      // The signed-in phone stands for the query code: the case's own code opens it, and the
      // status page's rating and review forms carry it as if typed. A case the phone's citizen
      // joined (附议) opens without code or forms.
      const queryCode = no ? await deps.store.queryCodeOf(phone, no) : null;
      const lookup = queryCode
        ? await deps.cases.find(no, queryCode, clock.now(), lang)
        : await supportedCase(phone, no, lang);
      const page = renderStatusPage({
        locale: lang,
        service,
        trackingNo: no,
        result:
          lookup.kind === "found"
            ? {
                kind: "found",
                detail: lookup.detail,
                categoryName: categoryName(deps.directory, lang, lookup.detail.category),
                queryCode: queryCode ?? "",
                csrfToken: reply.generateCsrf(),
                // Signed in with the contact phone of a case that says the phone is a
                // relative's: the reader is that relative (see PhoneCaseSummary).
                ...(queryCode &&
                  lookup.detail.contact?.holder && {
                    heldNumber: lookup.detail.contact.holder,
                  }),
                ...(mayWithdrawSupport(lookup.detail) && {
                  withdrawSupportPath: withdrawPath(lookup.detail.trackingNo, lang),
                }),
              }
            : lookup.kind === "locked"
              ? { kind: "error", message: webPageText(lang).errors.query_locked }
              : { kind: "not_found" },
      });
      return reply
        .code(lookup.kind === "found" ? 200 : lookup.kind === "locked" ? 429 : 404)
        .type("text/html; charset=utf-8")
        .header("cache-control", "no-store")
        .send(page);
    });
  };
}
