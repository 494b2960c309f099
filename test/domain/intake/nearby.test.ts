/**
 * Nearby reports before filing, in the engine alone (an in-memory NearbyCases): when the
 * lookup happens and with what, typed answers, a case that closed meanwhile, a failing
 * lookup, and looking again after the place is edited.
 */
import { beforeEach, describe, expect, it } from "vitest";
import { createIntakeEngine } from "../../../src/domain/intake/engine.ts";
import type {
  JoinOutcome,
  NearbyCase,
  NearbyCases,
  NearbyQuestion,
} from "../../../src/domain/intake/ports.ts";
import { Conversation, createWorld, NOW, type World } from "./fakes.ts";

const CROSSING = { latitude: 33.627, longitude: 114.652 };

function openCase(trackingNo: string, address: string | null): NearbyCase {
  return {
    trackingNo,
    category: "municipal",
    address,
    region: "chuanhui",
    submittedAt: new Date(NOW.getTime() - 3 * 86_400_000),
    status: "in_progress",
    supporters: 2,
  };
}

class FakeNearby implements NearbyCases {
  readonly questions: NearbyQuestion[] = [];
  readonly joins: string[] = [];
  found: NearbyCase[] = [openCase("ZK-1", "川汇区人民路18号"), openCase("ZK-2", null)];
  closed = new Set<string>();
  failing = false;

  async find(question: NearbyQuestion) {
    this.questions.push(question);
    if (this.failing) throw new Error("database down");
    return this.found;
  }
  async join(citizenRef: string, trackingNo: string): Promise<JoinOutcome> {
    this.joins.push(`${citizenRef} ${trackingNo}`);
    return this.closed.has(trackingNo) ? "not_open" : "joined";
  }
}

describe("nearby reports in the intake conversation", () => {
  let world: World;
  let nearby: FakeNearby;
  let c: Conversation;
  let reported: unknown[];

  beforeEach(async () => {
    const base = await createWorld();
    nearby = new FakeNearby();
    reported = [];
    const problems = { ...base.deps.problems, nearbyFailed: (e: unknown) => reported.push(e) };
    const deps = { ...base.deps, nearby, problems };
    world = { ...base, deps, engine: createIntakeEngine(deps) };
    c = new Conversation(world);
    await c.command("new");
  });

  it("asks with the category, the point and the places, then shows street words only", async () => {
    await c.say("人民路的路灯坏了");
    await c.tap("对，就是这个");
    await c.send({ type: "location", ...CROSSING });
    expect(nearby.questions).toEqual([
      {
        citizenRef: "telegram:1001",
        category: "municipal",
        point: CROSSING,
        region: "chuanhui",
        placeKeys: ["road:人民路"],
      },
    ]);
    expect(c.state.step).toBe("nearby");
    expect(c.text).toContain("1. 市政市容 · 川汇区 人民路18号 · ");
    expect(c.text).toContain("2. 市政市容 · 川汇区 · ");
    expect(c.text).toContain("2 人附议");
    expect(c.text).not.toContain("ZK-1");
  });

  it("joins the case a typed 第二件 names, and ends the draft", async () => {
    await c.say("川汇区人民路的路灯坏了");
    await c.tap("对，就是这个");
    await c.say("第二件");
    expect(nearby.joins).toEqual(["telegram:1001 ZK-2"]);
    expect(c.text).toContain("编号：ZK-2");
    expect(c.state).toMatchObject({ step: "idle", draft: null });
  });

  it("goes on to the time question after a typed 不是，继续登记", async () => {
    await c.say("川汇区人民路的路灯坏了");
    await c.tap("对，就是这个");
    await c.say("不是，继续登记");
    expect(c.state.step).toBe("time");
    expect(c.state.draft!.nearby).toEqual([]);
  });

  it("takes a case that closed meanwhile off the list and asks about the rest", async () => {
    nearby.closed.add("ZK-1");
    await c.say("川汇区人民路的路灯坏了");
    await c.tap("对，就是这个");
    await c.tap("第1件是同一个问题（附议）");
    expect(c.text).toContain("不能附议了");
    expect(c.state.draft!.nearby!.map((o) => o.trackingNo)).toEqual(["ZK-2"]);
    expect(c.text).toContain("1. 市政市容 · 川汇区 · ");
  });

  it("files as usual when the lookup fails, and reports it", async () => {
    nearby.failing = true;
    await c.say("川汇区人民路的路灯坏了");
    await c.tap("对，就是这个");
    expect(c.state.step).toBe("time");
    expect(reported).toEqual([new Error("database down")]);
  });

  it("asks nothing for 其他, nor without a street or point", async () => {
    await c.say("川汇区有个事情想反映一下，说不清是什么");
    expect(nearby.questions).toEqual([]);
  });

  it("looks again when the place is edited from the summary", async () => {
    nearby.found = [];
    await c.say("川汇区人民路的路灯坏了");
    await c.tap("对，就是这个");
    await c.tap("不记得了");
    await c.tap("没有照片");
    await c.tap("匿名反映");
    expect(c.state.step).toBe("summary");
    nearby.found = [openCase("ZK-3", "川汇区七一路")];
    await c.tap("修改");
    await c.tap("地点");
    await c.say("川汇区七一路");
    expect(nearby.questions.at(-1)!.placeKeys).toContain("road:七一路");
    expect(c.state.step).toBe("nearby");
    await c.tap("不是，继续登记");
    expect(c.state.step).toBe("summary");
  });
});
