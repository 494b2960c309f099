/**
 * A citizen asking in words for a review of an answer: "我要申请复查", "我不服，要求复核",
 * "I want a review of the answer". Questions about reviews ("能申请复查吗", "不满意怎么办") are
 * the service questions' (service-questions.ts), read before these; "不用复查了" asks none.
 */
import { charLength } from "./text-quality.ts";

/** Longer messages tell a story of their own: a new matter that mentions a review. */
const MAX_REVIEW_REQUEST_LENGTH = 80;

const CHINESE =
  /(?<!不用?|别)(?:申请|要求|要|想|再|重新)(?:一下|一次)?(?:复查|复核)|(?:复查|复核)一下/u;
const ENGLISH =
  /\b(?:want|request|requesting|ask for|asking for|apply for|applying for|like)\b.{0,12}\breview\b|\bappeal\b/iu;

export function asksForReview(text: string): boolean {
  if (charLength(text) > MAX_REVIEW_REQUEST_LENGTH) return false;
  return CHINESE.test(text) || ENGLISH.test(text);
}
