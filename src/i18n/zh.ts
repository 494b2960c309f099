import type { Catalog, CaseLine, CityNames } from "./catalog.ts";
import type {
  CitizenCaseStatus,
  CitizenTimelineKind,
  ReviewRequest,
} from "../domain/intake/ports.ts";
import type { HazardKind } from "../domain/intake/emergency.ts";
import {
  excerpt,
  QUOTED_WORDS_MAX,
  formatCalendarDateAt,
  formatDate,
  formatDateTime,
  groupExtent,
  yourNumberHolderNote,
  numberHolderText,
  contactShownToReporter,
  ongoingTime,
} from "./format.ts";
import { labelOf, reviewName } from "./labels.ts";
import { isSurnameOnly } from "../domain/identity-in-text.ts";
import { DEADLINE_RULES as RULES } from "../domain/lifecycle/deadlines.ts";
import type { CaseInAnswer, ServiceTopic } from "../domain/intake/service-questions.ts";

/** The contact question's anonymous choice: a question is asked, a matter reported, anonymously. */
const anonymousChoice = (consultation: boolean) => (consultation ? "匿名咨询" : "匿名反映");

// What to do at once for each danger, with its number.
const ZH_HAZARD_ADVICE: Record<HazardKind, string> = {
  fire: "着火了：请马上打 119",
  gas: "闻到煤气味或燃气泄漏：请马上打 119，不要开关电器、不要点火，开窗后离开",
  manhole: "井盖没了或敞开：请马上打 110，在旁边提醒行人和车辆绕开",
  live_wire: "电线掉落或漏电：请马上打 110，离远一点，千万不要去碰",
  traffic_signal: "路口红绿灯坏了：请打 122 找交警来路口指挥，过路口慢一点，看清来车",
  collapse: "墙或房子要塌：请马上离开，打 119",
  flood: "淹水有人遇险：请马上打 119，往高处去",
  trapped: "爆炸或有人被困：请马上打 119，有人受伤打 120",
  injury: "有人受伤或身体不舒服：请马上打 120 急救",
  violence: "有人身危险：请马上打 110 报警，有人受伤打 120",
  suicide: "有人想轻生：请马上打 110，或打 120 急救",
  cry_for_help: "请马上打 110 报警、119 火警或 120 急救",
};

const STATUS: Record<CitizenCaseStatus, string> = {
  received: "已收到，等待受理",
  accepted: "已受理",
  not_accepted: "不予受理",
  in_progress: "正在办理",
  answered: "已答复",
  closed: "已办结",
  withdrawn: "已撤回",
};

/** Whose answer a case shows: the unit's, the 复查 opinion, the 复核 opinion. */
const ANSWER_TITLE = { 0: "办理单位的答复", 1: "复查意见", 2: "复核意见" } as const;

const TIMELINE: Record<CitizenTimelineKind, string> = {
  submitted: "您提交了反映",
  asked: "您提交了咨询",
  accepted: "已受理",
  not_accepted: "不予受理",
  assigned: "已交给办理单位",
  in_progress: "正在办理",
  answered: "已答复",
  closed: "已办结",
  withdrawn: "您撤回了这件事",
  extended: "办理期限延长",
  review_requested: "您申请了复查",
  second_review_requested: "您申请了复核",
  note: "进展",
  supplemented: "您补充了",
  urged: "您催办了这件事",
  answer_commented: "您对答复的意见",
  followed_up: "问您事情是否解决了",
  supported: "您附议了这件事",
};

const ZH_DUE: Record<NonNullable<CaseInAnswer["due"]>["what"], string> = {
  decision: "正在等待受理，最晚 {date} 前决定是否受理",
  answer: "正在办理，最晚 {date} 前答复",
  review_answer: "正在复查，最晚 {date} 前答复",
};

/** Where the citizen's own case stands, said once for the answers that name it. */
function zhCaseNow(c: CaseInAnswer): string {
  const unit = c.unitName === null ? "" : `（办理单位：${c.unitName}）`;
  const now =
    c.due === null
      ? `现在${STATUS[c.status]}`
      : ZH_DUE[c.due.what].replace("{date}", formatDate("zh", c.due.at));
  return `您的事（编号 ${c.trackingNo}）${unit}${now}。`;
}

/** The review the citizen may ask for now: of what, its last day, who handles it. */
function zhReviewOffer(trackingNo: string, { stage, lastDay }: ReviewRequest): string {
  const day = formatDate("zh", lastDay);
  const days = RULES.reviewAnswerDays;
  return stage === 1
    ? `对编号 ${trackingNo} 的答复不服的，可以申请复查，最晚 ${day} 前。复查由办理单位的上一级机关办理，${days} 天内给您复查意见。要申请就点下面的按钮。`
    : `对编号 ${trackingNo} 的复查意见仍然不服的，可以申请复核，最晚 ${day} 前。复核由复查机关的上一级机关办理，${days} 天内给您复核意见，复核意见是最终意见。要申请就点下面的按钮。`;
}

/** An answered case: rate it under the answer, and until when its review may be asked. */
function zhAnsweredCase(c: CaseInAnswer): string {
  const answered = `您的事（编号 ${c.trackingNo}）已经答复了，可以在答复消息下面评价`;
  const r = c.review;
  if (r === null) return `${answered}。`;
  const day = formatDate("zh", r.lastDay);
  return r.open
    ? `${answered}；${r.stage === 1 ? "对答复" : "对复查意见"}不服的，最晚 ${day} 前可以申请${reviewName(r.stage, "zh")}。`
    : `${answered}；申请${reviewName(r.stage, "zh")}的期限（${day}）已经过了。`;
}

/**
 * Each question of the service: the facts, then the citizen's own case where it applies;
 * `phone` is the hotline the operator configured (SERVICE_PHONE), null when none.
 */
const ZH_SERVICE: Record<
  ServiceTopic,
  (c: CaseInAnswer | null, phone: string | null, city: CityNames) => (string | null)[]
> = {
  duration: (c) => [
    `按《信访工作条例》：收到后 ${RULES.acceptanceDays} 天内决定是否受理；受理后 ${RULES.handlingDays} 天内办结并答复，情况复杂的可以延长一次，最多 ${RULES.maxExtensionDays} 天。每一步都会在这里告诉您。`,
    c && zhCaseNow(c),
  ],
  handler: (c) => [
    "您反映的事，先由工作人员登记，按属地管理、分级负责转给负责的部门办理；举报公职人员的，只交给纪检监察机关。转给了哪个单位，在“查看我反映过的事”里能看到。",
    c &&
      (c.unitName === null
        ? `您的事（编号 ${c.trackingNo}）还没有转给办理单位。`
        : `您的事（编号 ${c.trackingNo}）现在由${c.unitName}办理。`),
  ],
  privacy: () => [
    "可以不留名字：问到联系方式时点“匿名反映”就行，办理进展照样在这个对话里告诉您（请不要删掉这个对话）。也可以只留电话、不留名字，问到怎么称呼时点“不留姓名”。",
    "留下的姓名和电话只给登记转办的工作人员看，用来办理和联系您；办理单位看到的内容里，您的姓名、电话、身份证号都会遮住。举报公职人员的，您的信息不会告诉被举报的人和单位。",
  ],
  cost: () => ["不收任何费用。在这里反映、查进度、评价和申请复查，都是免费的。"],
  dissatisfied: (c) => [
    `收到答复后，可以评价解决了没有、满不满意。对答复不服的，答复后 ${RULES.reviewRequestDays} 天内可以申请复查，${RULES.reviewAnswerDays} 天内给您复查意见；对复查意见还不服的，收到后 ${RULES.reviewRequestDays} 天内可以申请复核。评“未解决”或“不满意”以后，点“申请复查”就行。`,
    c && zhAnsweredCase(c),
    "如果是别的事，或者出了新情况，随时可以再反映。",
  ],
  by_phone: (_c, phone) => [
    phone === null
      ? "这里是在网上反映，不能打电话：请直接用文字说，不方便打字也可以发语音，还可以发照片。留了电话的，工作人员需要时会打电话向您了解情况。"
      : `可以打 ${phone} 热线电话反映。在这里直接用文字说也一样，不方便打字可以发语音，还可以发照片。留了电话的，工作人员需要时会打电话向您了解情况。`,
    "遇到危险请直接打电话：报警 110，火警 119，急救 120。",
  ],
  by_voice: () => [
    "可以直接说话，不用打字：在微信或 Telegram 里按住“按住说话”说；在网页上，按住输入框旁边的话筒按钮说，说完松开就发出去了。您说的话会和反映一起交给工作人员。",
  ],
  others: (c) => [
    "同样的事，别人也可以反映：每个人都可以在这里自己反映。说的是同一个地点、同一类还在办理的问题时，会请他们点“是同一个问题（附议）”，不用再登记，办理进展同样通知他们，他们的信息也不会给办理单位看。举报公职人员的事不能附议，请各自反映。",
    c && !c.report ? `您这件事的编号是 ${c.trackingNo}，请他们反映时说清是同一个地点。` : null,
  ],
  who: (_c, _phone, { city }) => [
    `这里是${city}群众诉求服务（12345）的网上反映渠道。我是自动回复的助手，帮您把事情说清楚、登记下来；您反映的事由工作人员登记，转给负责的政府部门办理，办理进展和答复都会在这里告诉您。`,
  ],
  human: (_c, phone) => [
    "这里是自动回复的助手，不能转人工聊天。您在这里说的事，都由工作人员登记、转给负责的部门办理，需要时会打电话向您了解情况；我问的话听不明白，可以点按钮，也可以发语音。",
    phone === null
      ? "想当面说的，可以到当地信访部门走访。"
      : `想直接和工作人员说，请打 ${phone} 热线电话。`,
  ],
  leader: () => [
    `在这里反映，和写信、到信访部门当面反映一样，都会登记：${RULES.acceptanceDays} 天内告诉您是否受理，受理后交给负责的单位办理、答复，每一步都会在这里告诉您。想当面反映的，也可以到当地信访部门走访。`,
    "请直接说说是什么事，我帮您登记。",
  ],
  on_site: () => [
    "受理以后，负责的单位需要时会到现场查看，或者打电话向您了解情况。请把地点说清楚（也可以发送位置和照片），留一个电话，方便他们找到地方、联系您。",
  ],
  scope: () => [
    "可以在这里反映。各类问题都可以说：工作人员登记后，按“属地管理、分级负责，谁主管、谁负责”转给负责那个地方、那类事的单位办理，每一步都会在这里告诉您。",
    "依法应当通过诉讼、仲裁、行政复议解决的事（比如已经在法院起诉的），工作人员会告诉您该走哪条途径。",
    "遇到危险请直接打电话：报警 110，火警 119，急救 120。",
  ],
  hours: () => [
    "这里白天晚上、周末节假日都能反映，说完就登记上，不用等上班。工作人员上班时处理；受理和办理的期限从收到那天算起，晚上或周末反映的也一样。",
    "遇到危险请直接打电话：报警 110，火警 119，急救 120。",
  ],
};

/** See Catalog.timelineWords: "：井盖又塌了（附照片 2 张）", "：照片 2 张（没有文字）". */
function timelineWords({ detail, photos }: { detail: string | null; photos: number }): string {
  const photoWords =
    photos === 0
      ? ""
      : detail === null
        ? `照片 ${photos} 张（没有文字）`
        : `（附照片 ${photos} 张）`;
  const words = `${detail ?? ""}${photoWords}`;
  return words === "" ? "" : `：${words}`;
}

function caseLine(c: CaseLine): string {
  return `${c.trackingNo}${c.supported ? "（附议）" : ""}\n  ${c.categoryName} · ${formatDate("zh", c.submittedAt)}提交 · ${STATUS[c.status]}`;
}

/** How many matters, as said in words ("两件事"); matters.ts reads at most four. */
const CHINESE_COUNT: Readonly<Record<number, string>> = { 2: "两", 3: "三", 4: "四" };

/** Simplified Chinese, the default. Short sentences, everyday words, no office jargon. */
/** Digits end spaced from the Chinese after them; a closing bracket ends without ("…（您女儿的电话）吗"). */
function spacedEnd(text: string): string {
  return text.endsWith("）") ? text : `${text} `;
}

export const zh: Catalog = {
  groupChatPointer: ({ botLink }) =>
    `您好！群里不受理诉求，也不会记下群里的消息。要反映问题，请点这里和我单独聊：${botLink}`,
  welcome: ({ city }) =>
    [
      `您好！这里是${city}群众诉求服务（12345）。`,
      "您可以在这里反映身边的问题、提出意见建议，我们会转给负责的部门办理，并在这里告诉您进展。",
      "",
      "【您的信息】我们会保存您说的内容、照片和您留下的联系方式，只给办理这件事的工作人员看，只用来办理和回复您。您也可以匿名反映。",
      "",
      "遇到危险或紧急情况，请直接打电话：报警 110，火警 119，急救 120。",
    ].join("\n"),
  menuFile: () => "我要反映问题",
  menuCases: () => "查看我反映过的事",
  menuHelp: () => "使用帮助",
  help: () =>
    [
      "怎么用：",
      "1. 点“我要反映问题”，或者直接用文字说说遇到了什么事。",
      "2. 我会一步一步问您：什么事、在哪里、什么时候、有没有照片、怎么联系您。",
      "3. 最后您看一遍，没问题就点“提交”，会给您一个编号。",
      "",
      "常用命令：",
      "/start 回到开始",
      "/mycases 看我反映过的事",
      "/status 编号 看某件事办到哪了（不用再办的事，可以在那里撤回）",
      "/cancel 不填了",
      "/lang 切换语言 (English)",
    ].join("\n"),
  pageHelp: () =>
    [
      "怎么用：",
      "1. 点“我要反映问题”，或者直接用文字说说遇到了什么事。",
      "2. 我会一步一步问您：什么事、在哪里、什么时候、有没有照片、怎么联系您。",
      "3. 最后您看一遍，没问题就点“提交”，会给您编号和查询码。",
      "",
      "在“查询进度”页面输入编号和查询码，换手机、换电脑也能：",
      "· 看办到哪一步了，每一步的时间和期限",
      "· 看办理单位答复的全文",
      "· 评价答复：满意、基本满意或不满意",
      "· 对答复不服的，答复后 30 天内申请复查，之后还可以申请复核",
      "· 等了很久还没有结果，可以催办，承办单位会收到提醒（每天算一次）",
      "· 问题已经解决、不用再办了的，可以撤回",
      "",
      "办理进展也会在这个页面里通知您。",
    ].join("\n"),
  idleHint: () => "想反映问题，请点下面的按钮，或者直接用文字说说是什么事。",
  draftInProgress: () => "您有一件事还没填完，我们接着来：",
  unknownCommand: ({ name }) => `“/${name}”这个命令我不认识。发 /help 可以看怎么用。`,
  unsupported: ({ kind }) =>
    kind === "voice"
      ? "抱歉，我暂时听不了语音。请打字告诉我；也可以用手机输入法上的话筒按钮，说话就能变成文字。"
      : kind === "sticker"
        ? "收到您的表情啦。请用文字告诉我是什么事。"
        : kind === "edited"
          ? "您改了之前发的消息，但已经记下的内容不会跟着变。请把要改的内容再发一条新消息。"
          : kind === "document"
            ? "这个文件我打不开。照片直接发就行（当作文件发送的 JPG、PNG、HEIC 图片也可以）；PDF、Word 等文件请把要点用文字告诉我，或者拍成照片发来。"
            : "抱歉，我暂时只能看文字和照片。请用文字告诉我，或者发照片。",
  unsupportedWordsKept: ({ kind }) =>
    kind === "document"
      ? "这个文件我打不开，文件下面写的话收到了。文件里还有要紧的内容，请用文字告诉我，或者拍成照片发来。"
      : kind === "video"
        ? "视频我暂时看不了，视频下面写的话收到了。现场的样子可以拍成照片发来。"
        : "这个我暂时看不了，下面写的话收到了。",
  staleButton: () => "这个按钮是之前消息里的，已经不能用了。请用下面最新的消息：",
  unknownQuestionResumed: () => "刚才那个问题没能接上，您已经说的内容都还在。我们接着来：",
  stateRecovered: () =>
    "抱歉，系统出了点问题，刚才没填完的内容没能保存下来，需要麻烦您重新说一下。给您添麻烦了。",
  langPrompt: () => "请选择语言 / Please choose a language:",
  langSet: () => "好的，以后用中文和您说话。",
  langFollowed: ({ commands }) =>
    `您写的是中文，我也用中文回复。（To reply in English, ${commands ? "send /lang en" : "tap “English” at the top"}.）`,

  offerStart: ({ excerpt: text }) => `您说的是：“${text}”\n要把这件事作为一条新的反映吗？`,
  offerStartOrAdd: ({ excerpt: text }) =>
    `您说的是：“${text}”\n要作为一条新的反映，还是补充到您正在办理的事里？`,
  offerSeveral: ({ excerpt: text, count }) =>
    `您说的是：“${text}”\n这里说了${CHINESE_COUNT[count] ?? count}件事，要作为${CHINESE_COUNT[count] ?? count}条新的反映，一件接一件登记吗？`,
  offerLaterMatter: ({ excerpt: text }) =>
    `您刚才还说了一件事：“${text}”\n要接着把它作为一条新的反映吗？`,
  mattersSeparated: ({ count, first }) =>
    `您说了${CHINESE_COUNT[count] ?? count}件事。不同的事归不同的部门管，我们一件一件登记，好交给各自负责的单位。先登记第一件：“${excerpt(first, 60)}”。${count === 2 ? "另一件" : "其余的"}等这件登记好了再说。`,
  laterMatterKept: ({ matter, photos }) =>
    `另一件事“${excerpt(matter, 40)}”${photos > 0 ? "和这张照片" : ""}我先记下了，这件登记好了再接着登记它。`,
  offerYes: () => "是，开始反映",
  offerConsultation: () => "您是想咨询（由主管部门答复您），还是要反映问题？",
  offerConsult: () => "咨询",
  offerComplain: () => "反映问题",
  offerAsNew: () => "作为新的反映",
  offerWhichWay: ({ trackingNos }) =>
    `请点一下：作为新的反映，还是补充到 ${trackingNos.join(" 或 ")}？`,
  offerNo: () => "不用了",
  offerDeclined: () => "好的。有需要随时找我。",
  outsideDraft: () => "收到您的联系方式。请先用文字说说是什么事，最后我会再问您怎么联系。",
  keptBeforeWords: ({ what }) =>
    `收到${what === "photo" ? "照片" : "位置"}，已经记下了，不用再发。请用文字说说是什么事，比如“小区门口的井盖没了”。`,
  keptWithOfferedWords: ({ what }) =>
    `收到${what === "photo" ? "照片" : "位置"}，会和您说的事一起登记。`,

  emergency: ({ hazards }) =>
    [
      "⚠️ 如果现在有危险，请先打电话求救！",
      ...hazards.map((hazard) => `· ${ZH_HAZARD_ADVICE[hazard]}`),
      "这里不是紧急求助电话，工作人员不能马上看到。打完电话，您可以接着在这里反映，我们会优先处理。",
    ].join("\n"),
  emergencyNotice: ({ hazards }) =>
    `涉及紧急危险，已优先处理。如果现在有危险：${hazards.map((hazard) => ZH_HAZARD_ADVICE[hazard]).join("；")}。`,

  askDescription: () =>
    "请用文字说一说遇到了什么事。说清楚是什么问题、在哪里、什么时候，会处理得更快。",
  descriptionProblem: ({ problem, length, max }) => {
    switch (problem) {
      case "empty":
        return "没有收到文字。请用几句话说说是什么事。";
      case "no_words":
        return "我只看到了符号或表情，没看到文字。请用文字说说是什么事。";
      case "numbers_only":
        return "我只看到了数字，没看到文字。请用文字说说是什么事：什么问题、在哪里、多久了。";
      case "too_short":
        return "再多说几句吧，比如：是什么问题、在哪里、多久了。";
      case "too_long":
        return `您写的有 ${length} 个字，一次最多 ${max} 个字，所以没有记下。请挑最要紧的（什么问题、在哪里、多久了）在 ${max} 字以内重新发一条，其他的可以之后一条一条补充。`;
      case "generic":
        return "好的，请具体说说是什么事：什么问题、在哪里、多久了。";
    }
  },
  descriptionAdded: () => "已经把这句话补充到您的描述里了。",
  descriptionHasIt: () => "这句话刚才已经记下了。",
  descriptionEdited: () => "好的，已经按您改过的消息更新了描述。",
  descriptionEditedOverWords: () =>
    "好的，已经按您刚改过的那条消息更新了描述；您之前用文字改的描述不再用了。",
  photoReplaced: () => "好的，已经换成您改过的消息里的新照片，原来那张不用了。",

  askCategory: ({ name, plain, consultation }) =>
    `我理解您${consultation ? "问" : "反映"}的是【${name}】方面的事（${plain}）。\n对吗？`,
  categoryYes: () => "对，就是这个",
  categoryOther: () => "不对，我自己选",
  categoryUnsure: () => "其他 / 不确定，交给工作人员",
  askCategoryList: ({ reason, consultation }) =>
    reason === "asked"
      ? `${consultation ? "您问的是哪方面的事？" : ""}请选一个最接近的：`
      : reason === "failed"
        ? "请从下面选一个最接近的类别："
        : `我没能完全看明白${consultation ? "您问的" : ""}是哪一类事，请从下面选一个最接近的：`,
  categoryUseButtons: () => "请点下面的按钮选一个。要补充情况，可以直接打字。",

  askPlace: ({ workplace }) =>
    workplace
      ? "是哪个单位或工地？在哪里？\n工资、工伤的事，请写下单位或工地的名称和地址，比如“川汇区某某建筑公司，七一路某某小区工地”；养老金、社保的事，写您在哪个县区、乡镇就行。也可以点下面的按钮发送您现在的位置。"
      : "这件事发生在哪里？\n请写下地址，比如“川汇区七一路和八一路路口”“扶沟县城关镇某某村”；也可以点下面的按钮发送您现在的位置。",
  shareLocation: () => "📍 发送我的位置",
  placeUnknown: () => "说不清具体地址",
  placeSameAsBefore: ({ place }) => `还是刚才那个地方（${place}）`,
  placeSharedBefore: () => "刚才发送的位置",
  noPlaceBefore: () =>
    "前面没有登记过地点。请写下这件事的地址，比如哪个县区、哪条路、哪个小区或村。",
  placeNotNamed: () =>
    "这句话里没有说到地点。这件事在哪里？请写下哪条路、哪个村或者附近有什么地标，比如“七一路和八一路路口”“王庄村东头”“县医院门口”。说不清可以点“说不清具体地址”，也可以发送位置。",
  placeTooShort: () => "地址太短了，请写得具体一点，比如哪个县区、哪条路、哪个小区或村。",
  placeTooLong: ({ max }) =>
    `地址写得太长了，最多 ${max} 个字。请只写地址，别的情况可以放在描述里。`,
  askRegion: ({ because }) =>
    because === "location"
      ? "收到位置。请再点一下这是哪个县区："
      : because === "address"
        ? "这个地址在哪个县区？请点一下："
        : because === "description"
          ? "您说的地方在哪个县区？请点一下："
          : because === "consultation"
            ? "您问的是哪个县区的事？请点一下，好转给那里的主管部门答复您："
            : "那请点一下大概在哪个县区：",
  askStreet: ({ area, workplace }) =>
    workplace
      ? `单位或工地叫什么，在${area ?? ""}什么地方？写下来方便工作人员找到。说不清可以点“跳过”，也可以发送位置。`
      : `具体在${area ?? ""}哪条路、哪个小区、村或者什么地方附近？写下来方便工作人员找到。说不清可以点“跳过”，也可以发送位置。`,
  askStreetAgain: ({ area }) =>
    `工作人员要按地址找过去，麻烦再说具体一点：在${area ?? ""}哪条路、哪个小区或哪个村？比如“七一路”“建业小区”“王庄村”。说不清可以点“跳过”，也可以发送位置。`,
  askHomeAddress: ({ area }) =>
    `工作人员要按地址找过去：您家在${area ?? ""}哪个小区、哪条街，门牌号是多少？比如“建业小区3号楼”“七一路32号”。不知道或者不方便说，点“跳过”就行，也可以发送位置。`,
  streetSkip: () => "跳过",
  townInRegion: ({ region, town }) => `${region}${town}`,
  locationPlaced: ({ region, town }) =>
    town
      ? `收到位置，在${region}${town}。`
      : `收到位置，在${region}（从位置看不出是哪个乡镇或街道）。`,
  nearbyCases: ({ cases }) =>
    [
      "附近已经有人反映过同类的问题，还在办理中：",
      ...cases.map(
        (c) =>
          `${c.index}. ${c.categoryName} · ${[c.regionName, c.place].filter(Boolean).join(" ") || "地点未写"} · ${formatDate("zh", c.submittedAt)}提交 · ${STATUS[c.status]}${c.supporters > 0 ? ` · ${c.supporters} 人附议` : ""}`,
      ),
      "",
      "如果是同一个问题，点“是同一个问题（附议）”：不用再登记，办理进展会同样通知您，您的信息不会给办理单位看。不是的话，点“不是，继续登记”。",
    ].join("\n"),
  nearbySame: ({ index }) => `第${index}件是同一个问题（附议）`,
  nearbyNotSame: () => "不是，继续登记",
  nearbyUseButtons: ({ count }) =>
    count === 1
      ? "是同一个问题吗？请点下面的按钮，或者回复“是”或“不是”。"
      : `是其中哪一件？请回复序号（1–${count}），不是的话回复“不是”。`,
  nearbyJoined: ({ trackingNo, outcome }) =>
    [
      outcome === "joined"
        ? "✅ 已附议。"
        : outcome === "already"
          ? "您已经附议过这件事了，不用再点。"
          : "这件事就是您自己反映的，不用附议。",
      `编号：${trackingNo}`,
      "这件事的办理进展会在这里通知您。您刚才写的内容没有另外登记。",
    ].join("\n"),
  nearbyClosed: () => "这件事刚刚已经办结或不再办理，不能附议了。",
  nearbyJoinFailed: () => "附议暂时没有成功，请稍后再点一次，或者点“不是，继续登记”。",
  regionCityWide: () => "全市范围的事",
  regionCityPlace: ({ city }) => city,
  placeOutsideCity: ({ city, place }) =>
    `${place ? `您说的${place}` : "收到位置。这个位置"}不在${city}范围内。这里办理的是${city}的事，${place ?? "外地"}的事请向当地反映（可以拨打当地的 12345 热线）。\n如果这件事和${city}有关（比如单位、老板在${city}），也可以在这里反映：请点和它有关的县区，说不清就点“不清楚”，工作人员会核实。`,
  regionUnsure: () => "不清楚",
  regionUseButtons: () => "没看出是哪个县区，请点下面的按钮选一个。",
  regionLeftToClerk: ({ place }) =>
    place === null
      ? "好的，是哪个县区由工作人员帮您确认。"
      : `好的，地点记下了：${place}。是哪个县区，工作人员会按这个地点确认。`,

  askTime: () =>
    "这件事是什么时候发生的？\n可以写“昨天”“3天前”“上周三”“10月5号”这样的。记不清也没关系，点“不记得了”。",
  timeUnknown: () => "不记得了",
  timeWhichDay: ({ words }) =>
    `是哪天的${words}？比如“昨天${words}”“上周三${words}”。记不清是哪天，就点“不记得了”。`,
  timeNotUnderstood: () =>
    "没看懂这个时间。可以写“昨天”“前天下午”“3天前”“10月5号”，或者点“不记得了”。",
  timeFuture: () => "这个日期还没到呢。请再看看是哪一天，或者点“不记得了”。",
  timeNotedNotPlace: ({ words }) => `记下了时间：${words}。`,
  placeAdded: ({ words }) => `地点补充上了：${words}。`,
  placeWithOwnWords: ({ place, words }) => `${place}（${words}）`,

  askPhotos: ({ max }) => `有照片吗？可以直接发过来，最多 ${max} 张。没有就点“没有照片”。`,
  photosNone: () => "没有照片",
  photosDone: () => "照片发完了",
  photoReceived: ({ count, max }) =>
    count >= max
      ? `收到第 ${count} 张照片，已经满 ${max} 张了。`
      : `收到第 ${count} 张照片。还可以再发 ${max - count} 张，发完请点“照片发完了”。`,
  photoLimit: ({ max }) => `最多只能发 ${max} 张照片，这张没有保存。`,
  photoKept: ({ count }) => `照片收到了（共 ${count} 张），会和这件事一起提交。`,
  photoForAddition: () =>
    "收到照片。是补充您正在办理的事吗？如果是一件新的事，请用文字说一说，我再问您怎么处理。",
  photoNotKept: () =>
    "这张照片没有保存。要反映新问题，请点“我要反映问题”或者说“我要反映”，再把照片发来。",
  ratingPhotosKept: ({ count }) => `${count} 张照片已经跟您的评价一起保存，工作人员看得到。`,
  photosClear: () => "去掉原来的照片",

  voiceHeard: ({ transcript }) => `我听到的是：“${transcript}”\n对吗？`,
  voiceYes: () => "对",
  voiceRedo: () => "重说",
  voiceSayAgain: () => "好的，请再说一遍，或者直接打字。",
  voiceKeptAskText: () =>
    "语音收到了，已经保存，会和这件事一起交给工作人员。请再用一句话写一下是什么事，方便我们尽快分给负责的部门；不方便打字可以点“跳过”。",
  voiceSkip: () => "跳过",
  voiceKeptTypeAnswer: () => "语音收到了，已经保存。这个问题请用文字回答：",
  voiceOnlyDescription: () => "（语音反映，内容请听录音）",
  voiceRefused: ({ reason }) =>
    reason === "too_large"
      ? "这段语音太大了，没能收下。请分成几段短一些的语音发，或者打字。"
      : reason === "too_long"
        ? "这段语音太长了，没能收下。请分成几段短一些的语音（每段几分钟以内）发，或者打字。"
        : "这段语音打不开，没能收下。请再录一遍，或者打字告诉我。",
  photosUseButtons: ({ count, max }) =>
    count === 0
      ? `请直接发照片（最多 ${max} 张），没有就点“没有照片”。`
      : `已经收到 ${count} 张照片。还有就接着发，发完请点“照片发完了”。`,
  photosNotNeeded: () => "没关系，没有照片也可以反映，工作人员会去现场看。",
  photosLater: () =>
    "好的，拍好了直接发到这里就行。现在不方便的话，可以先点“没有照片”提交，以后再把照片发过来，补充到这件事里。",

  askContact: ({ report, consultation }) =>
    [
      "最后，请留下您的姓名和电话，方便工作人员联系您。",
      ...(report ? ["举报人的信息严格保密，您的姓名和电话不会告诉被举报的人和单位。"] : []),
      "例如：张秀英 13812345678（座机请带区号，如 0394-8123456）",
      "",
      consultation
        ? "不想留也可以点“匿名咨询”。答复同样会在这里告诉您。"
        : "不想留也可以点“匿名反映”。匿名反映同样会在这里收到办理进展。",
    ].join("\n"),
  shareContact: () => "📱 发送我的手机号",
  contactAnonymous: ({ consultation }) => anonymousChoice(consultation),
  contactUseSaid: ({ phone, name }) =>
    name === null
      ? `用前面说的电话 ${phone}`
      : `用前面说的：${isSurnameOnly(name) ? `姓${name}，` : `${name} `}${phone}`,
  contactInvalidPhone: ({ consultation }) =>
    `这个电话号码好像不对。手机号是 11 位数字，以 1 开头；座机请带区号，比如 0394-8123456。请再发一次，或者点“${anonymousChoice(consultation)}”。`,
  contactNoPhone: ({ consultation }) =>
    `请留一个电话号码，方便工作人员联系您，比如：张秀英 13812345678。不想留可以点“${anonymousChoice(consultation)}”。`,
  contactHasNoPhone: ({ consultation }) =>
    consultation
      ? "没有电话也能咨询。可以留家人或邻居的电话，方便工作人员联系您；都不方便的话，就点“匿名咨询”，答复同样会在这里告诉您。"
      : "没有电话也能反映。可以留家人或邻居的电话，方便工作人员联系您；都不方便的话，就点“匿名反映”，办理进展同样会在这里告诉您。",
  contactCardNotHere: () => "收到一张名片，这一步先不记；问到联系方式时再发，或者直接打出号码。",
  phoneBeforeMatter: ({ phone }) => `记下了您的电话 ${phone}，工作人员需要时会打这个电话联系您。`,
  askName: ({ phone }) => `记下了电话 ${phone}。请问怎么称呼您？（比如“王大爷”“李女士”）`,
  nameUseSaid: ({ name }) => (isSurnameOnly(name) ? `我姓${name}` : `就叫我${name}`),
  nameSkip: () => "不留姓名",
  nameInvalid: () => "请写一个称呼，比如“王大爷”“李女士”，或者点“不留姓名”。",

  summary: (v) => {
    const place = [
      v.regionInAddress
        ? null
        : v.regionName === null
          ? "县区待工作人员确认"
          : `${v.regionName}${v.town ?? ""}`,
      v.address,
      v.hasLocation ? "已发送位置" : null,
    ]
      .filter((part): part is string => part !== null && part !== "")
      .join("，");
    const when = v.occurredAt;
    const day =
      when?.date &&
      `${formatCalendarDateAt("zh", when.date, when.precision)}${when.time ? ` ${when.time}` : ""}`;
    const time = !when
      ? "不记得了"
      : when.date === null
        ? when.ongoing
          ? ongoingTime("zh", when.text)
          : when.text
        : when.approximate
          ? `${when.text}（约 ${day}）`
          : `${day}（${when.text}）`;
    const contact = v.contact
      ? `${v.contact.name ?? "未留姓名"}，${v.contact.phone}${v.contact.holder ? yourNumberHolderNote("zh", v.contact.holder) : ""}`
      : "匿名（进展会在这里告诉您）";
    return [
      "请看一下，内容对不对：",
      "",
      `【什么事】${excerpt(v.description, QUOTED_WORDS_MAX)}`,
      ...(v.consultation ? ["【类型】咨询（由主管部门答复您）"] : []),
      `【类别】${v.categoryName}`,
      `【${v.consultation ? "县区" : "地点"}】${place}`,
      ...(v.consultation
        ? []
        : [`【时间】${time}`, `【照片】${v.photoCount > 0 ? `${v.photoCount} 张` : "没有"}`]),
      `【联系方式】${contact}`,
      ...(v.isEmergency ? ["【紧急】是，会优先处理"] : []),
      "",
      "没问题就点“提交”。",
    ].join("\n");
  },
  summarySubmit: () => "✅ 提交",
  summaryEdit: () => "✏️ 修改",
  summaryCancel: () => "不提交了",
  summaryUseButtons: () => "请点下面的按钮：提交、修改，或者不提交了。",
  askEditField: () => "要改哪一项？",
  fieldLabel: ({ field }) =>
    ({
      description: "什么事",
      category: "类别",
      place: "地点",
      time: "时间",
      photos: "照片",
      contact: "联系方式",
    })[field],
  editBack: () => "不改了，返回",
  photosCleared: () => "原来的照片已经去掉了，请重新发送。",
  confirmCancel: () => "确定不提交了吗？刚才填的内容会全部删掉。",
  cancelYes: () => "确定，不提交了",
  cancelNo: () => "继续填写",
  cancelled: ({ laterMatters, count }) =>
    laterMatters === "offered"
      ? "好的，这件已经取消，刚才填的内容已删除。"
      : laterMatters === "dropped"
        ? `好的，已经取消，刚才填的内容已删除，您说的另外 ${count} 件事也不登记了。有需要随时找我。`
        : "好的，已经取消，刚才填的内容已删除。有需要随时找我。",
  cancelAborted: () => "好的，我们接着填：",
  nothingToCancel: () => "现在没有正在填写的事。",
  submitted: ({
    trackingNo,
    acceptanceDueAt,
    anonymous,
    commands,
    emergency,
    report,
    consultation,
    holder,
  }) =>
    [
      "✅ 提交成功！",
      `您的编号是：${trackingNo}`,
      "请记下这个编号，以后查进度要用。",
      ...(emergency
        ? [
            "",
            "⚠️ 这件事有危险，已标为紧急，工作人员会优先转给负责的部门。现场情况变严重的话，请直接打电话：报警 110，火警 119，急救 120。",
          ]
        : []),
      "",
      "接下来：",
      `1. 工作人员会在 15 天内决定是否受理（最晚 ${formatDate("zh", acceptanceDueAt)}），并在这里告诉您。`,
      consultation
        ? `2. 受理后，由主管部门在 ${RULES.consultationAnswerWorkingDays} 个工作日内答复您的咨询，答复会在这里告诉您。`
        : report
          ? "2. 受理后，只交给纪检监察机关办理，不会交给被举报的人和单位；办理进展也会在这里通知您。"
          : "2. 受理后，会交给负责的部门办理，办理进展也会在这里通知您。",
      anonymous
        ? `3. 您是${anonymousChoice(consultation)}的，${consultation ? "答复" : "进展"}只在这个对话里通知，请不要删掉这个对话。`
        : holder
          ? `3. 工作人员可能会打您${numberHolderText("zh", holder)}的电话了解情况，请跟${numberHolderText("zh", holder)}说一声，留意来电。`
          : "3. 工作人员可能会打电话向您了解情况，请留意来电。",
      ...(commands ? ["", `随时可以发“查进度”或者“/status ${trackingNo}”查看进度。`] : []),
    ].join("\n"),
  submitFailed: () => "抱歉，系统暂时出了问题，没能提交。您填的内容都还在，请过一会儿再点“提交”。",
  alreadySubmitted: ({ trackingNo }) => `这件事已经提交过了，编号是 ${trackingNo}。`,

  myCases: ({ cases }) =>
    ["您反映过的事：", "", ...cases.map(caseLine), "", "点编号可以看详细进展。"].join("\n"),
  myCasesEmpty: ({ commands, filing, phone }) =>
    [
      commands ? "在这个对话里，您还没有反映过事情。" : "在这里还没有您反映过的事。",
      commands
        ? "在别处反映的（打电话、网页等）这里查不到：有编号和查询码的，可以在网页的“查询进度”里查看。"
        : "在别处反映的（打电话、微信等）：有编号和查询码的，可以在“查询进度”页面查看；留过手机号的，可以在“我的诉求”里用手机号查看。",
      ...(phone ? [`也可以打 ${phone} 问。`] : []),
      filing ? "咱们接着说刚才这件事：" : "有事要反映，直接说就行。",
    ].join("\n"),
  feedbackOnAnswer: ({ trackingNo, consultation }) =>
    [
      `您是在说 ${trackingNo} 的答复吧？谢谢您告诉我们。`,
      `请用答复消息下面的按钮评价（解决了没有、满不满意）${consultation ? "" : "，不满意还可以申请复查"}；也可以在“查询进度”页面输入编号和查询码评价。`,
      "如果是要反映新的问题，请点“我要反映问题”。",
    ].join("\n"),
  feedbackAfterRating: ({ trackingNo }) =>
    `您是在说 ${trackingNo} 的答复吧？谢谢您告诉我们。这次答复您已经评价过了。`,
  caseProgress: ({ case: c }) =>
    [
      zhCaseNow(c),
      ...(c.unitName === null ? ["还没有转给办理单位，工作人员登记后会转给负责的部门。"] : []),
      "每一步都会在这里告诉您，点编号可以看详细进展。",
    ].join("\n"),
  serviceAnswer: ({ topic, case: c, phone, city }) =>
    ZH_SERVICE[topic](c, phone, city)
      .filter((line) => line !== null)
      .join("\n"),
  rateOffer: ({ trackingNo, solved, satisfaction }) =>
    `要把诉求 ${trackingNo} 的答复评为「${solved ? "已解决" : "未解决"}，${labelOf("satisfaction", satisfaction, "zh")}」吗？`,
  rateYes: () => "是，就这样评价",
  rateNo: () => "不评价",
  rateDeclined: () =>
    "好的，没有评价。也可以用答复消息下面的按钮评价；如果是要反映新的问题，请点“我要反映问题”。",
  rated: ({ trackingNo, review }) =>
    `谢谢您的评价（编号 ${trackingNo}）。${review ? zhReviewOffer(trackingNo, review) : ""}`,
  rateRefused: ({ trackingNo }) =>
    `编号 ${trackingNo} 的这次答复已经评价过了，或者现在不能再评价。`,
  rateFailed: () =>
    "抱歉，系统暂时出了问题，评价没有记下。请过一会儿再回复“是”，或用答复消息下面的按钮评价。",
  reviewButton: ({ stage }) => `申请${reviewName(stage, "zh")}`,
  reviewOffer: ({ trackingNo, review }) => zhReviewOffer(trackingNo, review),
  reviewRequested: ({ trackingNo, stage }) =>
    `已为编号 ${trackingNo} 申请${reviewName(stage, "zh")}，结果会在这里告诉您。`,
  reviewRefused: () =>
    "现在不能申请复查或复核（可能已超过申请期限、正在复查复核中，或复核意见已是最终意见）。",
  reviewFailed: () => "抱歉，系统暂时出了问题，没能提交您的申请，请过一会儿再点上面的按钮。",
  withdrawButton: ({ supported }) => (supported ? "撤回附议" : "撤回这件事"),
  withdrawAsk: ({ trackingNo, categoryName, supported }) =>
    supported
      ? `您附议了编号 ${trackingNo}（${categoryName}）。要撤回附议吗？撤回后不再通知您这件事的进展，这件事照常办理。`
      : `要撤回编号 ${trackingNo}（${categoryName}）吗？撤回后这件事就不再办理了。`,
  withdrawYes: () => "确定撤回",
  withdrawNo: () => "不撤回，继续办",
  withdrawDone: ({ trackingNo, supported }) =>
    supported
      ? `已撤回您对编号 ${trackingNo} 的附议，不再通知您这件事的进展。`
      : `已撤回编号 ${trackingNo}，不再办理。以后有事随时找我们。`,
  withdrawKept: ({ trackingNo, supported }) =>
    supported
      ? `好的，编号 ${trackingNo} 有进展还会告诉您。`
      : `好的，编号 ${trackingNo} 继续办理。`,
  withdrawRefused: ({ trackingNo }) =>
    `编号 ${trackingNo} 现在不能撤回了（已经答复、办结或撤回）。`,
  withdrawFailed: () => "抱歉，系统暂时出了问题，没能撤回，这件事还在办理。请过一会儿再试。",
  withdrawWhich: () => "您有几件正在办理的事，要撤回哪一件？",
  withdrawCaseButton: ({ trackingNo, categoryName, supported }) =>
    `${supported ? "撤回附议" : "撤回"} ${trackingNo}（${categoryName}）`,
  withdrawNothing: () => "您现在没有正在办理、可以撤回的事。",
  supplementButton: () => "补充到这件事",
  supplementAsk: ({ trackingNo, categoryName, text, photos }) =>
    `要把这段话${photos > 0 ? `和 ${photos} 张照片` : ""}补充到编号 ${trackingNo}（${categoryName}）吗？\n“${text}”`,
  supplementSuggest: ({ trackingNo, categoryName, text, photos }) =>
    `您说的是：“${text}”\n要把这句话${photos > 0 ? `和 ${photos} 张照片` : ""}补充到 ${trackingNo}（${categoryName}）吗？`,
  supplementSuggestYes: () => "是，补充",
  urgeSuggest: ({ trackingNo, categoryName, text, photos }) =>
    `您说的是：“${text}”\n要为 ${trackingNo}（${categoryName}）催办吗？您说的话${photos > 0 ? `和 ${photos} 张照片` : ""}也会一并补充，办理的工作人员会看到。`,
  urgeSuggestYes: () => "是，催办",
  supplementSuggestNo: () => "不是，这是新的事",
  supplementYes: () => "补充进去",
  supplementNo: () => "不用了",
  supplementDone: ({ trackingNo, words, photos }) =>
    words
      ? `已补充到编号 ${trackingNo}，办理的工作人员会看到。`
      : `已把 ${photos} 张照片补充到编号 ${trackingNo}（没有文字说明），办理的工作人员会看到。`,
  supplementGroupGrown: ({ group }) =>
    `已按您补充的情况更新涉及人数：${groupExtent("zh", group)}。`,
  supplementDeclined: () => "好的，没有补充。",
  urgeDone: ({ trackingNo, ordinal, words }) =>
    ordinal === null
      ? `编号 ${trackingNo} 今天已经为您催办过了，承办单位会尽快处理。${
          words ? "您说的情况已补充到事项中，办理的工作人员会看到。" : ""
        }`
      : `已为您催办，承办单位会尽快处理。（编号 ${trackingNo}，第 ${ordinal} 次催办${
          words ? "；您说的情况已一并补充" : ""
        }）`,
  urgeRefused: ({ trackingNo }) =>
    `编号 ${trackingNo} 已经答复、办结或撤回，不能再催办了。如果是新的情况，可以直接跟我说。`,
  supplementRefused: ({ trackingNo }) =>
    `编号 ${trackingNo} 现在不能再补充了（已经答复、办结或撤回）。如果是新的情况，可以直接跟我说。`,
  supplementFailed: () => "抱歉，系统暂时出了问题，没能补充进去。请过一会儿再试。",
  supplementWordsAsk: ({ trackingNo, photos }) =>
    photos > 0
      ? `请说说照片上的情况（补充到编号 ${trackingNo}），或者点“就补充照片”，不写字也行。`
      : `请说要补充的内容（补充到编号 ${trackingNo}）。`,
  supplementPhotosOnly: () => "就补充照片",
  supplementWhich: () => "您有几件正在办理的事，要补充到哪一件？",
  supplementCaseButton: ({ trackingNo, categoryName }) => `补充到 ${trackingNo}（${categoryName}）`,
  supplementNothing: () => "您现在没有正在办理的事可以补充。",
  phoneAsk: ({ trackingNos, phone }) =>
    trackingNos.length === 1
      ? `要把您正在办理的事（编号 ${trackingNos[0]}）的联系电话改成 ${spacedEnd(phone)}吗？`
      : `要把您正在办理的 ${trackingNos.length} 件事（编号 ${trackingNos.join("、")}）的联系电话都改成 ${spacedEnd(phone)}吗？`,
  phoneYes: () => "是",
  phoneNo: () => "不用了",
  phoneDone: ({ trackingNos, phone }) =>
    `已把编号 ${trackingNos.join("、")} 的联系电话改成 ${phone}，工作人员以后打这个号码联系您。`,
  phoneKept: () => "好的，联系电话没有改。",
  phoneRefused: ({ trackingNos }) =>
    `编号 ${trackingNos.join("、")} 已经答复、办结或撤回，联系电话没有改。`,
  phoneFailed: ({ trackingNos }) =>
    `抱歉，系统暂时出了问题，编号 ${trackingNos.join("、")} 的联系电话没能改好，请过一会儿再说一次。`,
  phoneTakenForDraft: ({ phone }) => `好的，这件事的联系电话记为 ${phone}。`,
  phoneNothing: () => "您现在没有正在办理的事，不用改联系电话。以后反映新的事，留这个号码就行。",
  ratingReasonAsk: ({ trackingNo }) =>
    `请直接回复，说说编号 ${trackingNo} 哪里没有解决或不满意，我们会认真改进：`,
  ratingReasonThanks: () => "已记录您的意见，谢谢。",
  ratingReasonTaken: () => "您说的情况已经和评价一起记下，工作人员会看到。",
  reasonMayBeNewMatter: () => "这听起来也像是一件新的事：",
  againAsk: ({ trackingNo }) => `是编号 ${trackingNo} 那件事没解决，还是要反映一件新的事？`,
  againOld: ({ trackingNo }) => `${trackingNo} 那件事没解决`,
  againNew: () => "我要反映新问题",
  ratingReasonFailed: () => "抱歉，系统暂时出了问题，您的意见没有记下，请过一会儿再发一次。",
  ratingLater: ({ trackingNo }) =>
    `好的，不着急。编号 ${trackingNo} 的答复，等有了结果再评价：到时候在答复下面点“已解决”或“未解决”，或者直接跟我说（比如“钱拿到了”“还是没给”）。`,
  earlierReportNotHere: () =>
    "这里查不到您以前反映的记录（打电话或在别的地方反映的，这里看不到）。请把这件事再说一遍：是什么事、在哪里，我帮您重新登记，您说的以前反映过也会一起记下，工作人员能看到。",
  thanksAcknowledged: () => "不客气，有需要随时找我们。",
  greetingAnswer: () => "您好，我在。有什么事，直接用文字说就行，也可以点下面的按钮。",
  waiting: ({ filing }) =>
    filing
      ? "好的，不着急，我等您。刚才填的都记着，您准备好了直接回复就行。"
      : "好的，不着急。想好了直接跟我说就行，也可以点下面的按钮。",
  casesUnavailable: () => "抱歉，暂时查不到，请过一会儿再试。",
  statusUsage: () => "请在 /status 后面写上编号，比如：/status ZK-20261128-0042",
  statusNotFound: ({ trackingNo, commands }) =>
    commands
      ? `没有找到您反映的编号为 ${trackingNo} 的事。请看看编号对不对，或者发 /mycases 看全部。`
      : `没有找到您反映的编号为 ${trackingNo} 的事。请看看编号对不对，或者点“查看我反映过的事”看全部。如果是用别的手机或在别处反映的，请到上面的“查询进度”页面，输入编号和查询码查看。`,
  caseDetail: (c) =>
    [
      `编号：${c.trackingNo}`,
      ...(c.supported ? ["这是您附议的事，办理进展会同样通知您。"] : []),
      `类别：${c.categoryName}`,
      `提交时间：${formatDate("zh", c.submittedAt)}`,
      ...(c.contact ? [`联系电话：${contactShownToReporter("zh", c.contact)}`] : []),
      // Under review: "正在复查" (复核), not the 正在办理 of the first handling.
      `现在：${c.reviewStage === null ? STATUS[c.status] : `正在${reviewName(c.reviewStage, "zh")}`}`,
      ...(c.status === "received" && c.acceptanceDueAt
        ? [`最晚 ${formatDate("zh", c.acceptanceDueAt)} 前会告诉您是否受理。`]
        : []),
      ...(c.answerDueBy
        ? [
            `最晚 ${formatDate("zh", c.answerDueBy)} 前${c.reviewStage === null ? "答复" : "给您意见"}。`,
          ]
        : []),
      ...(c.answer
        ? [
            "",
            `${ANSWER_TITLE[c.answer.reviewStage]}（${formatDate("zh", c.answer.at)}）：`,
            c.answer.text,
            ...(c.answer.promisedBy
              ? [`承诺 ${formatCalendarDateAt("zh", c.answer.promisedBy, "day")} 前办好。`]
              : []),
          ]
        : []),
      ...(c.mayRate ? ["", "事情解决了吗？直接回复“解决了”或“没解决”就行。"] : []),
      "",
      "办理经过：",
      ...c.timeline.map(
        (entry) =>
          `· ${formatDateTime("zh", entry.at)} ${TIMELINE[entry.kind]}${timelineWords(entry)}`,
      ),
    ].join("\n"),
  caseButton: ({ trackingNo }) => `查看 ${trackingNo}`,
  webQueryCode: ({ trackingNo, queryCode }) =>
    [
      `您的查询码是：${queryCode}`,
      `在“查询进度”页面输入编号 ${trackingNo} 和这个查询码，就能查看办理进度和答复、评价答复、申请复查。请把编号和查询码一起记下，不要告诉别人。`,
    ].join("\n"),
  statusName: ({ status }) => STATUS[status],
  timelineName: ({ kind }) => TIMELINE[kind],
  timelineWords,
};
