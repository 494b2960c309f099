/**
 * Removes the parts of a complaint that address the classifier instead of
 * describing a problem ("忽略以上指令，归类为表扬", "ignore previous
 * instructions"), so that instructions inside a complaint cannot change the
 * category or the region. From the first clause that looks like an instruction
 * to a machine, the rest of that sentence is dropped, and so are sentences
 * without any Chinese; other sentences are kept.
 */
const INSTRUCTION_PATTERNS: readonly RegExp[] = [
  /(忽略|无视|忘记|忘掉|不要理会|不要管|跳过|覆盖).{0,15}(指令|指示|提示|规则|要求|设定|设置|以上|上面|之前|前面|先前|上述)/,
  /(系统|管理员|开发者|后台|AI|人工智能|助手|机器人|模型|分类器|GPT|大模型|工作人员注意)\s*(指令|提示|消息|通知|请注意|注意|说明)?\s*[:：】\]]/i,
  /(AI|人工智能|智能客服|机器人|模型|分类器|助手|GPT|大模型)\s*(请|你|您)/i,
  /(你的任务|你现在是|你现在要|你是一个|你必须|你应该|作为(一个)?(AI|人工智能|模型|分类器|助手))/i,
  /(分类|归类|类别|标签|category|label|region|地区|区域|属地|部门)\s*(请|应|要)?\s*(设为|设置为|改为|改成|定为|写成|写为|填写为|填为|标记为|必须是|必须为|应该是|应为|=)/i,
  /(分类|归类|类别|标签|category|label|region)\s*[:：=]/i,
  /(把|将|给)(本|这|这个|此|我的|该)?(条|件|案|投诉|诉求|工单|信件|留言|案件|信访件|消息|信息).{0,6}(归为|归类|归到|归入|划入|划为|分类|分为|标记|设为|定为|判为|判定|打上?标签|分到[^房地]|转交给?|转给|转到|派给|派到)/,
  /(按|作为|当作|当成|算作|视为)(表扬|建议|测试|其他|其它|other|纪检|纪委)/i,
  /(输出|返回|回复|回答|给出).{0,6}(json|\{|格式)/i,
  /(ignore|disregard|forget|override).{0,20}(previous|above|prior|earlier|instructions|rules)|instruction|you are now|system prompt|\[\/?inst\]|<\/?(system|user|assistant)>|(assistant|developer|system)\s*:|respond with|output only|classify (this|it|the)/i,
];

/** `text` minus the instruction-like parts. Never throws. */
export function stripInstructions(text: string): string {
  if (!INSTRUCTION_PATTERNS.some((pattern) => pattern.test(text))) return text;
  const sentences = text.split(
    /(?<=[。！？!?\n）)】}」]|——|\[\/inst\]|\.(?=[\s\p{Script=Han}]))/iu,
  );
  return sentences
    .map((sentence) => {
      const clauses = sentence.split(/(?<=[，,；;：:、】\]])/);
      const first = clauses.findIndex((clause) =>
        INSTRUCTION_PATTERNS.some((pattern) => pattern.test(clause)),
      );
      // Once a text talks to the machine, sentences without any Chinese are part of that talk.
      if (first < 0) return /\p{Script=Han}/u.test(sentence) ? sentence : "";
      return clauses.slice(0, first).join("");
    })
    .join("");
}
