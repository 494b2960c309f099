/**
 * The Open311 GeoReport v2 server as another system uses it, over HTTP against
 * the whole service: the spec's example calls (https://wiki.open311.org/GeoReport_v2,
 * "POST Service Request" and "GET Service Requests"), with our categories and a
 * position in 周口 instead of San Francisco's. Bad input gets the spec's error
 * list with its status, never a 500.
 */
import { beforeAll, describe, expect, it } from "vitest";
import { citizenRef } from "../../../src/domain/citizen-ref.ts";
import { createOpen311Store } from "../../../src/storage/open311-store.ts";
import { PROVIDERS } from "../../support/databases.ts";
import { sonOnlyBefore } from "../../support/former-contact.ts";
import { startTestApp, type TestApp } from "../../support/test-app.ts";

let service: TestApp;
let apiKey: string;

beforeAll(async () => {
  service = await startTestApp();
  apiKey = (await createOpen311Store(service.app.db).issueKey("城市管理 App", "admin-1")).key;
});

const get = (path: string) => fetch(`${service.url}/open311/v2/${path}`);
const post = (path: string, fields: Record<string, string>) =>
  fetch(`${service.url}/open311/v2/${path}`, {
    method: "POST",
    headers: { "content-type": "application/x-www-form-urlencoded" },
    body: new URLSearchParams(fields).toString(),
  });

/** The spec's example POST, with our service code and a crossing of 川汇区. */
const specPost = () => ({
  api_key: apiKey,
  service_code: "municipal",
  lat: "33.6301",
  long: "114.6502",
  address_string: "川汇区七一路与人民路交叉口",
  email: "smit222@sfgov.edu",
  device_id: "tt222111",
  account_id: "123456",
  first_name: "john",
  last_name: "smith",
  phone: "13912345678",
  description: "路口的井盖没了，晚上很危险",
  media_url: "http://farm3.static.flickr.com/2002/2212426634_5ed477a060.jpg",
});

describe("service discovery", () => {
  it("tells a 311 client where the endpoint is and what it serves, and the endpoint answers there", async () => {
    const response = await fetch(`${service.url}/open311/discovery.json`);
    expect(response.status).toBe(200);
    const discovery = (await response.json()) as {
      changeset: string;
      key_service: string;
      endpoints: { url: string; specification: string; formats: string[]; type: string }[];
    };
    expect(discovery).toMatchObject({
      changeset: expect.stringMatching(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$/),
      contact: expect.any(String),
      key_service: expect.stringContaining("api_key"),
    });
    const [endpoint] = discovery.endpoints;
    expect(endpoint).toMatchObject({
      specification: "http://wiki.open311.org/GeoReport_v2",
      url: `${service.url}/open311/v2`,
      type: "production",
      formats: ["application/json", "text/xml"],
    });

    const services = await fetch(`${endpoint!.url}/services.json`);
    expect(services.status).toBe(200);
    // Also beside the services, where some clients look for it.
    expect(await (await get("discovery.json")).json()).toEqual(discovery);
  });

  it("names the endpoint under PUBLIC_URL, the address other systems reach the service at", async () => {
    const behindProxy = await startTestApp({
      env: { PUBLIC_URL: "https://12345.zhoukou.example/" },
    });
    const response = await fetch(`${behindProxy.url}/open311/discovery.json`);
    const { endpoints } = (await response.json()) as { endpoints: { url: string }[] };
    expect(endpoints[0]!.url).toBe("https://12345.zhoukou.example/open311/v2");
  });

  it("is served in XML with each list's items under their own element", async () => {
    const text = await (await get("discovery.xml?locale=en")).text();
    expect(text).toMatch(/^<\?xml version="1.0" encoding="utf-8"\?>\n<discovery>/);
    expect(text).toContain("<key_service>Reading needs no key;");
    expect(text).toMatch(
      /<endpoints>\s*<endpoint>[^]*<formats>\s*<format>application\/json<\/format>\s*<format>text\/xml<\/format>\s*<\/formats>[^]*<\/endpoint>\s*<\/endpoints>/,
    );
  });
});

describe("GET services", () => {
  it("lists the directory's categories as services, in JSON and XML", async () => {
    const json = await get("services.json");
    expect(json.status).toBe(200);
    expect(json.headers.get("content-type")).toContain("application/json");
    const services = (await json.json()) as Record<string, unknown>[];
    expect(services.find((s) => s.service_code === "municipal")).toEqual({
      service_code: "municipal",
      service_name: "市政市容",
      description: expect.any(String),
      metadata: false,
      type: "realtime",
      keywords: expect.stringContaining("井盖"),
      group: expect.any(String),
    });

    const xml = await get("services.xml?locale=en");
    expect(xml.headers.get("content-type")).toContain("text/xml");
    const text = await xml.text();
    expect(text).toMatch(/^<\?xml version="1.0" encoding="utf-8"\?>\n<services>\n\s+<service>/);
    expect(text).toContain("<service_name>City streets and public spaces</service_name>");
  });

  it("defines a service with no attributes, and 404s an unknown one", async () => {
    expect(await (await get("services/municipal.json")).json()).toEqual({
      service_code: "municipal",
      attributes: [],
    });
    const unknown = await get("services/nope.json");
    expect(unknown.status).toBe(404);
    expect(await unknown.json()).toEqual([
      { code: 404, description: "service_code nope was not found" },
    ]);
  });
});

describe("POST requests and GET requests", () => {
  it("makes a case of channel open311 and answers its service_request_id", async () => {
    const response = await post("requests.json", specPost());

    expect(response.status).toBe(201);
    const [answer] = (await response.json()) as { service_request_id: string }[];
    expect(answer).toEqual({
      service_request_id: expect.stringMatching(/^ZK-\d{8}-\d{4}$/),
      // The spec's example is a missing manhole cover: an immediate danger (see below).
      service_notice: expect.stringContaining("110"),
      account_id: null,
    });
    const row = await service.app.db.case.findUniqueOrThrow({
      where: { trackingNo: answer!.service_request_id },
    });
    expect(row).toMatchObject({
      channel: "open311",
      categoryCode: "municipal",
      regionCode: "chuanhui",
      address: "川汇区七一路与人民路交叉口",
      latitude: 33.6301,
      longitude: 114.6502,
      contactPhone: "13912345678",
    });
  });

  it("keeps a request written in traditional characters in simplified ones, as the chats keep a citizen's words", async () => {
    const traditional = {
      ...specPost(),
      description: "路口的井蓋沒了，晚上很危險",
      address_string: "川匯區七一路與人民路交叉口",
      first_name: "秀英",
      last_name: "陳",
    };
    const [posted] = (await (await post("requests.json", traditional)).json()) as {
      service_request_id: string;
    }[];

    const row = await service.app.db.case.findUniqueOrThrow({
      where: { trackingNo: posted!.service_request_id },
    });
    expect(row).toMatchObject({
      description: "路口的井盖没了，晚上很危险",
      address: "川汇区七一路与人民路交叉口",
      contactName: "陈秀英",
      regionCode: "chuanhui",
    });
  });

  it("shows a request open, without the reporter's name, phone or account", async () => {
    const [posted] = (await (await post("requests.json", specPost())).json()) as {
      service_request_id: string;
    }[];
    const id = posted!.service_request_id;

    const one = await get(`requests/${id}.json`);
    expect(one.status).toBe(200);
    const [request] = (await one.json()) as Record<string, unknown>[];
    expect(request).toMatchObject({
      service_request_id: id,
      status: "open",
      status_notes: null,
      service_code: "municipal",
      service_name: "市政市容",
      description: "路口的井盖没了，晚上很危险",
      agency_responsible: null,
      address: "川汇区七一路与人民路交叉口",
      lat: 33.6301,
      long: 114.6502,
      requested_datetime: expect.stringMatching(/\+08:00$/),
    });
    const listed = await (await get("requests.json?status=open&service_code=municipal")).text();
    expect(listed).toContain(id);
    for (const secret of ["13912345678", "smith", "john", "123456", "tt222111", "smit222"]) {
      expect(listed).not.toContain(secret);
    }
    expect(await (await get("requests.json?status=closed")).json()).toEqual([]);
    const xml = await (await get(`requests/${id}.xml`)).text();
    expect(xml).toContain(`<service_request_id>${id}</service_request_id>`);
    expect(xml).toContain("<status>open</status>");
  });

  it("masks a phone number written into the description, also in groups, and the reporter's name", async () => {
    const withPhone = { ...specPost(), description: "路口的井盖没了，联系我 139 1234 5678" };
    const [posted] = (await (await post("requests.json", withPhone)).json()) as {
      service_request_id: string;
    }[];
    const [request] = (await (
      await get(`requests/${posted!.service_request_id}.json`)
    ).json()) as Record<string, unknown>[];
    expect(request!.description).toBe("路口的井盖没了，联系我 *** **** ****");

    const named = {
      ...specPost(),
      first_name: "秀英",
      last_name: "王",
      description: "路口的井盖没了，我叫王秀英，天黑了很危险",
      address_string: "川汇区七一路王秀英家门口",
    };
    const [filed] = (await (await post("requests.json", named)).json()) as {
      service_request_id: string;
    }[];
    const [shown] = (await (
      await get(`requests/${filed!.service_request_id}.json`)
    ).json()) as Record<string, unknown>[];
    expect(shown!.description).toBe("路口的井盖没了，我叫***，天黑了很危险");
    expect(shown!.address).toBe("川汇区七一路***家门口");
  });

  it("names the responsible unit once the case is routed (in English with locale=en), and closed with notes when answered", async () => {
    const [posted] = (await (await post("requests.json", specPost())).json()) as {
      service_request_id: string;
    }[];
    const id = posted!.service_request_id;
    const unit = service.app.directory.units.find(
      (u) => u.department === "urban_management" && u.region === "chuanhui",
    )!;
    const clerk = { kind: "clerk", id: "clerk-li" } as const;
    const handler = { kind: "handler", id: "h", unitId: unit.id } as const;
    await service.app.caseActions.act(id, { type: "route", unitId: unit.id }, clerk);
    const [routed] = (await (await get(`requests/${id}.json`)).json()) as Record<string, unknown>[];
    expect(routed).toMatchObject({ status: "open", agency_responsible: unit.name });
    const [inEnglish] = (await (await get(`requests/${id}.json?locale=en`)).json()) as Record<
      string,
      unknown
    >[];
    expect(inEnglish!.agency_responsible).toBe("Chuanhui District Urban Management Bureau");

    await service.app.caseActions.act(id, { type: "start" }, handler);
    await service.app.caseActions.act(
      id,
      { type: "answer", outcome: "support", text: "已更换井盖" },
      handler,
    );
    const [answered] = (await (await get(`requests/${id}.json`)).json()) as Record<
      string,
      unknown
    >[];
    expect(answered).toMatchObject({ status: "closed", status_notes: "已答复：支持" });
  });
});

describe("an immediate danger posted by another system", () => {
  const posted = async (description: string, query = "") => {
    const response = await post(`requests.json${query}`, { ...specPost(), description });
    const [answer] = (await response.json()) as {
      service_request_id: string;
      service_notice: string | null;
    }[];
    const row = await service.app.db.case.findUniqueOrThrow({
      where: { trackingNo: answer!.service_request_id },
    });
    return { notice: answer!.service_notice, urgent: row.isEmergency };
  };

  it("is urgent, as in a chat, and the reporter is told whom to call now", async () => {
    expect(await posted("路口的井盖没了，晚上很危险")).toEqual({
      notice:
        "涉及紧急危险，已优先处理。如果现在有危险：井盖没了或敞开：请马上打 110，在旁边提醒行人和车辆绕开。",
      urgent: true,
    });
    expect(await posted("楼道里一股煤气味，好几户都闻到了")).toEqual({
      notice: expect.stringContaining("请马上打 119"),
      urgent: true,
    });
  });

  it("is told in English to an app asking in English", async () => {
    const { notice } = await posted("There is a live wire hanging over the pavement", "?locale=en");
    expect(notice).toMatch(/^An immediate danger: it is handled first\. .*110/);
  });

  it("is not claimed for an everyday matter, nor for a danger said to be dealt with", async () => {
    expect(await posted("小区门口的路灯坏了一个星期了")).toEqual({ notice: null, urgent: false });
    expect(await posted("上回说的路口井盖没了的事已经处理好了，谢谢")).toEqual({
      notice: null,
      urgent: false,
    });
  });
});

describe("bad input gets the spec's errors", () => {
  it.each([
    ["no api_key", { api_key: "" }, 403, "api_key was not provided"],
    ["an unknown api_key", { api_key: "not-a-key" }, 403, "api_key is not valid"],
    ["an unknown service_code", { service_code: "nope" }, 404, "service_code nope was not found"],
    ["a latitude that is no number", { lat: "north" }, 400, "lat and long must"],
    [
      "no location at all",
      { lat: "", long: "", address_string: "" },
      400,
      "a location (lat & long, address_string or address_id) is required",
    ],
  ])("POST with %s", async (_what, change, status, description) => {
    const response = await post("requests.json", { ...specPost(), ...change });
    expect(response.status).toBe(status);
    expect(await response.json()).toEqual([
      { code: status, description: expect.stringContaining(description) },
    ]);
  });

  it("answers XML errors in XML", async () => {
    const response = await post("requests.xml", { ...specPost(), api_key: "" });
    expect(response.status).toBe(403);
    expect(await response.text()).toContain(
      "<errors>\n    <error>\n        <code>403</code>\n        <description>api_key was not provided</description>",
    );
  });

  it("refuses bad dates, an unknown request, an unknown format and a broken body with 4xx", async () => {
    const dates = await get("requests.json?start_date=yesterday");
    expect(dates.status).toBe(400);
    expect(await dates.json()).toEqual([
      { code: 400, description: expect.stringContaining("start_date") },
    ]);
    expect((await get("requests/ZK-20000101-0001.json")).status).toBe(404);
    expect((await get("services.html")).status).toBe(404);
    const broken = await fetch(`${service.url}/open311/v2/requests.json`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: "{not json",
    });
    expect(broken.status).toBe(400);
    expect(await broken.json()).toEqual([{ code: 400, description: expect.any(String) }]);
  });
});

describe("a post another system got wrong", () => {
  const open311Cases = () => service.app.db.case.count({ where: { channel: "open311" } });
  const postJson = (body: unknown, type = "application/json") =>
    fetch(`${service.url}/open311/v2/requests.json`, {
      method: "POST",
      headers: { "content-type": type },
      body: typeof body === "string" ? body : JSON.stringify(body),
    });

  it("is refused, naming the field, when a field is an object or given twice, and files nothing", async () => {
    const before = await open311Cases();
    const twice = `${new URLSearchParams(specPost()).toString()}&phone=13700000000`;
    const answers = [
      await postJson({ ...specPost(), phone: { number: "13912345678" } }),
      await postJson({ ...specPost(), description: ["路灯坏了", "另一件事"] }),
      await fetch(`${service.url}/open311/v2/requests.json`, {
        method: "POST",
        headers: { "content-type": "application/x-www-form-urlencoded" },
        body: twice,
      }),
    ];

    expect(await Promise.all(answers.map(async (a) => [a.status, await a.json()]))).toEqual([
      [400, [{ code: 400, description: "phone must be a text" }]],
      [400, [{ code: 400, description: "description was given more than once" }]],
      [400, [{ code: 400, description: "phone was given more than once" }]],
    ]);
    expect(await open311Cases()).toBe(before);
  });

  it("keeps the phone as every contact is kept, so that the citizen's cases are found by it, and refuses what is no number", async () => {
    const grouped = await post("requests.json", { ...specPost(), phone: "+86 139-1234-5699" });
    const [answer] = (await grouped.json()) as { service_request_id: string }[];
    const row = await service.app.db.case.findUniqueOrThrow({
      where: { trackingNo: answer!.service_request_id },
    });
    expect(row.contactPhone).toBe("13912345699");

    const before = await open311Cases();
    const garbage = await post("requests.json", { ...specPost(), phone: "abc<script>" });
    expect(garbage.status).toBe(400);
    expect(await garbage.json()).toEqual([
      { code: 400, description: "phone is not a phone number" },
    ]);
    expect(await open311Cases()).toBe(before);
  });

  it("takes a JSON object's numbers as their text, as a form's", async () => {
    const response = await postJson({ ...specPost(), lat: 33.6301, long: 114.6502 });
    expect(response.status).toBe(201);
  });

  it("is told a body of another type cannot be read, not that its api_key is missing", async () => {
    const before = await open311Cases();
    const answers = [
      await postJson(new URLSearchParams(specPost()).toString(), "text/plain"),
      await postJson([specPost()]),
    ];
    for (const answer of answers) {
      expect(answer.status).toBe(400);
      expect(await answer.json()).toEqual([
        { code: 400, description: expect.stringContaining("application/x-www-form-urlencoded") },
      ]);
    }
    expect(await open311Cases()).toBe(before);
  });
});

describe("an address guessing api_keys", { timeout: 60_000 }, () => {
  it("is held off after 10 wrong keys a day, a right key from it too, while other addresses post", async () => {
    const proxied = await startTestApp({ env: { TRUST_PROXY: "1" } });
    const key = (await createOpen311Store(proxied.app.db).issueKey("网格化平台", "admin-1")).key;
    const postFrom = (address: string, api_key: string) =>
      fetch(`${proxied.url}/open311/v2/requests.json`, {
        method: "POST",
        headers: {
          "content-type": "application/x-www-form-urlencoded",
          "x-forwarded-for": address,
        },
        body: new URLSearchParams({ ...specPost(), api_key }).toString(),
      });

    const guesses: number[] = [];
    for (let n = 0; n < 10; n++) guesses.push((await postFrom("192.0.2.31", `guess-${n}`)).status);
    expect(guesses).toEqual(Array(10).fill(403));
    const held = await postFrom("192.0.2.31", key);
    expect(held.status).toBe(429);
    expect(held.headers.get("retry-after")).toBe("600");
    expect(await held.json()).toEqual([
      { code: 429, description: "too many invalid api_keys: try again in 600 s" },
    ]);
    expect((await postFrom("192.0.2.32", key)).status).toBe(201);

    proxied.clock.advance(10 * 60_000);
    expect((await postFrom("192.0.2.31", key)).status).toBe(201);
  });
});

describe.each(PROVIDERS)(
  "a request whose contact changed, on %s",
  { timeout: 30_000 },
  (provider) => {
    it("is published with every name and number the case kept masked, the earlier ones too, in the request and the list", async () => {
      const app = await startTestApp({ provider });
      const key = await createOpen311Store(app.app.db).issueKey("城市管理 App", "admin-1");
      const [posted] = (await (
        await fetch(`${app.url}/open311/v2/requests.json`, {
          method: "POST",
          headers: { "content-type": "application/x-www-form-urlencoded" },
          body: new URLSearchParams({
            ...specPost(),
            api_key: key.key,
            account_id: "zhang-jianguo",
            first_name: "建国",
            last_name: "张",
            phone: "13912345678",
            description: "七一路口的井盖没了三天，我儿子张强每晚守着，有事打他电话 158.1234.5678",
            address_string: "川汇区七一路张强家门口",
          }).toString(),
        })
      ).json()) as { service_request_id: string }[];
      const id = posted!.service_request_id;
      await sonOnlyBefore(
        app.app.caseActions,
        id,
        citizenRef("open311", `${key.id}:zhang-jianguo`),
      );

      const published = {
        description: "七一路口的井盖没了三天，我儿子**每晚守着，有事打他电话 ***.****.****",
        address: "川汇区七一路**家门口",
      };
      const [one] = (await (
        await fetch(`${app.url}/open311/v2/requests/${id}.json`)
      ).json()) as Record<string, unknown>[];
      expect(one).toMatchObject(published);
      const listed = (await (
        await fetch(`${app.url}/open311/v2/requests.json?service_code=municipal`)
      ).json()) as Record<string, unknown>[];
      expect(listed.find((request) => request.service_request_id === id)).toMatchObject(published);
      const xml = await (await fetch(`${app.url}/open311/v2/requests/${id}.xml`)).text();
      expect(xml).not.toContain("张强");
    });
  },
);
