import type { NotificationLocale } from "./outbox-payload.ts";

/**
 * The status page of one case, number filled in (`<base>/status?no=ZK-…`, with
 * `&lang=en` for an English reader); null without a public address (PUBLIC_URL).
 * The query code is never in the link: it is what proves the reader is the citizen.
 */
export function statusPageLink(
  publicUrl: string | null | undefined,
  trackingNo: string,
  locale: NotificationLocale,
): string | null {
  if (!publicUrl) return null;
  const url = new URL("status", `${publicUrl.replace(/\/+$/, "")}/`);
  url.searchParams.set("no", trackingNo);
  if (locale === "en") url.searchParams.set("lang", "en");
  return url.toString();
}
