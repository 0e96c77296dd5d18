import assert from "node:assert/strict";
import { closeSocket, openSocket, receive, startServer } from "./helpers.ts";
import { rawExchange, rawRequest } from "./raw_http.ts";

Deno.test("handshake - each broken part gets its own status and a plain reason, never a 500", async (t) => {
  const server = await startServer();
  const cases: {
    name: string;
    request: Parameters<typeof rawRequest>[1];
    status: number;
    reason: RegExp;
    header?: [string, string];
  }[] = [
    {
      name: "POST",
      request: { method: "POST" },
      status: 405,
      reason: /^Method POST is not allowed; use GET, HEAD\n$/,
      header: ["allow", "GET, HEAD"],
    },
    {
      name: "no Host",
      request: { headers: { Host: null } },
      status: 400,
      reason: /Host header is missing/,
    },
    {
      name: "no Connection",
      request: { headers: { Connection: null } },
      status: 400,
      reason: /Connection header must include "Upgrade"/,
    },
    {
      name: "Connection without upgrade",
      request: { headers: { Connection: "keep-alive" } },
      status: 400,
      reason: /Connection header must include "Upgrade"/,
    },
    {
      name: "no key",
      request: { headers: { "Sec-WebSocket-Key": null } },
      status: 400,
      reason: /Sec-WebSocket-Key must be the base64 encoding of 16 bytes/,
    },
    {
      name: "a key of 15 bytes",
      request: { headers: { "Sec-WebSocket-Key": "AAAAAAAAAAAAAAAAAAAA" } },
      status: 400,
      reason: /Sec-WebSocket-Key/,
    },
    {
      name: "a key that is not base64",
      request: { headers: { "Sec-WebSocket-Key": "not base64 at all!!!!!==" } },
      status: 400,
      reason: /Sec-WebSocket-Key/,
    },
    {
      name: "version 8",
      request: { headers: { "Sec-WebSocket-Version": "8" } },
      status: 426,
      reason: /Sec-WebSocket-Version "8" is not supported/,
      header: ["sec-websocket-version", "13"],
    },
    {
      name: "no version",
      request: { headers: { "Sec-WebSocket-Version": null } },
      status: 400,
      reason: /Sec-WebSocket-Version header is missing/,
      header: ["sec-websocket-version", "13"],
    },
    {
      name: "a malformed subprotocol list",
      request: { headers: { "Sec-WebSocket-Protocol": "a b" } },
      status: 400,
      reason: /Sec-WebSocket-Protocol/,
    },
    {
      name: "an Upgrade that is not websocket, on /api/ws",
      request: { headers: { Upgrade: "h2c" } },
      status: 426,
      reason: /WebSocket echo endpoint/,
      header: ["upgrade", "websocket"],
    },
  ];
  try {
    for (const c of cases) {
      await t.step(c.name, async () => {
        const res = await rawRequest(server.port, c.request);
        assert.equal(res.status, c.status);
        assert.match(res.headers.get("content-type") ?? "", /^text\/plain/);
        assert.match(res.body, c.reason);
        if (c.header) assert.equal(res.headers.get(c.header[0]), c.header[1]);
      });
    }

    await t.step("the same checks guard the upgrade on /", async () => {
      const res = await rawRequest(server.port, {
        path: "/",
        headers: { "Sec-WebSocket-Version": "8" },
      });
      assert.equal(res.status, 426);
    });

    await t.step("a request line that is not HTTP gets 400", async () => {
      const res = await rawExchange(server.port, "HELLO\r\n\r\n");
      assert.equal(res.status, 400);
    });

    await t.step("a valid handshake still upgrades", async () => {
      const res = await rawRequest(server.port);
      assert.equal(res.status, 101);
      assert.equal(
        res.headers.get("sec-websocket-accept"),
        "s3pPLMBiTxaQ9kYGzzhZRbK+xOo=",
      );
    });

    await t.step(
      "nothing was counted as a connection but the valid one",
      () => {
        const rejections = server.app.echo.metrics.rejectionsByReason;
        assert.equal(rejections.get("key"), 3);
        assert.equal(rejections.get("version"), 3);
        assert.equal(server.app.echo.metrics.connectionsTotal, 1);
      },
    );
  } finally {
    await server.close();
  }
});

Deno.test("handshake - clients connected meanwhile keep getting echoes", async () => {
  const server = await startServer();
  const ws = await openSocket(`${server.wsOrigin}/api/ws`);
  try {
    for (let i = 0; i < 20; i++) {
      const res = await rawRequest(server.port, {
        headers: { "Sec-WebSocket-Key": "short" },
      });
      assert.equal(res.status, 400);
      const got = receive(ws);
      ws.send(`still here ${i}`);
      assert.deepEqual(await got, [`still here ${i}`]);
    }
  } finally {
    await closeSocket(ws);
    await server.close();
  }
});
