/**
 * Questions about the service itself, not a matter to file: "要多久才有结果", "转给哪个部门了",
 * "能不能不留名字", "要花钱吗", "不满意怎么办", "能打电话吗", "他们也要登记吗", "你们是政府的吗",
 * "How long will it take?". Each is one topic, answered with the product's facts (the catalogue's serviceAnswer).
 *
 * Only the message's last clause is read as the question, and only the question's own words:
 * "为什么路灯一直不修" asks nothing of the service, and "要多久才能修好" asks after a repair, a
 * matter's words (the progress question of text-quality.ts), not a process. Clauses before it
 * that tell who is asking ("我们八个人都是一个村的") or are chatter ("好的，请问") leave the
 * question `alone`; any other clause before it ("工地欠了三个月工资，要多久才有结果") is a matter
 * told with the question, which the engine answers and still offers for filing.
 */
import type { Directory } from "../directory.ts";
import { toHalfWidth } from "../half-width.ts";
import type {
  CitizenCaseDetail,
  CitizenCaseStatus,
  CitizenCaseSummary,
  ReviewRequest,
} from "./ports.ts";
import { RUNNING_CITIZEN_STATUSES } from "./ports.ts";
import { clausesOf, cleanText, meaningfulChars } from "./text-quality.ts";

/** What a citizen may ask of the service, each answered once with the product's facts. */
export const SERVICE_TOPICS = [
  /** How long until a decision, an answer: the 条例's periods. */
  "duration",
  /** Who handles it, which unit it went to. */
  "handler",
  /** Anonymity and who sees the citizen's name and phone. */
  "privacy",
  /** Whether it costs anything. */
  "cost",
  /** What to do when not satisfied with the answer: 复查 / 复核, or a new report. */
  "dissatisfied",
  /** Whether one can phone instead. */
  "by_phone",
  /** Whether one can speak instead of typing (the elderly, who cannot type). */
  "by_voice",
  /** Whether others with the same matter must file too: their own report, or 附议. */
  "others",
  /** Who answers here: the government's service or not, a person or a machine. */
  "who",
  /** "我要找人工", "让我跟真人说话": no chat with a person here; what a person does, and the hotline. */
  "human",
  /** "我要找领导": whether a report here reaches those in charge as a visit or a letter does. */
  "leader",
  /** "能不能派人上门来看看": whether someone comes to see the place. */
  "on_site",
  /** "你们几点下班", "晚上能反映吗": when one may report, and when staff work on it. */
  "hours",
  /**
   * "物业的事你们管不管", "孩子在学校被打了，该找谁": whether a kind of matter may be reported
   * here, and where it goes; what the law sends to a court, arbitration or 行政复议 instead.
   */
  "scope",
] as const;

export type ServiceTopic = (typeof SERVICE_TOPICS)[number];

export interface ServiceQuestion {
  readonly topic: ServiceTopic;
  /** Nothing but the question was said: no matter told with it. */
  readonly alone: boolean;
}

/** Longer messages tell a story; a question of the service is said in a few words. */
const MAX_QUESTION_LENGTH = 80;

const CASE =
  "(?:这个?|那个?|我的|俺的|我们的|俺们的|我这个?|俺这个?)?(?:事情?|问题|诉求|反映|投诉)?";
const MAY = "(?:能不能|可不可以|能|可以|可否)?";
/** What a citizen is owed and asks when they will have. */
const OWED = "(?:钱|工钱|工资|欠款|血汗钱|补偿款?|补贴|赔偿款?)";

/** Whom a citizen fears would learn who reported them. */
const REPORTED =
  "(?:人|别人|他|她|他们|人家|老板|领导|被举报的人|对方|村里|村干部|村支书|支书|书记|村长|厂里|单位|公司|学校|老师|班主任|校长|物业|医院|商家|店里|房东|邻居)";

/** What a citizen fears for their own, once the reported learn who it was. */
const HARMED =
  "(?:(?:我|俺)?(?:家)?(?:孩子|娃|家里人|老人)?(?:在学校|在村里|在厂里)?(?:被|受)(?:欺负|针对|刁难|为难|气)|(?:打击)?报复(?:我|俺)?|给(?:我|俺)?(?:家)?(?:孩子|娃)?穿小鞋)";
const OK_TAIL = "(?:行不行|可不可以|可以不|可以|行)?";
const PROCESS =
  "(?:有结果|出结果|有答复|有回复|有回音|答复|回复|处理|处理完|处理好|办好|办完|办理|受理|解决)";

/** "几天" asked, never "这几天", "前几天": a time said (the days just past), not a question. */
const HOW_MANY_DAYS = "(?<![这前那近头])几天";

/** A kind of matter asked about: "物业的事", "这种问题", "拆迁方面的事儿". */
const KIND_OF_MATTER =
  "(?:这种|这类|这样的|那种|像这种|像这样的|这个|这|那个|俺这个?|我这个?)?(?:\\p{Script=Han}{1,8}?(?:方面)?的)?(?:事情?|事儿|问题)";
const HANDLED_HERE =
  "(?:到底)?(?:管不管|能不能管|能管|也管|管|管得了|归不归你们管|归你们管|能不能反映|可不可以反映|能反映|可以反映|能不能在这里反映|能在这里反映)";

/**
 * Each topic's questions, matched against the last clause whole (lead-ins and final particles
 * taken off first). Words of a matter (修好, 给钱, a place) appear in none of them.
 */
const ASKED: Record<ServiceTopic, readonly RegExp[]> = {
  duration: [
    new RegExp(
      `^${CASE}(?:一般|大概|大约|估计)?(?:要|需要|得)?(?:等)?(?:多久|多长时间|多少天|${HOW_MANY_DAYS})(?:才|能|可以|会|就)*${PROCESS}?$`,
      "u",
    ),
    new RegExp(
      `^${CASE}${PROCESS}(?:一般|大概)?(?:要|需要|得)?(?:多久|多长时间|多少天|${HOW_MANY_DAYS})$`,
      "u",
    ),
    new RegExp(`^(?:什么时候|啥时候|几时)(?:才)?(?:能|会|可以)?${PROCESS}$`, "u"),
    // "多久能拿到钱", "俺们的工钱啥时候能要回来": when the citizen receives what is owed, which
    // depends on the handling's periods; "老板啥时候给钱" (what the other side does) is a matter.
    new RegExp(
      `^(?:我|俺|咱)?们?的?${OWED}?(?:要|还要|得)?(?:等)?(?:多久|多长时间|什么时候|啥时候|几时)(?:才)?(?:能|可以)?(?:拿到|要到|要回来?|领到|拿回来?|到手|到账)${OWED}?$`,
      "u",
    ),
    /^when (?:will|can|do) (?:i|we) get (?:my|our|the) (?:money|wages|pay)(?: back)?$/u,
    /^how long (?:will|does|would|is) (?:it|this|that|my (?:case|complaint|report))(?: take)?(?: to (?:be )?(?:handled?|processed?|answered?|decided?|get an answer))?$/u,
    /^when will i (?:get|hear|have) (?:an? )?(?:answer|reply|result|response|news)$/u,
  ],
  handler: [
    new RegExp(
      `^${CASE}(?:是|会|由|归|该)?(?:谁|哪个(?:部门|单位)|哪个?部门|哪家单位|什么部门|什么单位)(?:来|在|负责)?(?:处理|办理|管|办|负责|受理)$`,
      "u",
    ),
    // "谁来处理我的事": the matter word after the question.
    new RegExp(
      `^(?:是|会|由)?(?:谁|哪个(?:部门|单位)|哪个?部门|什么部门)(?:来|在|负责)?(?:处理|办理|管|办|负责|受理)${CASE}$`,
      "u",
    ),
    new RegExp(
      `^${CASE}(?:被|已经|已)?(?:转|交|派|分|送)(?:给|到)了?(?:哪个?|什么|哪)(?:部门|单位|里)(?:了)?$`,
      "u",
    ),
    /^who (?:will|is going to|is|does) (?:handle|deal with|look (?:at|into)|take care of) (?:it|this|my (?:case|complaint|report))$/u,
    /^which (?:department|office|unit)(?: is| will| has)?(?: handl(?:e|es|ing)| deal(?:s|ing)? with| got)? (?:it|this|my (?:case|complaint|report))$/u,
  ],
  privacy: [
    new RegExp(
      `^(?:我|俺)?${MAY}不(?:留|写|报|说|给|登记)(?:我的|俺的)?(?:名字|姓名|真名|电话|手机号?|号码|身份|信息)${OK_TAIL}$`,
      "u",
    ),
    new RegExp(`^(?:我|俺)?${MAY}匿名(?:反映|举报|投诉)?${OK_TAIL}$`, "u"),
    // A phone without a name: "能不能只留电话", "只留个手机号行不行".
    new RegExp(`^(?:我|俺)?${MAY}只(?:留|写|给)(?:个|一个)?(?:电话|手机号?|号码)${OK_TAIL}$`, "u"),
    /^can i (?:just |only )?(?:leave|give) (?:just |only )?(?:my |a )?(?:phone(?: number)?|number)(?: without (?:my |a )?name)?$/u,
    /^(?:会不会|会|能不能)?(?:泄露|泄漏|透露|暴露|公开)(?:我的|俺的)?(?:个人)?(?:信息|名字|姓名|电话|身份|隐私)$/u,
    /^(?:我的|俺的)?(?:个人)?(?:信息|名字|姓名|电话|身份|隐私)(?:会|会不会)?(?:保密|泄露|泄漏|被泄露|公开|被公开|安全|给别人看|被人知道)$/u,
    // "会不会让他知道是我举报的", "他会知道是我举报的", "村支书能知道是俺告的不",
    // "能不能别让他知道是我".
    new RegExp(
      `^${REPORTED}?(?:会不会|会|能不能|能|可不可以)?(?:别|不要)?(?:被|让)?${REPORTED}?知道(?:是我|是俺)(?:反映|举报|投诉|告|说)?的?$`,
      "u",
    ),
    // "你们会不会告诉他是我举报的", "会不会把我的名字告诉村支书", "别告诉他是我说的".
    new RegExp(
      `^(?:你们)?(?:(?:会不会|会|能不能|可不可以|不会|千万)(?:别|不要)?|别|不要)(?:把(?:我的|俺的)?(?:名字|姓名|电话|手机号?|身份|信息))?(?:告诉|透露给|说给)${REPORTED}(?:(?:是我|是俺)(?:反映|举报|投诉|告|说)?的?)?吧?$`,
      "u",
    ),
    // "他会不会报复我", "村干部会不会给俺穿小鞋".
    new RegExp(`^${REPORTED}(?:会不会|会)${HARMED}$`, "u"),
    // Fear said, not asked ("俺怕他知道是俺告的", "我怕被打击报复", and after the question:
    // "学校会知道是我反映的吗？怕孩子受欺负"): the same answer reassures.
    new RegExp(
      `^(?:我|俺)?(?:就是|主要是|有点|真)?(?:怕|害怕|担心|不敢留名字?，?怕)(?:被|让)?${REPORTED}?(?:知道(?:是我|是俺)(?:反映|举报|投诉|告|说)?的?|${HARMED})$`,
      "u",
    ),
    /^can i (?:stay|remain|report|complain|be) anonymous(?:ly)?$/u,
    /^(?:will|would) my (?:name|phone|number|details|information|identity) be (?:shared|told|given|disclosed|leaked|kept (?:secret|private|confidential))(?: with [a-z ]{1,30})?$/u,
    /^(?:谁|哪些人)(?:能|会|可以)?(?:看到|看见|知道)(?:我的|俺的)(?:名字|姓名|电话|手机号?|信息|身份)$/u,
    /^(?:我的|俺的)(?:名字|姓名|电话|手机号?|信息|身份)(?:谁|哪些人)(?:能|会|可以)?(?:看到|看见|知道)$/u,
    /^who (?:will|can|does|would) (?:see|know|get|read) my (?:name|phone(?: number)?|number|details|information|identity)$/u,
    // "Will my boss find out if I report him", "would the landlord know it was me".
    /^(?:will|would|could|can) (?:my |the |our )?(?:[a-z]+ ){0,2}(?:boss|employer|landlord|neighbou?rs?|company|school|teacher|officials?|police|village head|he|she|they) (?:find out|know|learn)(?: (?:that |if |it was )?(?:i|me)\b.*| if i .*)?$/u,
  ],
  cost: [
    /^(?:这个?|反映|投诉|登记|在这里反映)?(?:要|需要|得|用)?(?:花钱|交钱|付钱|收费|收钱|交费|花费)$/u,
    /^(?:这个?|反映|投诉|登记)?(?:要不要|需不需要|用不用)(?:花|交|付)?钱$/u,
    /^(?:这个?|反映|投诉)?收不收(?:费|钱)$/u,
    /^(?:这个?|反映|投诉)?(?:是)?免费的?$/u,
    /^(?:is (?:it|this|the service) free|does (?:it|this) cost (?:anything|money)|do i (?:have|need) to pay(?: anything)?|how much does (?:it|this) cost)$/u,
  ],
  dissatisfied: [
    /^(?:如果|要是|万一)?(?:对)?(?:结果|答复|处理结果|办理结果|处理)?(?:我|俺)?(?:不满意|不服|不认可|没解决|没有解决)(?:的话)?(?:怎么办|咋办|怎么弄|咋弄|还能怎么办|有什么办法|(?:能|可以)(?:申诉|复查|申请复查|再反映))$/u,
    /^(?:我|俺)?(?:还|再)(?:能|可以)再?(?:反映|投诉|申诉|找你们)(?:一次)?$/u,
    /^(?:我|俺)?(?:能不能|能|可以)再(?:反映|投诉|申诉)(?:一次)?$/u,
    /^(?:我|俺)?(?:能|可以)(?:申请)?(?:复查|复核|申诉)$/u,
    /^what (?:if|can i do if) i(?:'m| am) not (?:satisfied|happy)(?: with (?:the|your) (?:answer|result|reply))?$/u,
    /^can i (?:appeal|ask for a review|complain again)$/u,
  ],
  by_phone: [
    new RegExp(`^(?:我|俺)?${MAY}(?:给你们|跟你们)?打电话(?:反映|说|投诉)?${OK_TAIL}$`, "u"),
    /^(?:你们|热线)?(?:的)?电话(?:号码)?(?:是)?多少$/u,
    /^有(?:没有)?(?:电话|热线)$/u,
    /^(?:打电话|打12345)(?:能|可以)(?:反映|投诉|说)$/u,
    /^(?:我|俺)?(?:能不能|可不可以|能|可以)打12345$/u,
    /^12345(?:的)?(?:电话|热线)?(?:号码)?(?:是)?多少$/u,
    /^(?:can|could|may) i (?:call|phone|ring)(?: you| someone| 12345)?(?: instead)?$/u,
    /^(?:is there|do you have) a (?:phone )?(?:number|hotline)(?: i can call)?$/u,
    // "你们给我打个电话吧": a call back asked for (none is made from here; the hotline is told).
    /^(?:你们|恁|你|麻烦你们|麻烦|请)?(?:能不能|能|可以)?(?:给|跟)(?:我|俺)(?:打|回)(?:个|一个)?电话(?:过来)?$/u,
    /^(?:(?:can|could|will) (?:you|someone) )?(?:please )?(?:call|phone|ring) me(?: back)?$/u,
  ],
  by_voice: [
    new RegExp(`^(?:我|俺)?${MAY}(?:发|用|说)语音(?:说|反映|留言)?${OK_TAIL}$`, "u"),
    new RegExp(`^(?:我|俺)?${MAY}语音${OK_TAIL}$`, "u"),
    /^(?:我|俺)?(?:能不能|可不可以|能|可以)(?:直接)?(?:说话|讲话|用嘴说|说)$/u,
    /^(?:我|俺)?(?:不会打字|不会写字|不识字|打不了字|打字太?慢|打字不方便)(?:怎么办|咋办|咋弄|怎么弄)?$/u,
    /^(?:can|could|may) i (?:send (?:a )?voice(?: message)?s?|use voice|speak|talk)(?: instead(?: of typing)?)?$/u,
  ],
  others: [
    // "俺那几个工友也要登记不": whose they are (俺那几个) before them.
    /^(?:(?:我|俺|咱)们?(?:的|家)?)?(?:那|这)?(?:几个|些|帮|俩|仨)?(?:他们|她们|别人|其他人|大家|家里人|家人|邻居|工友|老乡|同事|每个人|每人)(?:也|都|每个人)*(?:要|需要|得|用|可以|能|能不能|可不可以)(?:再|都|也|一起|来|各自)*(?:登记|反映|报|投诉|提交|填|签名|签字|举报)(?:一下|一遍)?$/u,
    /^(?:要不要|需不需要|用不用)(?:他们|她们|大家|别人|其他人|每个人)(?:都|也)?(?:来)?(?:登记|反映|报|投诉)$/u,
    /^(?:我们|俺们|咱们)?(?:能不能|能|可以|可不可以)?(?:一起|联名|大家一起)(?:反映|投诉|登记|举报)$/u,
    /^(?:do|does|should|can|must) (?:they|the others|others|everyone|my (?:neighbou?rs|co-?workers|colleagues)) (?:also |each )?(?:(?:need|have) to )?(?:report|file|register|sign)(?: (?:it|too|as well|separately))*$/u,
    /^can we (?:report|file|complain) together$/u,
  ],
  who: [
    /^(?:你们|你|这里|这)(?:是)?(?:政府|官方|信访局|12345)(?:的)?$/u,
    /^(?:你们|你|这里|这)(?:是)?(?:哪里|哪儿|哪个单位|什么单位|什么部门|干什么|干啥|做什么)的$/u,
    /^(?:你们|你|这里|这)(?:是)?(?:谁|什么地方)$/u,
    /^(?:你|你们)(?:是)?(?:机器人|机器|人工|真人|人工智能|ai)$/u,
    /^(?:你|你们)(?:是)?(?:人|真人|人工)还是机器(?:人)?$/u,
    /^(?:is this|are you)(?: the| a)? (?:government|official|real person|person|human|robot|bot|machine)(?: service)?$/u,
    /^who (?:are you|am i (?:talking|writing) to|is this)$/u,
  ],
  human: [
    /^(?:我|俺)?(?:要|想|得)?(?:找|转|接|叫|联系)(?:你们|恁)?(?:的)?(?:人工|真人|活人|客服|工作人员)(?:客服|服务)?(?:说|聊|反映|谈)?$/u,
    /^(?:能不能|可不可以|能|可以)?(?:让|叫)?(?:我|俺)?(?:跟|和|与)(?:真人|人工|工作人员|活人|客服)(?:说话?|聊|谈|对话|讲)$/u,
    /^(?:转人工|人工客服|人工服务|人工)$/u,
    // "机器人听不懂": the assistant said not to understand; a person asked for.
    /^(?:你|你们|这|这个|机器人|机器)?(?:根本|还是|总是|老是)?(?:听不懂|看不懂|听不明白|不明白)(?:我的话|我说的|俺说的|人话)?$/u,
    /^(?:i )?(?:want|need|would like) (?:to )?(?:talk|speak|chat) (?:to|with) (?:a )?(?:real )?(?:person|human|agent|someone|staff|operator)$/u,
    /^(?:can|could|may) i (?:talk|speak|chat) (?:to|with) (?:a )?(?:real )?(?:person|human|agent|someone|staff|operator)$/u,
    /^(?:a )?(?:real )?(?:human|agent|operator|person)(?: please)?$/u,
  ],
  leader: [
    /^(?:我|俺)?(?:要|想|得)?(?:找|见|面见)(?:你们|恁)?(?:的)?(?:领导|局长|市长|县长|区长|书记|主任|负责人|管事的|当官的)(?:说|反映|谈谈?)?$/u,
    /^(?:叫|让|请)(?:你们)?(?:的)?(?:领导|局长|市长|县长|区长|书记|负责人|管事的)(?:来|出来)(?:见我|跟我说|说话|处理)?$/u,
    /^(?:你们)?(?:的)?(?:领导|负责人|管事的)(?:在)?(?:哪儿?|哪里|是谁)$/u,
    /^(?:领导|局长|市长|县长|区长|书记)(?:能|会)?(?:看到|看见|知道)(?:我的|俺的)?(?:反映|事|信)?$/u,
    /^(?:i (?:want|need|would like|wish) to (?:see|speak to|talk to|meet)|can i (?:see|speak to|talk to|meet)|let me (?:see|speak to|talk to)) (?:the |your |a )?(?:leader|boss|mayor|manager|person in charge|someone in charge|official)s?$/u,
  ],
  hours: [
    /^(?:你们|这里|这儿)?(?:几点|什么时候|啥时候|几时)(?:上班|下班|有人|关门|开门)$/u,
    /^(?:晚上|夜里|半夜|周末|星期天|礼拜天|节假日|放假|过年)(?:也)?(?:能|可以|有人)(?:反映|说|用|登记|处理)?$/u,
    /^(?:你们)?(?:现在)?(?:下班了|还上班|上班了)$/u,
    /^(?:what are your (?:opening |office |working )?hours|are you open(?: (?:now|at night|on (?:the )?weekends?))?|when (?:are you open|do you close))$/u,
  ],
  scope: [
    // "物业的事你们管不管", "这种事能在这里反映吗" (closing particles already off).
    new RegExp(`^${KIND_OF_MATTER}(?:你们|这里|这儿|12345)?${HANDLED_HERE}$`, "u"),
    // "你们管不管物业的事".
    new RegExp(`^(?:你们|这里|12345)(?:管不管|能不能管|也管|管)${KIND_OF_MATTER}$`, "u"),
    // "这个事你们管不管", "你们到底管不管": of the matter told before, or being told ("这种事
    // 到底有没有人管" asks no one: a complaint's words).
    new RegExp(`^(?:${KIND_OF_MATTER}|这个|这)?(?:你们|这里|12345)${HANDLED_HERE}$`, "u"),
    // "该找谁", "这种事应该去哪里反映": after a matter told, or alone.
    /^(?:这种事|这事|这个)?(?:应该|该|要|得)?(?:找谁|找哪个部门|找哪个单位|找哪里|去哪里反映|去哪反映|去哪儿反映)$/u,
    /^(?:do you (?:handle|deal with|take)|can i (?:report|complain about)(?: [a-z ]{1,30})? here|who (?:should|do) i (?:contact|talk to|go to))(?: [a-z ]{1,40})?$/u,
  ],
  on_site: [
    new RegExp(
      `^(?:你们)?${MAY}(?:派|叫|让)?(?:个)?(?:人|工作人员|领导|干部)?(?:上门|到现场|到家里|到俺家|到我家|来现场|过来|下来|来)(?:来|去)?(?:看看|看一下|看一看|瞧瞧|查看|实地看看|核实一下)${OK_TAIL}$`,
      "u",
    ),
    /^(?:你们)?(?:会不会|会|能不能|能)(?:有人)?(?:来|上门|到现场)(?:看|查看|核实)$/u,
    /^(?:can|could|will) (?:you|someone|anyone) (?:come|send someone)(?: (?:to|and))? (?:see|look at|check|have a look)(?: (?:at )?(?:it|the place|the problem))?(?: (?:today|tomorrow|soon|now))?$/u,
  ],
};

/** Words before a question that ask nothing and tell no matter: "请问", "好的", "对了". */
const LEAD_IN =
  /^(?:请问一下|请问|问一下|问下|想问一下|我想问一下|我想问|麻烦问一下|还想问一下|再问一下|那么|那|对了|还有|另外|好的|好|嗯|哦|谢谢|知道了|明白了|你好|您好|excuse me|sorry|also|and|so|ok|okay|thanks|hello|hi)[\s,]*/u;

/** A question's closing particles and marks: "吗", "呢", "？". */
const CLOSING = /(?:[吗呢啊呀吧嘛么哈没不]|[\s?.!~。！？～])+$/u;

/**
 * Words of a clause that tell who is asking ("我们八个人都是一个村的", "俺不会打字"): nothing of a matter. A
 * clause of these alone (and chatter) leaves the question after it alone.
 */
const WHO_WORDS =
  /不会打字|不会写字|不识字|打不了字|打字太?慢|眼睛不好|眼神不好|年纪大了|岁数大了|上了年纪|老了|我们|俺们|咱们|他们|她们|大家|工友|老乡|邻居|同事|亲戚|家里人|一起|一共|总共|同一个|一个|都是|都|是|也|我|俺|他|她|人|个|家|户|好几|楼里|楼上|楼下|一栋楼|村|组|厂|工地|小区|的|[零一二两三四五六七八九十百几\d]+|\b(?:we|they|are|all|from|the|same|village|of|us|there|people|and|i|me)\b/gu;

/** A clause with its lead-ins and closing particles taken off. */
function bareQuestion(clause: string): string {
  let bare = clause;
  for (let previous = ""; previous !== bare;) {
    previous = bare;
    bare = bare.replace(LEAD_IN, "");
  }
  return bare.replace(CLOSING, "").replace(/\s+/gu, " ").trim();
}

function topicOf(clause: string): ServiceTopic | null {
  const bare = bareQuestion(clause);
  if (bare === "") return null;
  return SERVICE_TOPICS.find((topic) => ASKED[topic].some((asked) => asked.test(bare))) ?? null;
}

/** True for a clause that tells no matter: chatter, who is asking, or a question of the service. */
function tellsNoMatter(clause: string): boolean {
  const rest = bareQuestion(clause).replace(WHO_WORDS, "");
  return meaningfulChars(rest).length === 0 || topicOf(clause) !== null;
}

/**
 * The question of the service the message ends with, and whether it was said alone; null when
 * it ends with none (a complaint, a question of a matter: "为什么路灯一直不修").
 */
export function serviceQuestionIn(raw: string): ServiceQuestion | null {
  const text = toHalfWidth(cleanText(raw)).toLowerCase();
  if ([...text].length > MAX_QUESTION_LENGTH) return null;
  const clauses = clausesOf(text);
  // What follows the question and tells nothing ("…打个电话吧，13838383838") leaves it last.
  let asked = clauses.length - 1;
  while (asked >= 0 && topicOf(clauses[asked]!) === null && tellsNoMatter(clauses[asked]!)) asked--;
  // Asked first, then the matter ("会不会让老板知道是我举报的？他欠俺两个月工资了"): the question
  // is answered all the same, and the matter read on.
  if (asked >= 0 && topicOf(clauses[asked]!) === null && clauses.length > 1) asked = 0;
  const topic = asked < 0 ? null : topicOf(clauses[asked]!);
  if (topic === null) return null;
  return { topic, alone: clauses.filter((_, i) => i !== asked).every(tellsNoMatter) };
}

/** The citizen's own case an answer speaks of, as they may see it. */
export interface CaseInAnswer {
  readonly trackingNo: string;
  readonly status: CitizenCaseStatus;
  /** The unit the case is with; null before it is routed. */
  readonly unitName: string | null;
  /** What the case waits for next and by when; null when nothing is due (answered, closed). */
  readonly due: {
    readonly what: "decision" | "answer" | "review_answer";
    readonly at: Date;
  } | null;
  /** A report against officials: never offered to anyone to join (附议). */
  readonly report: boolean;
  /** The review the citizen may ask of its answer and its last day; null for none. */
  readonly review: ReviewRequest | null;
}

/**
 * What a question of the service is answered with: the topic, the case it applies to, and the
 * hotline the operator configured (SERVICE_PHONE), null when none.
 */
export interface ServiceAnswer {
  readonly topic: ServiceTopic;
  readonly case: CaseInAnswer | null;
  readonly phone: string | null;
  /** The city whose service this is: "who" tells it. */
  readonly city: Pick<Directory, "city" | "cityEn">;
}

/**
 * The case of the citizen's each answer speaks of (the newest such): a running one for how long
 * and who, their own running one for others to join, their own answered one for what follows an
 * answer. The other topics speak of no case.
 */
export const CASE_ASKED_ABOUT: Partial<
  Record<ServiceTopic, (found: CitizenCaseSummary) => boolean>
> = {
  duration: (found) => RUNNING_CITIZEN_STATUSES.includes(found.status),
  handler: (found) => RUNNING_CITIZEN_STATUSES.includes(found.status),
  others: (found) => !found.supported && RUNNING_CITIZEN_STATUSES.includes(found.status),
  dissatisfied: (found) => !found.supported && found.status === "answered",
};

/** What an answer says of `found`: its number, its unit, what is due next and by when. */
export function caseInAnswer(found: CitizenCaseDetail, directory: Directory): CaseInAnswer {
  return {
    trackingNo: found.trackingNo,
    status: found.status,
    unitName: found.unitName,
    due: dueOf(found),
    report: directory.categories.find((c) => c.code === found.category)?.class === "report",
    review: found.reviewRequest,
  };
}

function dueOf(found: CitizenCaseDetail): CaseInAnswer["due"] {
  if (found.status === "received" && found.acceptanceDueAt !== null) {
    return { what: "decision", at: found.acceptanceDueAt };
  }
  const handled = found.status === "accepted" || found.status === "in_progress";
  if (!handled || found.answerDueAt === null) return null;
  return { what: found.underReview ? "review_answer" : "answer", at: found.answerDueAt };
}
