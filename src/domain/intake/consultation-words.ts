/**
 * A question about a public matter — a policy, a fee, a procedure — asked to be answered, not a
 * wrong to be put right: "请问今年新农合一年交多少钱，在哪交", "孩子上小学要准备什么材料",
 * "办居住证需要啥手续", "How do I apply for a residence permit?". 12345 registers these as
 * consultations (咨询), answered by the competent unit.
 *
 * Questions about this service ("要多久才有结果") and the citizen's own case ("我的事办得怎么样了")
 * are read before (service-questions.ts, text-quality.ts) and keep winning. A complaint phrased as
 * a question is a complaint: one that asks why or by what right ("为什么路灯一直不修？",
 * "凭什么不给我发工资？"), or that names something wrong ("楼道灯坏了能不能来修一下").
 */
import { toHalfWidth } from "../half-width.ts";
import { cleanText } from "./text-quality.ts";

/** A consultation is asked in a few sentences; a longer message tells a story. */
const MAX_CONSULTATION_LENGTH = 100;

/** What one asks of a public matter: a fee, a place, a procedure, papers, whether one may. */
const ASKS_ZH = new RegExp(
  [
    "多少钱",
    "(?:交|缴|收|报销|补贴?|补助|发)(?:多少|几多)",
    "(?:在|去|到)(?:哪|哪里|哪儿|哪个地方|什么地方|啥地方)(?:能|可以)?(?:办|交|缴|申请|领|开|报名|登记|补办|办理|打印|查)",
    "(?:怎么|咋|怎样|如何|怎么样)(?:才能|能)?(?:办|交|缴|申请|报销|领|开具?|报名|登记|补办|转|迁|续|查询|享受|认定|评)",
    "(?:需要|要|得|准备)(?:准备|带|提供|交)?(?:什么|啥|哪些|些啥|些什么)(?:材料|手续|证件|资料|东西|条件|证明)",
    "(?:什么|啥|哪些)(?:条件|手续|材料|证件|资料)",
    "(?:有|符合)(?:没有|哪些|什么|啥)?(?:政策|补贴|补助|条件)",
    "(?:能不能|能否|可不可以|可以|能)(?:办|申请|报销|领|享受|落户|迁|转|补办|续|参加|报名|上|入)",
    "(?:什么时候|啥时候|几时|哪天)(?:开始)?(?:交|缴|报名|办|申请|发放?|领)",
    "(?:请问|问一下|问下|问问|打听一下|咨询一下|想咨询|想了解|了解一下)",
  ].join("|"),
  "u",
);

/**
 * The public matters a citizen consults on: a question form is a consultation about one of them
 * ("邻居家狗天天叫怎么办" asks for help with a wrong; "居住证咋办" asks how to get one).
 */
const PUBLIC_MATTER_ZH =
  /新农合|医保|医疗保险|社保|养老保险|养老金|低保|五保|特困|居住证|户口|户籍|落户|身份证|社保卡|医保卡|公积金|入学|上学|小学|初中|幼儿园|学籍|转学|补贴|补助|政策|营业执照|执照|证明|证件|残疾证|驾照|驾驶证|出生证|准生|生育|结婚证|离婚|退休|高龄|老年卡|公租房|廉租房|保障房|不动产|房产证|契税|个税|社会保险|失业金|失业保险|护照|通行证|健康证|疫苗|接种|手续|材料|办理|申请|报名|缴费|交费|缴纳|办证|收费标准|在哪(?:里|儿)?(?:交|缴|办)/u;

/**
 * Something wrong said in the words, or the citizen's own case asked after: such a question is a
 * complaint, or one the progress answer takes.
 */
const GRIEVANCE_ZH =
  /为什么|为啥|凭什么|凭啥|咋还|怎么还|咋又|怎么又|一直|老是|总是|没人管|不管|不给|不发|不让|不修|没修|坏了|坏掉|拖欠|欠(?:了|我|俺|着)|扰民|噪音|太吵|乱收|多收|被(?:扣|罚|拆|打|骗|取消|停)|投诉|举报|态度|刁难|推诿|堵了|漏水|臭|反映|我的事|俺的事|办得怎么样|复查|复核/u;

const ASKS_EN =
  /\b(?:how (?:do|can|should|would) (?:i|we)|where (?:do|can|should) (?:i|we)|what (?:documents|papers|materials|do i need|is needed|are the requirements)|how much (?:is|does|do|are)|am i eligible|can i (?:apply|get|register|renew|claim)|is there (?:a|any) (?:subsidy|allowance|policy))\b/iu;

const GRIEVANCE_EN =
  /\b(?:why|broken|still not|not fixed|never|no one|nobody|complain|complaint|noise|noisy|unpaid|refused|won't|wont|doesn't work|not working)\b/iu;

/** Whether the words ask about a public matter to be answered (咨询), not a wrong to be put right. */
export function asksForConsultation(raw: string): boolean {
  const text = cleanText(toHalfWidth(raw));
  if (text.length === 0 || text.length > MAX_CONSULTATION_LENGTH) return false;
  if (GRIEVANCE_ZH.test(text) || GRIEVANCE_EN.test(text)) return false;
  if (ASKS_EN.test(text)) return true;
  return ASKS_ZH.test(text) && PUBLIC_MATTER_ZH.test(text);
}
