/**
 * Texts of the WeCom citizen channel that are not notifications themselves: the digest of
 * notifications held while the citizen was out of reach, the status-page pointer after a
 * submission, and the answer to an image that could not be kept.
 */
import type { NotificationLocale } from "./outbox-payload.ts";

/** What the last line of a cut notice or case page says. */
export interface CutShort {
  readonly trackingNo: string;
  readonly statusUrl: string | null;
  readonly office: string | null;
  /** The unit's photos that did not go out (0 for none). */
  readonly photosLeftOut: number;
}

/** The words of one language. */
export interface WeComCitizenTexts {
  /** Heads the one-message summary of the older held notifications (newest one sent before). */
  readonly heldSummary: (lines: readonly string[]) => string;
  /**
   * After a submission, below the receipt (which tells "/status <number>" already): the query code,
   * and the status page where the citizen can look the case up themselves.
   */
  readonly statusPointer: (p: {
    trackingNo: string;
    queryCode: string;
    statusUrl: string | null;
  }) => string;
  /**
   * Ends a notice or a case's page cut to WeCom's few messages: the unit's photos left out, if
   * any, and where to read it all — the status page when there is one (`statusUrl`), else the
   * office handling the case (`office`, its name; null when unknown).
   */
  readonly cutShort: (p: CutShort) => string;
  /** An image the channel could not download or keep (expired, not a photo, too big). */
  readonly photoNotReceived: string;
}

/** Simplified Chinese. */
export const wecomCitizenZh: WeComCitizenTexts = {
  heldSummary: (lines) =>
    [`此前还有 ${lines.length} 条进展通知（较早的在前）：`, ...lines.map((l) => `· ${l}`)].join(
      "\n",
    ),
  statusPointer: ({ trackingNo, queryCode, statusUrl }) =>
    statusUrl === null
      ? `查询码：${queryCode}，请和编号一起记下。`
      : `查询码：${queryCode}。也可以在 ${statusUrl} 输入编号 ${trackingNo} 和查询码查看办理进度。`,
  cutShort: ({ trackingNo, statusUrl, office, photosLeftOut }) => {
    const photos = photosLeftOut > 0 ? `另有 ${photosLeftOut} 张照片没有发出。` : "";
    return statusUrl === null
      ? `（内容较长，微信里只能发到这里。${photos}完整内容请凭编号 ${trackingNo} 向${office ?? "办理单位"}索取。）`
      : `（内容较长，微信里只能发到这里。${photos}完整内容请打开 ${statusUrl} 用查询码查看。）`;
  },
  photoNotReceived: "抱歉，这张照片没能收到，没有保存。请重新发送一次（支持 10MB 以内的照片）。",
};

/** English. */
export const wecomCitizenEn: WeComCitizenTexts = {
  heldSummary: (lines) =>
    [`${lines.length} earlier update(s) (oldest first):`, ...lines.map((l) => `· ${l}`)].join("\n"),
  statusPointer: ({ trackingNo, queryCode, statusUrl }) =>
    statusUrl === null
      ? `Query code: ${queryCode}. Keep it with the number.`
      : `Query code: ${queryCode}. You can also see the progress at ${statusUrl} with number ${trackingNo} and the query code.`,
  cutShort: ({ trackingNo, statusUrl, office, photosLeftOut }) => {
    const photos =
      photosLeftOut === 0
        ? ""
        : ` ${photosLeftOut === 1 ? "A photo was" : `${photosLeftOut} photos were`} left out.`;
    return statusUrl === null
      ? `(This is long: WeChat can only show this much.${photos} Ask ${office ?? "the office handling it"} for all of no. ${trackingNo}.)`
      : `(This is long: WeChat can only show this much.${photos} Read all of it at ${statusUrl} with your query code.)`;
  },
  photoNotReceived:
    "Sorry, this photo did not come through and was not saved. Please send it again (photos up to 10 MB).",
};

/** The texts of a locale. */
export function wecomCitizenTexts(locale: NotificationLocale): WeComCitizenTexts {
  return locale === "en" ? wecomCitizenEn : wecomCitizenZh;
}
