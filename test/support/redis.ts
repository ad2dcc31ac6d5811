import { connect } from "node:net";

/** The Redis the tests share state through: .ci/run starts one on loopback (ASANA_MCP_TEST_REDIS_URL overrides). */
export const testRedisUrl = process.env.ASANA_MCP_TEST_REDIS_URL ?? "redis://127.0.0.1:6379";

/** True when a Redis answers PING at testRedisUrl within a second. */
export async function redisReachable(url = testRedisUrl): Promise<boolean> {
  const { hostname, port } = new URL(url);
  return new Promise((resolve) => {
    const socket = connect({ host: hostname, port: Number(port || 6379) });
    const done = (answer: boolean) => {
      socket.destroy();
      resolve(answer);
    };
    socket.setTimeout(1_000, () => done(false));
    socket.once("error", () => done(false));
    socket.once("connect", () => socket.write("PING\r\n"));
    socket.once("data", (data) => done(data.toString().startsWith("+PONG")));
  });
}
