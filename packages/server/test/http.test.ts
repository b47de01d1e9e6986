import { mkdtempSync, writeFileSync, mkdirSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { Writable } from "node:stream";
import type { Problem } from "@conveyor/contracts";
import { pino } from "pino";
import { describe, expect, it } from "vitest";
import { logRedactPaths } from "../src/http/app";
import { buildOrganization, signedIn, TestClient, testPassword, useTestApp } from "./harness";

const logLines: string[] = [];
const logSink = new Writable({
  write(chunk: Buffer, _encoding, done) {
    logLines.push(chunk.toString("utf8"));
    done();
  },
});

const webDir = mkdtempSync(join(tmpdir(), "cv-web-"));
mkdirSync(join(webDir, "assets"));
writeFileSync(join(webDir, "index.html"), "<!doctype html><title>Conveyor</title><div id=root></div>");
writeFileSync(join(webDir, "assets", "app-abc123.js"), "console.log(1)");

const test = useTestApp({
  build: {
    logger: pino({ level: "info", redact: { paths: logRedactPaths, censor: "[redacted]" } }, logSink),
    webDistDir: webDir,
  },
});

describe("the HTTP surface", () => {
  it("reports health with the database mode", async () => {
    const reply = await new TestClient(test).get<{ status: string; database: string }>("/api/health");
    expect(reply.status).toBe(200);
    expect(reply.body.status).toBe("ok");
    expect(["embedded", "postgres"]).toContain(reply.body.database);
  });

  it("publishes an OpenAPI document generated from the request schemas, and its browsable docs", async () => {
    const client = new TestClient(test);
    const doc = await client.get<{ openapi: string; paths: Record<string, Record<string, { requestBody?: unknown }>> }>(
      "/api/openapi.json",
    );
    expect(doc.status).toBe(200);
    expect(doc.body.openapi).toMatch(/^3\./);
    for (const path of ["/api/v1/auth/sign-in", "/api/v1/users", "/api/v1/users/{id}", "/api/v1/organization", "/api/health"]) {
      expect(Object.keys(doc.body.paths)).toContain(path);
    }
    const createUser = JSON.stringify(doc.body.paths["/api/v1/users"]?.["post"]?.requestBody);
    expect(createUser).toContain("temporaryPassword");
    expect(createUser).toContain('"additionalProperties":false');
    const docs = await client.get("/api/docs/");
    expect(docs.status).toBe(200);
    expect(docs.raw).toMatch(/swagger/i);
  });

  it("sends security headers: CSP with frame-ancestors, nosniff, no framing", async () => {
    const reply = await new TestClient(test).get("/api/health");
    const csp = String(reply.headers["content-security-policy"]);
    expect(csp).toContain("default-src 'self'");
    expect(csp).toContain("script-src 'self'");
    expect(csp).toContain("frame-ancestors 'none'");
    expect(reply.headers["x-content-type-options"]).toBe("nosniff");
    expect(reply.headers["x-frame-options"]).toBe("SAMEORIGIN");
    expect(reply.headers["x-request-id"]).toBeTruthy();
  });

  it("answers unknown API routes with a problem, and serves the web app for every other page", async () => {
    const client = new TestClient(test);
    const api = await client.get<Problem>("/api/v1/nothing-here");
    expect(api.status).toBe(404);
    expect(api.body.code).toBe("not_found");
    const page = await client.get("/users/some/deep/link");
    expect(page.status).toBe(200);
    expect(page.raw).toContain("<div id=root>");
    expect(page.headers["cache-control"]).toBe("no-cache");
    const asset = await client.get("/assets/app-abc123.js");
    expect(asset.status).toBe(200);
    expect(asset.headers["cache-control"]).toContain("immutable");
  });

  it("rejects an oversized body with 413 and a non-JSON body with 415", async () => {
    const client = new TestClient(test);
    const big = await client.request<Problem>("POST", "/api/v1/auth/sign-in", {
      email: "a@example.test",
      password: "x".repeat(1024 * 1024 + 10),
    });
    expect(big.status).toBe(413);
    expect(big.body.code).toBe("payload_too_large");
    const form = await test.app.inject({
      method: "POST",
      url: "/api/v1/auth/sign-in",
      headers: { "content-type": "application/x-www-form-urlencoded" },
      payload: "email=a&password=b",
    });
    expect(form.statusCode).toBe(415);
    expect(JSON.parse(form.body).code).toBe("unsupported_media_type");
    const broken = await test.app.inject({
      method: "POST",
      url: "/api/v1/auth/sign-in",
      headers: { "content-type": "application/json" },
      payload: "{not json",
    });
    expect(broken.statusCode).toBe(400);
    expect(JSON.parse(broken.body).code).toBe("validation_failed");
  });

  it("writes structured logs with request ids and never a password, cookie or token", async () => {
    const org = await buildOrganization(test.database);
    logLines.length = 0;
    const client = new TestClient(test);
    await client.signIn(org.admin.email, "a-wrong-password-in-the-logs?");
    const admin = await signedIn(test, org.admin);
    const token = await admin.post<{ token: string }>("/api/v1/api-tokens", { name: "log probe" });
    const bearer = new TestClient(test);
    bearer.bearer = token.body.token;
    await bearer.get("/api/v1/users");
    const all = logLines.join("\n");
    expect(logLines.length).toBeGreaterThan(4);
    const first = JSON.parse(logLines[0] ?? "{}");
    expect(first.reqId).toBeTruthy();
    expect(all).not.toContain("a-wrong-password-in-the-logs?");
    expect(all).not.toContain(testPassword);
    expect(all).not.toContain(token.body.token);
    expect(all).not.toContain(admin.cookie ?? "no-cookie");
    expect(all).not.toContain(admin.csrfToken ?? "no-csrf");
  });
});
