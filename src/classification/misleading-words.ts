/**
 * Removes what a complaint says it is NOT about, so that the topics named in
 * passing do not decide its category (the taxonomy's "main request decides"):
 * "不是停水也不是欠工资，是…", "我不是要投诉医院，…", and a title written above
 * the body ("标题：城管执法问题。正文：…", the body decides). A clause counts only
 * when it starts with the negation (after an optional 我/俺/这); "他不是医生却
 * 给人看病" or "孩子不是本地户口" keep their words. "不是要举报/告/追究" itself
 * stays (it tells a benefit from a punishment, rule 1), only its object goes.
 */
const NEGATED_CLAUSE =
  /(^|[。！？!?，,；;\n\s])((?:我|俺|咱|这|这次|这回|今天)?(?:并|也|倒|可|又)?不是)((?:要|想|来)?(?:举报|告|追究))?([^。！？!?，,；;\n]{0,24})(?=[，,；;])/g;

/** What follows a negated clause (perhaps after a short aside) and shows that the real subject comes next. */
const REAL_SUBJECT_NEXT =
  /^[，,；;]\s*([^，,；;。！？!?]{1,8}[，,；;]\s*)?(也不是|又不是|不是|就是|而是|是|只是|主要是|我是|俺是|我就是|俺就是|我要|俺要|我想|俺想|咱是|真正|其实|反映|我们|俺们)/;

const TITLE_ABOVE_BODY = /标题\s*[:：][^。\n]*[。\n]?\s*(正文|内容)\s*[:：]/g;

/** `text` without the topics it says it is not about. Never throws. */
export function dropMisleadingWords(text: string): string {
  const untitled = text.replace(TITLE_ABOVE_BODY, "");
  return untitled.replace(
    NEGATED_CLAUSE,
    (
      whole,
      before: string,
      negation: string,
      report: string | undefined,
      _topic,
      offset: number,
    ) => {
      const next = untitled.slice(offset + whole.length);
      if (!REAL_SUBJECT_NEXT.test(next)) return whole;
      return before + (report ? negation + report : "");
    },
  );
}
