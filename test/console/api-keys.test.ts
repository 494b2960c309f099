/**
 * Administrators issue Open311 API keys to other systems and revoke them; a
 * key works on POST /open311/v2/requests until it is revoked. Only a hash is kept.
 */
import { createHash } from "node:crypto";
import { describe, expect, it } from "vitest";
import { useConsoleWorld } from "./console-world.ts";

const scene = useConsoleWorld({
  staff: [
    { username: "root", role: "admin" },
    { username: "li", role: "clerk" },
  ],
});

const postRequest = (apiKey: string) =>
  fetch(`${scene.world.url}/open311/v2/requests.json`, {
    method: "POST",
    headers: { "content-type": "application/x-www-form-urlencoded" },
    body: new URLSearchParams({
      api_key: apiKey,
      service_code: "municipal",
      address_string: "川汇区人民路",
      description: "路灯不亮",
    }).toString(),
  });

describe("Open311 API keys in the console", () => {
  it("issues a key shown once, keeps only its hash, and revokes it", async () => {
    const root = await scene.signedIn("root");
    const issued = await root.send("POST", "/api/admin/api-keys", { name: "城管通 App" });

    expect(issued.status).toBe(201);
    const { id, key, prefix } = issued.json as { id: string; key: string; prefix: string };
    expect(key.length).toBeGreaterThanOrEqual(32);
    expect(key.startsWith(prefix)).toBe(true);
    const row = await scene.world.app.db.apiKey.findUniqueOrThrow({ where: { id } });
    expect(row.keyHash).toBe(createHash("sha256").update(key).digest("hex"));
    expect(JSON.stringify(row)).not.toContain(key);
    const listed = await root.get("/api/admin/api-keys");
    expect(listed.json.items).toEqual([
      expect.objectContaining({ id, name: "城管通 App", prefix, revokedAt: null }),
    ]);
    expect(JSON.stringify(listed.json)).not.toContain(key);
    expect((await postRequest(key)).status).toBe(201);

    expect((await root.send("POST", `/api/admin/api-keys/${id}/revoke`, {})).status).toBe(200);
    const refused = await postRequest(key);
    expect(refused.status).toBe(403);
    expect(await refused.json()).toEqual([{ code: 403, description: "api_key is not valid" }]);
    expect((await root.send("POST", `/api/admin/api-keys/${id}/revoke`, {})).status).toBe(404);
  });

  it("is for admins only", async () => {
    const clerk = await scene.signedIn("li");
    expect((await clerk.get("/api/admin/api-keys")).status).toBe(403);
    expect((await clerk.send("POST", "/api/admin/api-keys", { name: "x" })).status).toBe(403);
    expect((await scene.world.client().get("/api/admin/api-keys")).status).toBe(401);
  });
});
