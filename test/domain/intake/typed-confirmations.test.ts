/**
 * The three yes/no questions beside the conversation — "really cancel?", "file this as a new
 * complaint?", "I heard: … right?" — answered by typing, as many elderly citizens do: a plain
 * yes or no answers each, and each keeps its own words (继续 goes on filing, 重说 asks for the
 * recording again) without them answering the others.
 */
import { beforeEach, describe, expect, it } from "vitest";
import { Conversation, createWorld } from "./fakes.ts";

const STREET_LAMP = "光明路的路灯坏了一个星期了";

describe("typed answers to the yes/no questions", () => {
  let c: Conversation;
  beforeEach(async () => {
    c = new Conversation(await createWorld());
  });

  describe("really cancel?", () => {
    beforeEach(async () => {
      await c.command("new");
      await c.say(STREET_LAMP);
      await c.say("算了不弄了");
      expect(c.state.pending).toEqual({ kind: "cancel" });
    });

    it.each(["继续", "继续填写", "不取消", "不用", "不对！"])(
      "goes on filing after %s",
      async (words) => {
        await c.say(words);
        expect(c.text).toContain("我们接着填");
        expect(c.state.pending).toBeNull();
        expect(c.state.draft?.description).toBe(STREET_LAMP);
      },
    );

    it.each(["好的", "确定", "嗯嗯", "确定，不提交了"])("stops filing after %s", async (words) => {
      await c.say(words);
      expect(c.text).toContain("已经取消");
      expect(c.state.draft).toBeNull();
    });
  });

  describe("file this as a new complaint?", () => {
    beforeEach(async () => {
      await c.say("楼下的垃圾桶满了好几天没人收");
      expect(c.state.pending?.kind).toBe("offer");
    });

    it.each(["中", "好的。", "是，开始反映", "dui", "shi de", "Hao", "👍", "👌🏻", "✔️"])(
      "starts the complaint after %s",
      async (words) => {
        await c.say(words);
        expect(c.state.draft?.description).toBe("楼下的垃圾桶满了好几天没人收");
      },
    );

    it.each(["不用", "不用了", "算了", "不中", "bu yong", "suan le", "👎"])(
      "leaves it after %s",
      async (words) => {
        await c.say(words);
        expect(c.text).toContain("有需要随时找我");
        expect(c.state.pending).toBeNull();
      },
    );

    it.each(["继续", "重说", "🙂", "。。。"])(
      "does not take %s as a yes or no to the offer",
      async (words) => {
        await c.say(words);
        expect(c.text).not.toContain("有需要随时找我");
        expect(c.state.draft).toBeNull();
        expect(c.state.pending?.kind).toBe("offer");
      },
    );

    it.each(["继续", "重说"])("does not take %s as a no to the offer", async (words) => {
      await c.say(words);
      expect(c.text).not.toContain("有需要随时找我");
      expect(c.state.pending?.kind).toBe("offer");
    });
  });

  describe("I heard: … right?", () => {
    beforeEach(async () => {
      await c.command("new");
      await c.send({ type: "voice", recordingId: "rec-1", transcript: STREET_LAMP });
      expect(c.state.pending?.kind).toBe("voice");
    });

    it.each(["对", "对的", "嗯"])("takes the words heard after %s", async (words) => {
      await c.say(words);
      expect(c.state.pending).toBeNull();
      expect(c.state.draft?.description).toBe(STREET_LAMP);
      expect(c.state.draft?.recordings).toEqual(["rec-1"]);
    });

    it("keeps the words heard when the typed 对 is edited later: 对 is a tap, not the description", async () => {
      await c.send({ type: "text", text: "对", messageId: "41" });
      await c.send({ type: "edited", messageId: "41", text: "对的" });
      expect(c.text).toContain("已经记下的内容不会跟着变");
      expect(c.state.draft?.description).toBe(STREET_LAMP);
    });

    it.each(["重说", "再说一遍", "不对"])("asks for the words again after %s", async (words) => {
      await c.say(words);
      expect(c.text).toContain("请再说一遍");
      expect(c.state.pending).toBeNull();
      expect(c.state.draft?.description).toBeNull();
    });

    it("does not take 继续 as a no: it is the citizen's own words instead", async () => {
      await c.say("继续");
      expect(c.text).not.toContain("请再说一遍");
      expect(c.state.pending).toBeNull();
    });

    it("takes a typed description instead of the words heard", async () => {
      await c.say("光明路东头的路灯不亮了");
      expect(c.state.draft?.description).toBe("光明路东头的路灯不亮了");
    });
  });
});

describe("a sign for yes at the draft's own yes/no question", () => {
  it("takes 👍 under “对吗？” as the kind of matter confirmed", async () => {
    const c = new Conversation(await createWorld());
    await c.command("new");
    await c.say(STREET_LAMP);
    expect(c.state.step).toBe("category");
    await c.say("👍");
    expect(c.state.draft?.category).toBe("municipal");
    expect(c.state.step).not.toBe("category");
  });
});

describe("a yes or no said the way people say it", () => {
  let c: Conversation;
  beforeEach(async () => {
    c = new Conversation(await createWorld());
    await c.command("new");
    await c.say(STREET_LAMP);
    expect(c.state.step).toBe("category");
  });

  it.each(["嗯是的", "对对对", "是啊", "对呀对呀", "好的好的", "嗯，对", "中中中", "对的呀"])(
    "takes %s under “对吗？” as the kind of matter confirmed",
    async (words) => {
      await c.say(words);
      expect(c.state.draft?.category).toBe("municipal");
      expect(c.state.step).not.toBe("category");
    },
  );

  it.each(["嗯，不对", "不对不对", "不是不是", "不是啊"])(
    "opens the list of kinds after %s",
    async (words) => {
      await c.say(words);
      expect(c.state.step).toBe("category_list");
      expect(c.state.draft?.category).toBeNull();
    },
  );

  it.each(["yep that's right", "yes yes", "Sure."])(
    "takes %s in English as the kind of matter confirmed",
    async (words) => {
      await c.say(words);
      expect(c.state.draft?.category).toBe("municipal");
      expect(c.state.draft?.description).toBe(STREET_LAMP);
    },
  );

  it("does not take 是吗 as a yes: it asks back", async () => {
    await c.say("是吗？");
    expect(c.state.step).toBe("category");
    expect(c.state.draft?.category).toBeNull();
  });

  it("stops filing after 好吧 to “really cancel?”, goes on after 继续吧", async () => {
    await c.say("算了吧，不弄了");
    expect(c.state.pending).toEqual({ kind: "cancel" });
    await c.say("继续吧");
    expect(c.text).toContain("我们接着填");
    await c.say("算了不弄了");
    await c.say("好吧");
    expect(c.text).toContain("已经取消");
    expect(c.state.draft).toBeNull();
  });
});

describe("“咨询 or 反映？” answered in words", () => {
  const QUESTION = "请问俺娘七十多了，能不能申请低保，要啥材料";
  let c: Conversation;
  beforeEach(async () => {
    c = new Conversation(await createWorld());
    await c.say(QUESTION);
    expect(c.text).toContain("您是想咨询");
  });

  it.each(["咨询一下", "我就问问", "想咨询", "问一下", "我想咨询个事"])(
    "files the question as a consultation after %s",
    async (words) => {
      await c.say(words);
      expect(c.state.draft?.description).toBe(QUESTION);
      expect(c.state.draft?.requestKind).toBe("consultation");
    },
  );

  it.each(["我要反映", "投诉一下", "我想反映个问题"])(
    "files it as a complaint after %s",
    async (words) => {
      await c.say(words);
      expect(c.state.draft?.description).toBe(QUESTION);
      expect(c.state.draft?.requestKind).toBe("complaint");
    },
  );
});

describe("words wanting to tell something, beside words offered for filing", () => {
  it("files the words offered after 我要投诉, never an empty draft that drops them", async () => {
    const c = new Conversation(await createWorld());
    await c.say("楼下的垃圾桶满了好几天没人收");
    expect(c.state.pending?.kind).toBe("offer");
    await c.say("我要投诉");
    expect(c.state.draft?.description).toBe("楼下的垃圾桶满了好几天没人收");
  });
});
