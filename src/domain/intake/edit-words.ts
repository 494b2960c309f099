/**
 * A change said in words at the summary or at "what to change?": "地点不对，是八一路和七一路
 * 交叉口", "电话改成13812345678", "改一下时间". Many citizens say what is wrong rather than look
 * for the button; the field they name is opened and the words after it answer its question.
 */
import type { EditableField } from "../../i18n/catalog.ts";

/** The words citizens use for each field, Chinese and English. */
const FIELD_WORDS: Readonly<Record<EditableField, string>> = {
  description: "什么事|内容|描述|事情|description|what happened",
  category: "类别|分类|类型|种类|category|kind|topic",
  place: "地点|地址|位置|地方|place|address|location|where",
  time: "时间|日期|日子|time|date|when",
  photos: "照片|图片|相片|photos?|pictures?",
  contact: "联系方式|电话(?:号码?)?|手机(?:号码?)?|姓名|名字|contact|phone(?: number)?|name",
};

// "地点不对，是…", "电话改成…", "time: …": a field word and a change word before the new value.
const CHANGE_WORDS =
  "不对|错了|写错了|有误|要改|改一下|改成|改为|换成|应该是|is wrong|should be|wrong|to|[:：]";
const LEADING =
  "(?:我要|我想|想|要|请|帮我)?(?:改一下|修改|更改|改|change|edit)?\\s*(?:the |my )?的?";

const SAID = (Object.entries(FIELD_WORDS) as [EditableField, string][]).map(([field, words]) => ({
  field,
  bare: new RegExp(`^${LEADING}\\s*(?:${words})\\s*[。.!！]*$`, "iu"),
  changed: new RegExp(
    `^${LEADING}\\s*(?:${words})\\s*(?:${CHANGE_WORDS})+[，,、。.\\s]*(?:(?:应该)?是|改成|it is|it's|is)?\\s*(.*)$`,
    "iu",
  ),
}));

// What the value is not, said beside it: "是七一路和中州大道，不是八一路", "是七一路不是人民路",
// "不是前天，是大前天".
// Kept, it would stand in the corrected field ("【地点】…，不是八一路"). A description keeps
// it: there it may be the story itself.
const NOT_THIS_BEFORE = /^(?:不是|并不是|not)[^，,、;；]*[，,、;；]\s*(?:而是|是|but|it'?s)?\s*/iu;
const NOT_THIS_AFTER = /\s*(?:[，,、;；]\s*)?(?:而|并)?(?:不是|\bnot\b)[^，,、;；]*$/iu;

function withoutWhatItIsNot(field: EditableField, value: string): string {
  if (field === "description") return value;
  return value.replace(NOT_THIS_BEFORE, "").replace(NOT_THIS_AFTER, "");
}

export interface EditSaid {
  readonly field: EditableField;
  /** The new value said with it ("八一路和七一路交叉口"), or null when only the field was named. */
  readonly value: string | null;
}

/** The field a citizen asks to change and the new value said with it; null when none is named. */
export function editSaid(text: string): EditSaid | null {
  const said = text.trim();
  for (const { field, bare, changed } of SAID) {
    if (bare.test(said)) return { field, value: null };
    const match = changed.exec(said);
    if (match) {
      const value = withoutWhatItIsNot(field, match[1]!.replace(/[。.!！]+$/u, "").trim());
      return { field, value: value.length > 0 ? value : null };
    }
  }
  return null;
}
