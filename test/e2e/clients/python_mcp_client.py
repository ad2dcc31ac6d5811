"""Drives the Python MCP client libraries for asana-mcp's client matrix (python.test.ts).

usage: python python_mcp_client.py

One process serves every connection of a test file, so each library is imported once. It answers
each JSON line on stdin with one on stdout:
  {"op": "connect", "library": "mcp" | "fastmcp", "connection": ...} -> {"connected": true}
  {"op": "list"}                                                   -> {"tools": [names]}
  {"op": "call", "name": ..., "arguments": {...}}                   -> {"isError": bool, "text": ...}
  {"op": "asked"}                                                  -> {"asked": [messages]}
  {"op": "disconnect"}                                             -> {"disconnected": true}
The connection is {"transport": "stdio", "command": ..., "args": [...], "env": {...}} or
{"transport": "http", "url": ...}; each library connects as its own docs show. With "elicit":
"accept" | "decline" | "cancel" on connect, the `mcp` client answers form elicitations so (ticking a
"confirm" box when it accepts) and keeps their messages for "asked". A failure is
{"exception": ...}. The libraries' own logging and warnings go to stderr, as they would for their
users; the test reads them there.
"""

import asyncio
import json
import sys


def reply(message):
    print(json.dumps(message), flush=True)


def text_of(content):
    return "\n".join(item.text for item in content if getattr(item, "type", None) == "text")


def official_client(connection, elicit=None, asked=None):
    """The `mcp` package's Client: protocol negotiation on "auto", as it comes."""
    from mcp import Client, StdioServerParameters
    from mcp.types import ElicitResult

    if connection["transport"] == "stdio":
        server = StdioServerParameters(command=connection["command"], args=connection["args"], env=connection["env"])
    else:
        server = connection["url"]

    async def answer(context, params):
        asked.append(params.message)
        return ElicitResult(action=elicit, content={"confirm": True} if elicit == "accept" else None)

    client = Client(server, elicitation_callback=answer) if elicit else Client(server)

    async def list_tools():
        return [tool.name for tool in (await client.list_tools()).tools]

    async def call(name, arguments):
        result = await client.call_tool(name, arguments)
        # The field under the name this `mcp` has: once FastMCP is imported, the old name `isError` answers
        # with a deprecation warning, so falling back to it on a false `is_error` made the rows' stderr
        # depend on which library the driver ran first.
        is_error = result.is_error if hasattr(result, "is_error") else result.isError
        return {"isError": bool(is_error), "text": text_of(result.content)}

    return client, list_tools, call


def fastmcp_client(connection):
    """FastMCP's Client: `call_tool` raises ToolError for an error result, which its users catch."""
    from fastmcp import Client
    from fastmcp.client.transports import StdioTransport
    from fastmcp.exceptions import ToolError

    if connection["transport"] == "stdio":
        server = StdioTransport(connection["command"], connection["args"], env=connection["env"], keep_alive=False)
    else:
        server = connection["url"]
    client = Client(server)

    async def list_tools():
        return [tool.name for tool in await client.list_tools()]

    async def call(name, arguments):
        try:
            result = await client.call_tool(name, arguments)
        except ToolError as error:
            return {"isError": True, "text": str(error)}
        return {"isError": bool(result.is_error), "text": text_of(result.content)}

    return client, list_tools, call


async def next_request():
    line = await asyncio.to_thread(sys.stdin.readline)
    return json.loads(line) if line else None


async def serve(list_tools, call, asked):
    """Answers requests on one connection until a disconnect (True) or the end of stdin (False)."""
    while (request := await next_request()) is not None:
        try:
            if request["op"] == "list":
                reply({"tools": await list_tools()})
            elif request["op"] == "call":
                reply(await call(request["name"], request["arguments"]))
            elif request["op"] == "asked":
                reply({"asked": asked})
            elif request["op"] == "disconnect":
                return True
            else:
                reply({"exception": f"unknown op {request['op']!r} while connected"})
        except Exception as error:  # noqa: BLE001 - the test reports any failure as the library's
            reply({"exception": f"{type(error).__name__}: {error}"})
    return False


async def main():
    libraries = {"mcp": official_client, "fastmcp": fastmcp_client}
    while (request := await next_request()) is not None:
        if request["op"] != "connect":
            reply({"exception": f"not connected: {request['op']!r}"})
            continue
        try:
            asked = []
            library = libraries[request["library"]]
            elicit = request.get("elicit")
            client, list_tools, call = library(request["connection"], elicit, asked) if elicit else library(request["connection"])
            async with client:
                reply({"connected": True})
                more = await serve(list_tools, call, asked)
        except Exception as error:  # noqa: BLE001 - connecting or disconnecting failed
            reply({"exception": f"{type(error).__name__}: {error}"})
            continue
        reply({"disconnected": True})
        if not more:
            return


if __name__ == "__main__":
    asyncio.run(main())
