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

/** "好几次", "多少遍", "三回": many times over. */
const TIMES_OVER = "(?:好几|好多|很多|多少|无数|[两三四五六七八九十\\d]+)(?:次|回|遍)";

/**
 * "反映好几次了", "说了多少遍", "打了好几次电话", "told you many times": telling it many times over.
 * The urging words (supplement-words.ts) read it anywhere in short words; alone it is an
 * earlier report (below).
 */
export const TOLD_MANY_TIMES = `(?:反映|投诉|举报|说|讲|找|打电话|打12345|打热线)(?:过|了)?${TIMES_OVER}|打(?:过|了)?${TIMES_OVER}(?:电话|12345|热线)`;
export const TOLD_MANY_TIMES_EN =
  "(?:reported|told\\s+you|called)(?:\\s+(?:you|this|it|about\\s+(?:this|it)))?\\s+(?:many|several|so\\s+many|\\d+|two|three|four|five)\\s+times";

// "这个问题反映好几次了，不想再反映了", "跟你们讲过三回了还是没人来": a citizen fed up with telling it
// again, the matter itself not said.
const TOLD_TO = "(?:(?:跟|给|向|和)(?:你们|您们|您|你|政府|12345|热线))";
const FED_UP = "(?:不想再(?:反映|说|讲)了?|(?:也|还是|都)?没(?:人|用)(?:来|管|理)?)";
const TOLD_MANY_TIMES_ONLY = new RegExp(
  `^(?:这个|这|那个)?(?:问题|事|事情)?(?:我|俺|咱)?们?(?:都|已经|早就|也)?${TOLD_TO}?(?:${TOLD_MANY_TIMES})(?:了)?(?:[，,]*(?:可是|但是|可|但)?${FED_UP})?(?:了|啊|呢|吧)?[。.!！?？~～]*$`,
  "u",
);
const TOLD_MANY_TIMES_ONLY_EN = new RegExp(
  `^(?:i\\s+have|i've|i)\\s+(?:already\\s+)?${TOLD_MANY_TIMES_EN}(?:\\s+already)?[.!]*$`,
  "iu",
);

/**
 * True when the words say only that a matter was reported before and is not solved, or only that
 * it was told many times over.
 */
export function tellsOfEarlierReportOnly(text: string): boolean {
  const clean = cleanText(text).trim();
  const squeezed = clean.replace(/\s+/gu, "");
  return (
    EARLIER_REPORT_ONLY.test(squeezed) ||
    TOLD_MANY_TIMES_ONLY.test(squeezed) ||
    TOLD_MANY_TIMES_ONLY_EN.test(clean)
  );
}
