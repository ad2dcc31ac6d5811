/** A raw request to a fake, as any HTTP client would send it; the body, if any, goes as JSON. */
export async function send(
  fake: { baseUrl: string; token: string },
  method: string,
  path: string,
  body?: unknown,
  token = fake.token,
): Promise<{ status: number; headers: Headers; body: Record<string, any> }> {
  const response = await fetch(fake.baseUrl + path, {
    method,
    headers: { authorization: `Bearer ${token}`, "content-type": "application/json" },
    ...(body !== undefined ? { body: JSON.stringify(body) } : {}),
  });
  return { status: response.status, headers: response.headers, body: (await response.json()) as Record<string, any> };
}
