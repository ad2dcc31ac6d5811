// The floor under the HTTP throughput figure: the MCP SDK's own stateless server (its `createMcpHandler`
// entry, served both eras, behind the smallest node:http bridge) with one tool that makes the same two
// upstream GETs as the call the bench measures, through one undici pool. What it costs is what the SDK
// itself costs; the gap between it and the real server is what our code adds.
//
// Run as a child process: node sdk-floor-server.mjs <json of {requests: [{method, path, headers}], origin}>
// It prints "listening <url>" on stdout.
import { createServer } from "node:http";
import { createMcpHandler, McpServer } from "@modelcontextprotocol/server";
import { Pool } from "undici";
import * as z from "zod";

const { requests, origin } = JSON.parse(process.argv[2]);
const upstream = new Pool(origin, { connections: 32, keepAliveTimeout: 30_000 });

const handler = createMcpHandler(() => {
  const server = new McpServer({ name: "sdk-floor", version: "1.0.0" });
  server.registerTool("Asana_GetTaskById", { description: "The same two upstream GETs", inputSchema: z.object({ task_id: z.string() }) }, async () => {
    const bodies = [];
    for (const request of requests) {
      const { statusCode, body } = await upstream.request(request);
      const data = await body.json();
      if (statusCode !== 200) throw new Error(`upstream ${request.path} answered ${statusCode}`);
      bodies.push(data);
    }
    return { content: [{ type: "text", text: JSON.stringify(bodies) }] };
  });
  return server;
});

const http = createServer(async (req, res) => {
  const chunks = [];
  for await (const chunk of req) chunks.push(chunk);
  const headers = new Headers();
  for (const [name, value] of Object.entries(req.headers)) if (typeof value === "string") headers.set(name, value);
  const response = await handler.fetch(new Request(`http://${req.headers.host}${req.url}`, { method: req.method, headers, body: Buffer.concat(chunks) }));
  res.writeHead(response.status, Object.fromEntries(response.headers));
  if (response.body) for await (const chunk of response.body) res.write(chunk);
  res.end();
});
http.listen(0, "127.0.0.1", () => {
  const { port } = http.address();
  process.stdout.write(`listening http://127.0.0.1:${port}/mcp\n`);
});
