import { test } from "vitest";
import { createRequire } from "node:module";
import { loadContractChecker } from "./index.js";
const require = createRequire(import.meta.url);
const { mock } = require("mock-json-schema");
test("sweep request mocks", () => {
  const c = loadContractChecker() as any;
  const counts: Record<string, number> = {};
  for (const op of c.router.getOperations()) {
    const rb = op.requestBody?.content?.["application/json"]?.schema;
    if (!rb) continue;
    let body;
    try { body = mock(JSON.parse(JSON.stringify(c.validator.constructor.decycle ? rb : rb))); } catch (e) { counts["mockfail " + (e as Error).message.slice(0, 60)] = (counts["mockfail"] ?? 0) + 1; continue; }
    const query: Record<string, string> = {};
    for (const p of op.parameters) if (p.in === "query" && p.required) query[p.name] = String(p.example ?? p.schema?.example ?? "1");
    const path = op.path.replace(/\{[^}]+\}/g, "123");
    const code = Object.keys(op.responses).find((s: string) => s.startsWith("2"))!;
    const v = c.check({ method: op.method.toUpperCase(), path, query, headers: {}, body, response: { status: Number(code), headers: {}, body: { data: {} } } });
    for (const x of v.filter((x: any) => x.where === "request")) { console.log(x.operation, x.field, x.message.slice(0, 150)); }
  }
  console.log(counts);
}, 120000);
