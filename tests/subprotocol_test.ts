import assert from "node:assert/strict";
import { closeSocket, openSocket, startServer } from "./helpers.ts";
import { rawRequest } from "./raw_http.ts";

Deno.test("subprotocol - by default the client's first offer is selected", async () => {
  const server = await startServer();
  try {
    const ws = await openSocket(`${server.wsOrigin}/api/ws`, [
      "graphql-ws",
      "mqtt",
    ]);
    assert.equal(ws.protocol, "graphql-ws");
    await closeSocket(ws);
  } finally {
    await server.close();
  }
});

Deno.test("subprotocol - none offered, none selected", async () => {
  const server = await startServer();
  try {
    const ws = await openSocket(`${server.wsOrigin}/api/ws`);
    assert.equal(ws.protocol, "");
    await closeSocket(ws);
  } finally {
    await server.close();
  }
});

Deno.test("subprotocol - a restricted list selects the first offered protocol on it", async () => {
  const server = await startServer({ subprotocols: ["mqtt", "echo"] });
  try {
    const ws = await openSocket(`${server.wsOrigin}/api/ws`, [
      "graphql-ws",
      "echo",
      "mqtt",
    ]);
    assert.equal(ws.protocol, "echo");
    await closeSocket(ws);
  } finally {
    await server.close();
  }
});

Deno.test("subprotocol - a restricted list that matches nothing selects none", async () => {
  const server = await startServer({ subprotocols: ["mqtt"] });
  try {
    const res = await rawRequest(server.port, {
      headers: { "Sec-WebSocket-Protocol": "graphql-ws, soap" },
    });
    assert.equal(res.status, 101);
    assert.equal(res.headers.get("sec-websocket-protocol"), null);
  } finally {
    await server.close();
  }
});

Deno.test("subprotocol - a malformed header gets 400", async () => {
  const server = await startServer();
  try {
    for (const header of ["graphql ws", "a,,b", "a, b c", "chat;v=1"]) {
      const res = await rawRequest(server.port, {
        headers: { "Sec-WebSocket-Protocol": header },
      });
      assert.equal(res.status, 400, header);
      assert.match(res.body, /Sec-WebSocket-Protocol/);
    }
  } finally {
    await server.close();
  }
});
