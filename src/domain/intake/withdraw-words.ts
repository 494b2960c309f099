/**
 * A citizen asking in words to withdraw what they reported: "这个事不用管了，撤了吧",
 * "我要撤回投诉", "不用来了". Only words about the matter itself count ("低保被撤销了" is a
 * complaint, not a withdrawal); the engine then asks before anything changes.
 */
import { charLength } from "./text-quality.ts";

/** Longer messages tell of something else (a new matter that mentions a withdrawal). */
const MAX_WITHDRAWAL_LENGTH = 60;

const MATTER = String.raw`(?:投诉|反映|诉求|举报|信访|工单|这个事|这件事|那个事|那件事|这事|那事|这个问题|那个问题|刚才那个|刚才那条|刚才提交的|刚提交的)`;
const STOP = String.raw`(?:撤回|撤销|撤掉|撤了|撤(?=吧)|不用(?:再)?(?:办|管|处理|查|弄|来|跑)了|不(?:要|需要)(?:再)?(?:办|管|处理)了|不办了)`;
const CHINESE = new RegExp(
  [
    // "这个事不用管了", "投诉就撤了吧"
    String.raw`${MATTER}[^。！？!?]{0,8}${STOP}`,
    // "撤回我的投诉", "撤销这个事"
    String.raw`${STOP}[^。！？!?]{0,4}${MATTER}`,
    // The message begins with it, after a filler or an 行: "撤了吧", "嗯撤了吧", "行，那就不用办了",
    // "俺想撤回"
    String.raw`^(?:(?:嗯|哦|噢|行|好吧?)[，,\s]*)?(?:那就|那|就)?(?:我|俺)?(?:要|想)?(?:申请)?${STOP}`,
    // The message ends asking whether it may be: "提交错了，能撤回吗", "可以取消不"
    String.raw`(?:能|可以|能不能|可不可以|怎么|咋)(?:撤回|撤销|撤掉|取消)(?:吗|么|不|呢|啊)?[?？。]*$`,
  ].join("|"),
  "u",
);
const ENGLISH =
  /\b(?:withdraw|cancel)\b.{0,20}\b(?:complaint|report|case)\b|^(?:please )?withdraw\b/iu;

export function asksToWithdraw(text: string): boolean {
  if (charLength(text) > MAX_WITHDRAWAL_LENGTH) return false;
  return CHINESE.test(text) || ENGLISH.test(text);
}
