/**
 * High-precision keyword rules for the decision rules of the taxonomy
 * (/work/shared/routing/taxonomy.md, "Decision rules for mixed cases").
 * A rule fires only on wording that settles the category on its own; the
 * statistical model decides everything else. Rules are tried in order and the
 * first that fires wins.
 */

export interface KeywordRule {
  /** Stable name, shown in the rationale and in tests. */
  readonly name: string;
  readonly category: string;
  readonly pattern: RegExp;
  /** The rule does not fire when this matches too. */
  readonly unless?: RegExp;
}

export interface RuleHit {
  readonly rule: KeywordRule;
  readonly match: string;
}

const OFFICIAL =
  "(村干部|村支书|支书|村主任|村书记|书记|村长|村会计|镇长|乡长|副镇长|副乡长|干部|领导|局长|科长|所长|站长|主任|工作人员|公职人员|公务员)";

export const KEYWORD_RULES: readonly KeywordRule[] = [
  {
    // Rule 1: the citizen says they want the benefit, not a punishment.
    name: "benefit-not-punishment",
    category: "civil_affairs",
    pattern:
      /^(?=[^]*(不是要告|不想追究|不追究|不是要举报|不是举报|不跟.{0,8}计较))[^]*(低保|特困|孤儿|残疾人?补贴|高龄补贴|养老院|五保)/,
  },
  {
    name: "farm-benefit-not-punishment",
    category: "agriculture",
    pattern:
      /^(?=[^]*(不是要告|不想追究|不追究|不是要举报|不是举报|不跟.{0,8}计较))[^]*(种粮补贴|良种补贴|农机补贴|耕地地力保护补贴|粮食补贴)/,
  },
  {
    name: "discipline-strong-words",
    category: "discipline",
    pattern:
      /(贪污|受贿|行贿|优亲厚友|关系保|人情保|吃拿卡要|中饱私囊|以权谋私|公款吃喝|吃空饷|虚报冒领|雁过拔毛)/,
    unless: /(不是要告|不想追究|不追究|不是举报)/,
  },
  {
    // Petty corruption told as a story: an office does nothing until a gift is handed over.
    name: "discipline-petty-bribe",
    category: "discipline",
    pattern:
      /^(?=[^]*(乡里|镇上|镇里|村里|窗口|办事|部门|派出所|所里|局里|干部|工作人员|办事员|盖章|证明|材料|手续|执照|审批|办证|城管|执法))[^]*((不|没)(递|塞|送|给|拿)(根|条|两条|点|个)?(烟|礼|红包|钱|好处|东西|好处费)|(递|塞|送)了?(根|条|两条|点|个)?(烟|红包|礼|好处费)[^。！？]{0,12}(才|就|第二天就)(办|给|盖|批)|得?意思意思|辛苦费|好处费|要红包|索要好处|塞红包)/,
    unless: /(不是要告|不想追究|不追究|不是举报|医生|医院|护士|大夫|老师|学校)/,
  },
  {
    name: "discipline-official-abuse",
    category: "discipline",
    pattern: new RegExp(
      `${OFFICIAL}.{0,40}(挪用|侵占|私分|截留|克扣|冒领|个人账户|自己腰包|利用职权|滥用职权|入了?股|上班时间.{0,10}喝酒|公车私用)|(钱|款|资金|补贴|物资).{0,20}(全|都)?(让|被|叫)${OFFICIAL}.{0,12}(分了|吞了|贪了|揣|装进|拿走了)`,
    ),
    unless: /(不是要告|不想追究|不追究|只求|只想)/,
  },
  {
    // Rule 7: how police or courts handled a case is legal, not a crime report.
    name: "legal-procedure",
    category: "legal",
    pattern:
      /(判决|裁定书|强制执行|执行难|法律援助|不予立案|不立案|立不了案|拒不立案|再审|检察院|执法不公|枉法)/,
  },
  {
    // Safety words of the utilities: gas, leaning poles, cut or hanging cables.
    name: "utilities-hazard",
    category: "utilities",
    pattern:
      /((煤气|燃气|天然气)(味|泄漏|漏气|管道漏|管子漏|表)|臭鸡蛋味.{0,20}(管道|管子|阀门|灶|开火|打火)|(管道|管子|阀门|灶台|燃气灶).{0,20}臭鸡蛋味|电线杆.{0,6}(歪|斜|倒|断)|(电缆|电线|高压线).{0,8}(挖断|砸断|刮断|断了|垂|耷拉|冒火花|打火)|变压器.{0,6}(冒烟|着火|爆))/,
    unless: /(路灯|噪音|扰民)/,
  },
  {
    // Rule 2: noise is always environment.
    name: "noise",
    category: "environment",
    pattern:
      /(噪音|噪声|早音|扰民|声音刺耳|震耳|震天响|(不停地|一直|整夜|日夜|一夜)(地)?响|嗡嗡响|轰轰响|吵得.{0,8}(睡不着|没法睡|无法入睡|休息))/,
  },
  {
    // Rule 7: gambling is a crime to report, also when told by its stakes ("一晚上输赢几万").
    name: "gambling",
    category: "public_security",
    pattern:
      /(赌钱|赌博|赌场|聚赌|推牌九|炸金花|输赢(好|上)?几?[十百千万]|(摸牌|打牌|麻将|牌九).{0,12}(一把|一晚上|一场|一夜).{0,4}(几千|上千|上万|几万|好几百|几百))/,
    unless: /(村干部|干部|书记|村长|主任|领导|民警|警察|派出所.{0,10}(不管|不立案))/,
  },
  {
    // Rule 2: odour from a farm or a factory is environment, wherever it is smelled (a school, a home).
    name: "farm-factory-odour",
    category: "environment",
    pattern:
      /(养猪场|养牛场|养鸡场|养鸭场|养羊场|养殖场|猪场|鸡场|牛场|羊场|化工厂|工厂|厂子|厂里).{0,30}(臭味|异味|臭气|粪味|刺鼻|呛人|臭得|熏得)/,
    unless: /(食堂|饭菜|饭店|餐馆|工资|工钱|下水道)/,
  },
  {
    // Rule 5: wage arrears are labor, whoever the employer.
    name: "wage-arrears",
    category: "labor",
    pattern:
      /(欠薪|讨薪|农民工工资|(拖欠|克扣|欠).{0,8}(工资|工钱|薪水|血汗钱)|欠.{0,6}(工人|民工|农民工|工友)的?(钱|账)|(工资|工钱|薪水).{0,10}(不发|没发|拖着|不给|没给|一直没|至今未|讨不))/,
    unless: new RegExp(`${OFFICIAL}.{0,20}(冒领|克扣|贪污)|吃空饷`),
  },
  {
    // Rule 10: medical-insurance reimbursement is health.
    name: "medical-insurance",
    category: "health",
    pattern: /(医保.{0,6}报销|报销.{0,10}医保|门诊慢特病|慢特病|异地就医)/,
  },
  {
    // Rule 9: school canteens are education.
    name: "school-canteen",
    category: "education",
    pattern: /(学校|学生|校园)食堂/,
  },
  {
    // Rule 6: lifts in residential compounds are housing.
    name: "residential-elevator",
    category: "housing",
    pattern: /(小区|楼道|单元|住宅|号楼).{0,20}电梯|电梯.{0,20}(小区|物业|业主|维保|年检)/,
    unless: /(电梯没问题|电梯没毛病|停电|断电|电梯也跟着停)/,
  },
  {
    // Rule 3: building on farmland is land.
    name: "farmland-building",
    category: "land",
    pattern: /(耕地|基本农田|农用地|麦地|庄稼地|承包地).{0,20}(盖|建|圈|硬化|水泥)/,
    unless: /高标准农田/,
  },
  {
    // Rule 4: sewage overflowing in a street is municipal.
    name: "street-sewage",
    category: "municipal",
    pattern: /(下水道|窨井|污水井|排水管).{0,10}(堵|冒|溢|返|漫)/,
    unless: /(河|沟渠|坑塘|水塘|不是下水道|自来水|水龙头)/,
  },
  {
    // Rule 8: roads between villages are transport.
    name: "rural-road",
    category: "transport",
    pattern: /(村村通|通村路|乡村公路|农村公路|(两个|几个)村(子)?之间.{0,6}路)/,
    unless: /(不是路|水渠|干渠|灌溉|浇地)/,
  },
  {
    // Rule 8 again: a village's own broken road is a rural road too ("俺们村的路坑坑洼洼").
    // Its lamps, drains, covers and rubbish are not the road; an urban village is a town.
    name: "village-road-damage",
    category: "transport",
    pattern:
      /村(?:子|里|子里|里头|内|中)?的?(?:那条|这条)?(?:主)?(?:路|道路|土路|水泥路|砂石路|生产路|小路)(?![灯边口旁沿])[^。！？!?]{0,12}(?:坑|洼|烂|破|坏|塌|断|泥|不平|难走|没法走|没人修)/,
    unless: /(不是路|水渠|干渠|灌溉|浇地|城中村|路灯|下水道|井盖|垃圾|修好了)/,
  },
];

/** The first rule that fires on `text`, or null. Never throws. */
export function matchKeywordRule(
  text: string,
  rules: readonly KeywordRule[] = KEYWORD_RULES,
): RuleHit | null {
  for (const rule of rules) {
    const match = rule.pattern.exec(text);
    if (match && !(rule.unless && rule.unless.test(text))) return { rule, match: match[0] };
  }
  return null;
}
