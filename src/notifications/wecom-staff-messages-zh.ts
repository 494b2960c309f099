/**
 * Texts of the WeCom self-built app for staff: the buttons of the clerks' new-case card and
 * what a card says once pressed (at most 30 bytes: WeCom's replace_name limit).
 */
export const wecomStaffZh = {
  confirmButton: (unitName: string) => `确认：${unitName}`,
  notAcceptButton: (label: string) => `不予受理：${label}`,
  confirmedBy: (name: string) => `已由 ${name} 确认`,
  notAcceptedBy: (name: string) => `已由 ${name} 不予受理`,
  decidedBy: (name: string) => `已由 ${name} 处理`,
  decidedBySomeone: "已由他人处理",
  failed: "操作未成功，请到后台处理",
};

/** The shape of the staff app's texts. */
export type WeComStaffTexts = typeof wecomStaffZh;
