/**
 * Built from the GeoReport v2 specification's own examples
 * (https://wiki.open311.org/GeoReport_v2, open311/open311.github.io GeoReport_v2/index.md).
 * The spec's JSON examples write codes and ids as numbers with leading zeros (001), which
 * is not JSON; ours are strings.
 */
import { beforeAll, describe, expect, it } from "vitest";
import {
  caseStatusesFor,
  geoReportStatus,
  parseRequestsQuery,
  parseServiceRequestPost,
  renderGeoReport,
  requestOf,
  servicesOf,
  w3cDateTime,
  type CaseForGeoReport,
  type GeoReportRequest,
  type GeoReportService,
} from "../../../src/channels/open311/georeport.ts";
import type { Directory } from "../../../src/domain/directory.ts";
import { CASE_STATUSES } from "../../../src/domain/lifecycle/case-status.ts";
import { loadDirectory } from "../../../src/directory/load-directory.ts";

let directory: Directory;

beforeAll(async () => {
  directory = await loadDirectory();
});

/** XML compared element by element: the spec's indentation is not part of it. */
const lines = (xml: string) =>
  xml
    .split("\n")
    .map((line) => line.trim())
    .filter((line) => line !== "");

describe("GET services", () => {
  const specServices: GeoReportService[] = [
    {
      service_code: "001",
      service_name: "Cans left out 24x7",
      description:
        "Garbage or recycling cans that have been left out for more than 24 hours after collection. Violators will be cited.",
      metadata: true,
      type: "realtime",
      keywords: "lorem, ipsum, dolor",
      group: "sanitation",
    },
  ];

  it("renders the spec's example as its XML", () => {
    expect(lines(renderGeoReport({ kind: "services", items: specServices }, "xml"))).toEqual(
      lines(`<?xml version="1.0" encoding="utf-8"?>
        <services>
            <service>
                <service_code>001</service_code>
                <service_name>Cans left out 24x7</service_name>
                <description>Garbage or recycling cans that have been left out for more than 24 hours after collection. Violators will be cited.</description>
                <metadata>true</metadata>
                <type>realtime</type>
                <keywords>lorem, ipsum, dolor</keywords>
                <group>sanitation</group>
            </service>
        </services>`),
    );
  });

  it("renders the spec's example as its JSON, an array of services", () => {
    expect(JSON.parse(renderGeoReport({ kind: "services", items: specServices }, "json"))).toEqual(
      specServices,
    );
  });

  it("lists the directory's categories, grouped by their department, in either language", () => {
    const zh = servicesOf(directory, "zh");
    const en = servicesOf(directory, "en");

    expect(zh).toHaveLength(directory.categories.length);
    expect(zh[0]).toEqual({
      service_code: "municipal",
      service_name: "市政市容",
      description: "道路、井盖、路灯、下水道、垃圾、占道、违建等街面问题",
      metadata: false,
      type: "realtime",
      keywords: "道路, 井盖, 路灯, 下水道, 垃圾, 占道, 违建等街面问题",
      group: "城市管理局",
    });
    expect(en[0]).toMatchObject({
      service_name: "City streets and public spaces",
      keywords: "City streets and public spaces",
    });
  });

  it("GET services/{code} defines no attributes (metadata is false)", () => {
    expect(
      lines(
        renderGeoReport(
          { kind: "service_definition", item: { service_code: "municipal", attributes: [] } },
          "xml",
        ),
      ),
    ).toEqual([
      '<?xml version="1.0" encoding="utf-8"?>',
      "<service_definition>",
      "<service_code>municipal</service_code>",
      "<attributes/>",
      "</service_definition>",
    ]);
    expect(
      JSON.parse(
        renderGeoReport(
          { kind: "service_definition", item: { service_code: "municipal", attributes: [] } },
          "json",
        ),
      ),
    ).toEqual({ service_code: "municipal", attributes: [] });
  });
});

describe("GET requests", () => {
  const specRequest: GeoReportRequest = {
    service_request_id: "638344",
    status: "closed",
    status_notes: "Duplicate request.",
    service_name: "Sidewalk and Curb Issues",
    service_code: "006",
    description: null,
    agency_responsible: null,
    service_notice: null,
    requested_datetime: "2010-04-14T06:37:38-08:00",
    updated_datetime: "2010-04-14T06:37:38-08:00",
    expected_datetime: "2010-04-15T06:37:38-08:00",
    address: "8TH AVE and JUDAH ST",
    address_id: "545483",
    zipcode: "94122",
    lat: 37.762221815,
    long: -122.4651145,
    media_url: "http://city.gov.s3.amazonaws.com/requests/media/638344.jpg",
  };

  it("renders the spec's example request as its XML, empty fields as empty elements", () => {
    const xml = lines(renderGeoReport({ kind: "service_requests", items: [specRequest] }, "xml"));

    expect(xml).toEqual(
      lines(`<?xml version="1.0" encoding="utf-8"?>
        <service_requests>
            <request>
                <service_request_id>638344</service_request_id>
                <status>closed</status>
                <status_notes>Duplicate request.</status_notes>
                <service_name>Sidewalk and Curb Issues</service_name>
                <service_code>006</service_code>
                <description/>
                <agency_responsible/>
                <service_notice/>
                <requested_datetime>2010-04-14T06:37:38-08:00</requested_datetime>
                <updated_datetime>2010-04-14T06:37:38-08:00</updated_datetime>
                <expected_datetime>2010-04-15T06:37:38-08:00</expected_datetime>
                <address>8TH AVE and JUDAH ST</address>
                <address_id>545483</address_id>
                <zipcode>94122</zipcode>
                <lat>37.762221815</lat>
                <long>-122.4651145</long>
                <media_url>http://city.gov.s3.amazonaws.com/requests/media/638344.jpg</media_url>
            </request>
        </service_requests>`),
    );
  });

  it("renders it as the spec's JSON, nulls as null", () => {
    expect(
      JSON.parse(renderGeoReport({ kind: "service_requests", items: [specRequest] }, "json")),
    ).toEqual([{ ...specRequest }]);
  });

  const merged: CaseForGeoReport = {
    trackingNo: "ZK-20260304-0007",
    status: "merged",
    categoryCode: "municipal",
    publicDescription: null,
    unitName: "川汇区城市管理局",
    submittedAt: new Date("2026-03-04T07:40:12+08:00"),
    updatedAt: new Date("2026-03-05T10:00:00+08:00"),
    dueAt: null,
    address: "人民路与七一路交叉口",
    point: { latitude: 33.62751, longitude: 114.65121 },
    answerOutcome: null,
    notAcceptedReason: null,
    mergedIntoTrackingNo: "ZK-20260304-0003",
    photoUrl: null,
  };

  it("shows a case like the spec's closed duplicate, with the unit as agency and our time zone", () => {
    expect(requestOf(merged, directory, "zh")).toEqual({
      service_request_id: "ZK-20260304-0007",
      status: "closed",
      status_notes: "重复事项，已并入 ZK-20260304-0003",
      service_name: "市政市容",
      service_code: "municipal",
      description: null,
      agency_responsible: "川汇区城市管理局",
      service_notice: null,
      requested_datetime: "2026-03-04T07:40:12+08:00",
      updated_datetime: "2026-03-05T10:00:00+08:00",
      expected_datetime: null,
      address: "人民路与七一路交叉口",
      address_id: null,
      zipcode: null,
      lat: 33.62751,
      long: 114.65121,
      media_url: null,
    });
    expect(requestOf(merged, directory, "en").status_notes).toBe(
      "Duplicate request, merged into ZK-20260304-0003",
    );
  });

  it("maps every status to open or closed: open until answered, open again under review", () => {
    const open = CASE_STATUSES.filter((status) => geoReportStatus(status) === "open");

    expect(open).toEqual([
      "submitted",
      "accepted",
      "assigned",
      "in_progress",
      "returned",
      "under_review",
    ]);
    expect(caseStatusesFor("closed")).toEqual([
      "not_accepted",
      "answered",
      "closed",
      "merged",
      "withdrawn",
    ]);
    expect(
      requestOf({ ...merged, status: "answered", answerOutcome: "support" }, directory, "zh")
        .status_notes,
    ).toBe("已答复：支持");
  });

  it("reads the spec's sample query, and defaults the range to the last 90 days", () => {
    const now = new Date("2026-06-30T00:00:00Z");
    const sample = parseRequestsQuery(
      { start_date: "2010-05-24T00:00:00Z", end_date: "2010-06-24T00:00:00Z", status: "open" },
      now,
    );
    const defaults = parseRequestsQuery({}, now);

    expect(sample).toEqual({
      ok: true,
      query: {
        ids: null,
        serviceCodes: null,
        statuses: ["open"],
        start: new Date("2010-05-24T00:00:00Z"),
        end: new Date("2010-06-24T00:00:00Z"),
      },
    });
    expect(defaults.ok && defaults.query.end).toEqual(now);
    expect(defaults.ok && defaults.query.start).toEqual(new Date("2026-04-01T00:00:00Z"));
  });

  it("refuses a range over 90 days, a date without a zone and an unknown status, with 400", () => {
    const now = new Date("2026-06-30T00:00:00Z");
    const bad = [
      parseRequestsQuery(
        { start_date: "2026-01-01T00:00:00Z", end_date: "2026-06-01T00:00:00Z" },
        now,
      ),
      parseRequestsQuery({ start_date: "2026-01-01T00:00:00" }, now),
      parseRequestsQuery({ status: "pending" }, now),
    ];

    expect(bad.map((result) => !result.ok && result.errors[0]!.code)).toEqual([400, 400, 400]);
  });

  it("takes service_request_id and service_code as comma-separated lists", () => {
    const result = parseRequestsQuery(
      {
        service_request_id: "ZK-20260304-0003,ZK-20260304-0007",
        service_code: "municipal, housing",
      },
      new Date(),
    );

    expect(result.ok && [result.query.ids, result.query.serviceCodes]).toEqual([
      ["ZK-20260304-0003", "ZK-20260304-0007"],
      ["municipal", "housing"],
    ]);
  });

  it("writes dates in the city's offset", () => {
    expect(w3cDateTime(new Date("2026-03-03T23:40:12Z"))).toBe("2026-03-04T07:40:12+08:00");
  });
});

describe("POST requests", () => {
  const specBody =
    "api_key=xyz&jurisdiction_id=city.gov&service_code=001&lat=37.76524078&long=-122.4212043&address_string=1234+5th+street&email=smit333%40sfgov.edu&device_id=tt222111&account_id=123456&first_name=john&last_name=smith&phone=111111111&description=A+large+sinkhole+is+destroying+the+street&media_url=http%3A%2F%2Ffarm3.static.flickr.com%2F2002%2F2212426634_5ed477a060.jpg&attribute[WHISPAWN]=123456&attribute[WHISDORN]=COISL001";
  const fields = (body: string) => Object.fromEntries(new URLSearchParams(body));
  const withSpecService = (): Directory => ({
    ...directory,
    categories: [...directory.categories, { ...directory.categories[0]!, code: "001" }],
  });

  it("reads the spec's example request as a complaint's fields, the phone kept as every contact is; the email is not kept", () => {
    // The spec's phone, 111111111, is no number anyone answers: a mobile of the city instead.
    const body = specBody.replace("phone=111111111", "phone=%2B86+139+1234+5678");
    const result = parseServiceRequestPost(fields(body), withSpecService());

    expect(result).toEqual({
      ok: true,
      complaint: {
        apiKey: "xyz",
        categoryCode: "001",
        description: "A large sinkhole is destroying the street",
        address: "1234 5th street",
        location: { latitude: 37.76524078, longitude: -122.4212043 },
        contact: { name: "john smith", phone: "13912345678" },
        reporterRef: "123456",
        mediaUrl: "http://farm3.static.flickr.com/2002/2212426634_5ed477a060.jpg",
      },
    });
  });

  it("writes a Chinese name family name first, and takes a request without a phone as anonymous", () => {
    const named = parseServiceRequestPost(
      {
        api_key: "k",
        service_code: "municipal",
        address_string: "人民路",
        first_name: "建国",
        last_name: "王",
        phone: "13800000000",
      },
      directory,
    );
    const anonymous = parseServiceRequestPost(
      { api_key: "k", service_code: "municipal", lat: "33.62", long: "114.65" },
      directory,
    );

    expect(named.ok && named.complaint.contact).toEqual({ name: "王建国", phone: "13800000000" });
    expect(anonymous.ok && anonymous.complaint.contact).toBeNull();
  });

  it("answers with the spec's response shape", () => {
    const response = renderGeoReport(
      {
        kind: "service_requests",
        items: [
          {
            service_request_id: "293944",
            service_notice:
              "The City will inspect and require the responsible party to correct within 24 hours and/or issue a Correction Notice or Notice of Violation of the Public Works Code",
            account_id: null,
          },
        ],
      },
      "xml",
    );

    expect(lines(response)).toEqual(
      lines(`<?xml version="1.0" encoding="utf-8"?>
        <service_requests>
            <request>
                <service_request_id>293944</service_request_id>
                <service_notice>The City will inspect and require the responsible party to correct within 24 hours and/or issue a Correction Notice or Notice of Violation of the Public Works Code</service_notice>
                <account_id/>
            </request>
        </service_requests>`),
    );
  });

  it.each<[string, Record<string, unknown>, number]>([
    ["no api_key", { service_code: "municipal", lat: "33.6", long: "114.6" }, 403],
    ["no service_code", { api_key: "k", lat: "33.6", long: "114.6" }, 400],
    [
      "an unknown service_code",
      { api_key: "k", service_code: "potholes", lat: "33.6", long: "114.6" },
      404,
    ],
    ["no location", { api_key: "k", service_code: "municipal" }, 400],
    ["only lat", { api_key: "k", service_code: "municipal", lat: "33.6" }, 400],
    [
      "lat out of range",
      { api_key: "k", service_code: "municipal", lat: "133.6", long: "114.6" },
      400,
    ],
    ...["NaN", "Infinity", "0x21", "3.3e1", "33,6", ""].map(
      (lat): [string, Record<string, unknown>, number] => [
        `lat ${JSON.stringify(lat)}`,
        { api_key: "k", service_code: "municipal", lat, long: "114.6" },
        400,
      ],
    ),
    [
      "a phone that is no phone number",
      { api_key: "k", service_code: "municipal", address_string: "人民路", phone: "111111111" },
      400,
    ],
    [
      "a description as an object",
      {
        api_key: "k",
        service_code: "municipal",
        address_string: "人民路",
        description: { zh: "路灯坏了" },
      },
      400,
    ],
    [
      "a description given twice",
      {
        api_key: "k",
        service_code: "municipal",
        address_string: "人民路",
        description: ["路灯坏了", "另一件事"],
      },
      400,
    ],
    [
      "a description over 4,000 characters",
      {
        api_key: "k",
        service_code: "municipal",
        address_string: "人民路",
        description: "坑".repeat(4001),
      },
      400,
    ],
  ])("refuses %s with the spec's error code", (_, body, code) => {
    const result = parseServiceRequestPost(body, directory);

    expect(result.ok).toBe(false);
    expect(!result.ok && result.errors[0]!.code).toBe(code);
  });

  it("escapes what XML must escape in a citizen's words, and nothing else", () => {
    const xml = renderGeoReport(
      { kind: "errors", items: [{ code: 400, description: `a & <b> 'c' "d"` }] },
      "xml",
    );

    expect(xml).toContain(`<description>a &amp; &lt;b&gt; 'c' "d"</description>`);
  });

  it("renders errors as the spec's example", () => {
    const errors = {
      kind: "errors" as const,
      items: [
        {
          code: 403 as const,
          description: "Invalid api_key received -- can't proceed with create_request.",
        },
      ],
    };

    expect(lines(renderGeoReport(errors, "xml"))).toEqual(
      lines(`<?xml version="1.0" encoding="utf-8"?>
        <errors>
            <error>
                <code>403</code>
                <description>Invalid api_key received -- can't proceed with create_request.</description>
            </error>
        </errors>`),
    );
    expect(JSON.parse(renderGeoReport(errors, "json"))).toEqual([
      { code: 403, description: "Invalid api_key received -- can't proceed with create_request." },
    ]);
  });
});
