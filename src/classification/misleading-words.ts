/**
 * Removes what a complaint says it is NOT about, so that the topics named in
 * passing do not decide its category (the taxonomy's "main request decides"):
 * "不是停水也不是欠工资，是…", "我不是要投诉医院，…", "跟医院没关系", "不是城管的事",
 * and a title written above the body ("标题：城管执法问题。正文：…", the body
 * decides). A clause counts only when it starts with the negation (after an
 * optional 我/俺/这); "他不是医生却给人看病" or "孩子不是本地户口" keep their
 * words. "不是要举报/告/追究" itself stays (it tells a benefit from a punishment,
 * rule 1), only its object goes.
 */
const NEGATED_CLAUSE =
  /(^|[。！？!?，,；;\n\s])((?:我|俺|咱|这|这次|这回|今天)?(?:并|也|倒|可|又)?(?:不是|不找|不告|不投诉))((?:要|想|来)?(?:举报|告|追究))?([^。！？!?，,；;\n]{0,24})(?=[，,；;。！!])/g;

/**
 * What follows a negated clause (perhaps after a short aside) and shows that the
 * real subject comes next.
 */
const REAL_SUBJECT_NEXT =
  /^[，,；;。！!]\s*([^，,；;。！？!?]{1,8}[，,；;]\s*)?(也不是|又不是|不是|也不找|就是|而是|是|只是|主要是|我是|俺是|我就是|俺就是|我要|俺要|我想|俺想|咱是|真正|其实|反映|我们|俺们)/;

/**
 * A negated clause that says on its own that it names another matter: a list of
 * negations ("不是X也不是Y", "不找X也不找Y") or another office's business
 * ("不是城管的事", "不归交警管"). It goes whatever follows.
 */
const NOT_ABOUT_ON_ITS_OWN = /(也|又)(不是|不找|不告|不投诉)|(的事|的事儿|的事情|的问题|管的|管)$/;

/** "跟医院没关系", "和学校也没啥关系", "与物业无关": the named matter is not the subject. */
const UNRELATED_CLAUSE =
  /(^|[。！？!?，,；;\n\s])((?:这|这事|这个事)?(?:跟|和|与)[^。！？!?，,；;\n]{1,12}?(?:也|都)?(?:没(?:有)?(?:啥|什么)?关系|无关|不相干))(?=[，,；;。！!：:]|$)/g;

const TITLE_ABOVE_BODY = /标题\s*[:：][^。\n]*[。\n]?\s*(正文|内容)\s*[:：]/g;

/** `text` without the topics it says it is not about. Never throws. */
export function dropMisleadingWords(text: string): string {
  const untitled = text.replace(TITLE_ABOVE_BODY, "").replace(UNRELATED_CLAUSE, "$1");
  return untitled.replace(
    NEGATED_CLAUSE,
    (
      whole,
      before: string,
      negation: string,
      report: string | undefined,
      topic: string,
      offset: number,
    ) => {
      const next = untitled.slice(offset + whole.length);
      if (!NOT_ABOUT_ON_ITS_OWN.test(negation + topic) && !REAL_SUBJECT_NEXT.test(next))
        return whole;
      return before + (report ? negation + report : "");
    },
  );
}
