import { test } from "vitest";
import OpenAPIBackend from "openapi-backend";
import { loadContractChecker, formatViolations } from "./index.js";
import { loadNormalisedSpec } from "./spec-document.js";
test("sweep mocks", async () => {
  const c = loadContractChecker() as any;
  const spec = loadNormalisedSpec("/work/shared/asana-openapi/asana_oas.yaml");
  const api = new OpenAPIBackend({ definition: spec.document as any, quick: true });
  await api.init();
  const counts: Record<string, number> = {};
  const samples: Record<string, string> = {};
  for (const op of c.router.getOperations()) {
    const code = Object.keys(op.responses).find((s: string) => s.startsWith("2"))!;
    let mock;
    try { mock = api.mockResponseForOperation(op.operationId, { code: Number(code) }); } catch (e) { counts["mockfail"] = (counts["mockfail"] ?? 0) + 1; continue; }
    const path = op.path.replace(/\{[^}]+\}/g, "123");
    const v = c.check({ method: op.method.toUpperCase(), path, query: {}, headers: {}, body: op.method === "get" || op.method === "delete" ? undefined : { data: {} }, bodyKind: op.method === "get" || op.method === "delete" ? "none" : undefined, response: { status: mock.status, headers: {}, body: mock.mock } });
    for (const x of v) {
      const key = `${x.where} ${x.message.replace(/\(got.*$/, "")}`;
      counts[key] = (counts[key] ?? 0) + 1;
      if (key.startsWith("response")) console.log(x.operation, x.field);
    }
  }
  console.log(JSON.stringify(counts, null, 1));
  console.log(Object.values(samples).join("\n"));
}, 120000);
