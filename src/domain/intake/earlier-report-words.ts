/**
 * "我去年在12345反映过的事到现在也没解决": a matter reported before, elsewhere (the hotline, the
 * petition office, another channel), said without the matter itself. Nothing here tells the
 * service which matter it was: the citizen is asked to tell it again, and these words are kept
 * with it, so the clerk reads that it was reported before (a 重复信访 is decided on as such).
 */
import { cleanText } from "./text-quality.ts";

const WHEN =
  "(?:去年|前年|上个?月|上次|上回|以前|之前|早就|早先|年前|前几年|前些天|前几天|好几次|多次|几次)";
const WHERE =
  "(?:(?:在|给|向|打|到|去)(?:过)?(?:12345|市长热线|热线|信访局|信访办|信访部门|政府|县里|市里|镇上|网上|你们|上面)(?:上|那里|那儿)?)";
const REPORTED = "(?:反映|投诉|举报|打电话|打过电话|上访|信访|说|告|找)";
const TIMES = "(?:好几次|多次|几次|[一二两三四五六七八九十\\d]+次|好几回|几回)";
const NOT_SOLVED =
  "(?:没|没有|不|还没|一直没|也没|都没|还是没)(?:给)?(?:解决|人管|结果|回复|答复|消息|动静|处理|办|回音)";

// "编号不记得了", "单号也忘了": the number that would have found the case, not known.
const NUMBER_FORGOTTEN =
  "(?:[，,](?:编号|单号|工单号|号码|受理号)(?:也|都)?(?:不记得了?|忘了|记不清了?|找不到了?|没记(?:下|住)?))";

const EARLIER_REPORT_ONLY = new RegExp(
  `^(?:我|俺|咱)?们?(?:都)?${WHEN}*(?:就|都|也)?(?:${WHERE}?${WHEN}*${REPORTED}过${TIMES}?|${WHERE}${REPORTED}(?=的)|打过${TIMES}?(?:12345|市长热线|热线|电话)${TIMES}?)(?:的)?(?:那个|这个)?(?:事|事情|问题)?(?:了)?(?:，|,|\\s)*(?:可是|但是|可|但)?(?:到现在|至今|一直|现在|到今天)?(?:了)?(?:也|还|都)?${NOT_SOLVED}(?:呢|啊|了|啊)?${NUMBER_FORGOTTEN}?[。.!！?？~～]*$`,
  "u",
);

/** True when the words say only that a matter was reported before and is not solved. */
export function tellsOfEarlierReportOnly(text: string): boolean {
  return EARLIER_REPORT_ONLY.test(cleanText(text).replace(/\s+/gu, ""));
}
