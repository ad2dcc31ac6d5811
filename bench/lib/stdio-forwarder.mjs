// The floor under goal 2: the least a stdio MCP server can do for a tools/call that reads one Asana
// object. It reads a JSON-RPC line, sends the given upstream requests with undici (a keep-alive pool,
// like the server's), and answers with the last body as structuredContent plus its compact JSON text.
// No SDK, no schemas, no presentation: what it adds over raw undici is pipes and JSON alone.
// Usage: node stdio-forwarder.mjs '<origin>' '<JSON array of {method, path, headers}>'
import { Pool } from "undici";

const [origin, requestsJson] = process.argv.slice(2);
const requests = JSON.parse(requestsJson);
const pool = new Pool(origin, { connections: 10, keepAliveTimeout: 30_000 });

async function answer(message) {
  if (message.method === "initialize") {
    return { protocolVersion: message.params.protocolVersion, capabilities: { tools: {} }, serverInfo: { name: "stdio-forwarder", version: "1.0.0" } };
  }
  let data;
  for (const request of requests) {
    const { body } = await pool.request(request);
    data = (await body.json()).data;
  }
  return { content: [{ type: "text", text: JSON.stringify({ task: data }) }], structuredContent: { task: data } };
}

let buffered = "";
process.stdin.setEncoding("utf8");
process.stdin.on("data", (chunk) => {
  buffered += chunk;
  let newline = buffered.indexOf("\n");
  while (newline >= 0) {
    const message = JSON.parse(buffered.slice(0, newline));
    buffered = buffered.slice(newline + 1);
    newline = buffered.indexOf("\n");
    if (message.id === undefined) continue;
    void answer(message).then((result) => process.stdout.write(`${JSON.stringify({ jsonrpc: "2.0", id: message.id, result })}\n`));
  }
});
process.stdin.on("end", () => void pool.close().then(() => process.exit(0)));
