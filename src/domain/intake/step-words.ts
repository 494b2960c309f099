/**
 * Words that answer more than one of the draft's questions the same way.
 */
import { YES_WORDS, saysOneOf } from "./confirmation.ts";

export const SKIP = /^(?:不留|不想说|不用了|不用|跳过|skip|no)[。.!！]*$/iu;

// "提交", and as people send it off: "提交吧", "那就交上去吧", "发吧".
const SUBMIT =
  /^(?:那就|就|确认|直接)?(?:提交|交|发送|发)(?:上去|过去)?(?:吧|了|啊|呀)*[。.!！~～]*$|^(?:send|submit)(?: it)?[.!]*$/iu;

/** "提交" as people say it, also after a yes ("没问题，提交", "好的 发吧"). */
export function saysSubmit(text: string): boolean {
  if (SUBMIT.test(text.trim())) return true;
  const clauses = text.trim().split(/[，,\s]+/u);
  const last = clauses.pop() ?? "";
  return SUBMIT.test(last) && clauses.every((clause) => saysOneOf(YES_WORDS, clause));
}
