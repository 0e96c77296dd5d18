import assert from "node:assert/strict";
import { startServer, type TestServer } from "./helpers.ts";
import { Inbox } from "./inbox.ts";
import { rawRequest } from "./raw_http.ts";
import { OPCODE_BINARY, RawWebSocket } from "./raw_ws.ts";

function bytes(message: string | ArrayBuffer): number[] {
  assert.ok(message instanceof ArrayBuffer, `expected bytes, got ${message}`);
  return [...new Uint8Array(message)];
}

async function withServer(
  overrides: Parameters<typeof startServer>[0],
  body: (server: TestServer, url: (query: string) => string) => Promise<void>,
): Promise<void> {
  const server = await startServer(overrides);
  try {
    await body(server, (query) => `${server.wsOrigin}/api/ws?${query}`);
  } finally {
    await server.close();
  }
}

Deno.test("rooms - a member's text and bytes reach the other member unchanged, both ways, with its own echo", async () => {
  await withServer({}, async (_server, url) => {
    const alice = await Inbox.open(url("room=lobby"));
    const bob = await Inbox.open(url("room=lobby"));
    alice.socket.send("héllo 👋");
    assert.equal(await bob.next(), "héllo 👋");
    assert.equal(await alice.next(), "héllo 👋");
    const payload = new Uint8Array([0, 255, 1, 128, 0]);
    bob.socket.send(payload);
    assert.deepEqual(bytes(await alice.next()), [...payload]);
    assert.deepEqual(bytes(await bob.next()), [...payload]);
    // Text stays text: an ASCII string is not turned into bytes, nor back.
    bob.socket.send("\u0000binary-looking");
    assert.equal(await alice.next(), "\u0000binary-looking");
    await bob.next();
    await alice.close();
    await bob.close();
  });
});

Deno.test("rooms - many messages from two senders keep each sender's order", async () => {
  await withServer({}, async (_server, url) => {
    const [a, b, reader] = await Promise.all([
      Inbox.open(url("room=order&self=0")),
      Inbox.open(url("room=order&self=0")),
      Inbox.open(url("room=order")),
    ]);
    const COUNT = 2000;
    for (let i = 0; i < COUNT; i++) {
      a.socket.send(`a${i}`);
      b.socket.send(`b${i}`);
    }
    const got = (await reader.take(2 * COUNT)) as string[];
    for (const sender of ["a", "b"]) {
      const mine = got.filter((m) => m.startsWith(sender));
      assert.deepEqual(
        mine,
        Array.from({ length: COUNT }, (_, i) => `${sender}${i}`),
      );
    }
    // a and b each also received the other's messages, and none of their own.
    const fromB = (await a.take(COUNT)) as string[];
    assert.ok(fromB.every((m) => m.startsWith("b")));
    await Promise.all([a.close(), b.close(), reader.close()]);
  });
});

Deno.test("rooms - self=0 leaves the sender out; other rooms and plain connections hear nothing", async () => {
  await withServer({}, async (_server, url) => {
    const quiet = await Inbox.open(url("room=one&self=0"));
    const peer = await Inbox.open(url("room=one"));
    const elsewhere = await Inbox.open(url("room=two"));
    const plain = await Inbox.open(url(""));
    quiet.socket.send("from quiet");
    assert.equal(await peer.next(), "from quiet");
    // Each of the others sends a marker: the next thing each receives is
    // what the room (or the echo) owes it, never "from quiet".
    peer.socket.send("marker");
    assert.equal(await quiet.next(), "marker");
    assert.equal(await peer.next(), "marker");
    elsewhere.socket.send("two's own");
    assert.equal(await elsewhere.next(), "two's own");
    plain.socket.send("plain echo");
    assert.equal(await plain.next(), "plain echo");
    // A member of room two sends: room one hears nothing of it.
    const other = await Inbox.open(url("room=two&self=0"));
    other.socket.send("to two");
    assert.equal(await elsewhere.next(), "to two");
    peer.socket.send("marker 2");
    assert.equal(await quiet.next(), "marker 2");
    assert.equal(await peer.next(), "marker 2");
    assert.equal(plain.pending, 0);
    await Promise.all(
      [quiet, peer, elsewhere, plain, other].map((s) => s.close()),
    );
  });
});

Deno.test("rooms - presence=1 tells a member who joins and leaves, with the count after the change", async () => {
  await withServer({}, async (server, url) => {
    const watcher = await Inbox.open(url("room=hall&presence=1"));
    const joined = await watcher.nextJson() as Record<string, unknown>;
    assert.equal(joined.event, "join");
    assert.equal(joined.members, 1);
    const own = joined.member as string;
    const guest = await Inbox.open(url("room=hall"));
    const second = await watcher.nextJson() as Record<string, unknown>;
    assert.deepEqual(Object.keys(second), [
      "room",
      "event",
      "member",
      "members",
    ]);
    assert.equal(second.room, "hall");
    assert.equal(second.event, "join");
    assert.equal(second.members, 2);
    assert.notEqual(second.member, own);
    // The guest asked for no presence: its first message is an echo.
    guest.socket.send("hi");
    assert.equal(await guest.next(), "hi");
    assert.equal(await watcher.next(), "hi");
    await guest.close();
    assert.deepEqual(await watcher.nextJson(), {
      room: "hall",
      event: "leave",
      member: second.member,
      members: 1,
    });
    const metrics = server.app.echo.metrics;
    assert.equal(metrics.rooms, 1);
    assert.equal(metrics.roomMembers, 1);
    assert.equal(metrics.roomDeliveries, 1);
    await watcher.close();
    assert.equal(metrics.rooms, 0);
    assert.equal(metrics.roomMembers, 0);
  });
});

Deno.test("rooms - a handshake past MAX_ROOM_MEMBERS gets 503 with one line; a place that frees is taken again", async () => {
  await withServer({ maxRoomMembers: 2 }, async (server, url) => {
    const a = await Inbox.open(url("room=lobby"));
    const b = await Inbox.open(url("room=lobby"));
    const full = await rawRequest(server.port, { path: "/api/ws?room=lobby" });
    assert.equal(full.status, 503);
    assert.equal(full.body, "room lobby is full (2 members)\n");
    assert.equal(full.headers.get("retry-after"), "1");
    // Another room, and a plain echo, are not affected.
    const c = await Inbox.open(url("room=other"));
    await b.close();
    const d = await Inbox.open(url("room=lobby"));
    d.socket.send("in");
    assert.equal(await a.next(), "in");
    assert.equal(
      server.app.echo.metrics.rejectionsByReason.get("room_full"),
      1,
    );
    await Promise.all([a.close(), c.close(), d.close()]);
  });
});

const BAD_ROOMS: [string, string][] = [
  ["room=", 'room is "", expected 1-64 characters of A-Z a-z 0-9 . _ -'],
  [
    `room=${"x".repeat(65)}`,
    `room is "${
      "x".repeat(65)
    }", expected 1-64 characters of A-Z a-z 0-9 . _ -`,
  ],
  [
    "room=a%20b",
    'room is "a b", expected 1-64 characters of A-Z a-z 0-9 . _ -',
  ],
  [
    "room=caf%C3%A9",
    'room is "café", expected 1-64 characters of A-Z a-z 0-9 . _ -',
  ],
  ["room=a&room=b", "room is given 2 times, expected it once"],
  ["room=a&self=2", 'self is "2", expected 0 or 1'],
  ["room=a&self=", 'self is "", expected 0 or 1'],
  ["room=a&presence=0", 'presence is "0", expected 1'],
  ["self=0", "self is given without room, which it modifies"],
  ["presence=1", "presence is given without room, which it modifies"],
];

Deno.test("rooms - every malformed value gets 400 before any upgrade, naming the parameter, the value and the form", async () => {
  await withServer({}, async (server, url) => {
    for (const [query, line] of BAD_ROOMS) {
      const res = await rawRequest(server.port, { path: `/api/ws?${query}` });
      assert.equal(res.status, 400, query);
      assert.equal(res.body, `${line}\n`, query);
    }
    // Unknown parameters are ignored, as for the other behaviours.
    const ok = await Inbox.open(url("room=a&token=xyz&_=123"));
    // The server keeps serving everyone.
    ok.socket.send("still here");
    assert.equal(await ok.next(), "still here");
    await ok.close();
  });
});

Deno.test("rooms - ROOMS=false refuses room parameters with 400 saying so; the echo still works", async () => {
  await withServer({ rooms: false }, async (server, url) => {
    const res = await rawRequest(server.port, {
      path: "/api/ws?room=lobby&presence=1",
    });
    assert.equal(res.status, 400);
    assert.equal(
      res.body,
      'Rooms are turned off here (ROOMS=false): remove "room", "presence" from the URL\n',
    );
    const plain = await Inbox.open(url("delay=0"));
    plain.socket.send("echo");
    assert.equal(await plain.next(), "echo");
    await plain.close();
  });
});

Deno.test("rooms - delay and close/after act on what a member receives; push goes to that member only", async () => {
  await withServer({}, async (_server, url) => {
    const slow = await Inbox.open(url("room=mix&self=0&delay=150"));
    const pushed = await Inbox.open(url("room=mix&self=0&push=20&count=1"));
    const push = await pushed.nextJson() as Record<string, unknown>;
    assert.equal(push.push, 1);
    const closing = await Inbox.open(
      url("room=mix&self=0&close=4001&reason=enough&after=2"),
    );
    const sender = await Inbox.open(url("room=mix&self=0"));
    const sentAt = performance.now();
    sender.socket.send("one");
    sender.socket.send("two");
    assert.deepEqual(await slow.take(2), ["one", "two"]);
    assert.ok(performance.now() - sentAt >= 145, "delay=150 held the delivery");
    assert.deepEqual(await closing.take(2), ["one", "two"]);
    const closed = await closing.closed;
    assert.equal(closed.code, 4001);
    assert.equal(closed.reason, "enough");
    assert.deepEqual(await pushed.take(2), ["one", "two"]);
    // The push reached only its own connection.
    assert.equal(sender.pending, 0);
    await Promise.all([slow.close(), pushed.close(), sender.close()]);
  });
});

Deno.test("rooms - a member that stops reading is closed with 1013; the others receive everything", async () => {
  const highWater = 256 * 1024;
  await withServer({
    maxMessageBytes: 64 * 1024,
    sendHighWaterBytes: highWater,
  }, async (server, url) => {
    const stalled = await RawWebSocket.connect(server.port, "/api/ws?room=big");
    const reader = await Inbox.open(url("room=big"));
    const sender = await Inbox.open(url("room=big&self=0"));
    const metrics = server.app.echo.metrics;
    const chunk = new Uint8Array(64 * 1024);
    let sent = 0;
    try {
      // Loopback buffers a few MiB before the stalled member's queue grows.
      while (!metrics.rejectionsByReason.get("slow_reader") && sent < 2048) {
        chunk[0] = sent % 256;
        sender.socket.send(chunk);
        sent++;
        const got = new Uint8Array((await reader.next()) as ArrayBuffer);
        assert.equal(got[0], (sent - 1) % 256);
        assert.equal(got.byteLength, chunk.byteLength);
      }
      assert.equal(metrics.rejectionsByReason.get("slow_reader"), 1);
      // The room goes on without it.
      sender.socket.send("after");
      assert.equal(await reader.next(), "after");
      const close = await stalled.readUntilClose();
      assert.equal(close.code, 1013);
      assert.equal(
        close.reason,
        `Client is not reading: over ${highWater} bytes queued`,
      );
    } finally {
      stalled.close();
    }
    await Promise.all([reader.close(), sender.close()]);
  });
});

Deno.test("rooms - a sender's size limit applies once to what it sends, and nothing of it reaches the room", async () => {
  await withServer({ maxMessageBytes: 1024 }, async (_server, url) => {
    const reader = await Inbox.open(url("room=lim"));
    const sender = await RawWebSocket.connect(
      Number(new URL(url("")).port),
      "/api/ws?room=lim&self=0",
    );
    try {
      await sender.send(OPCODE_BINARY, new Uint8Array(2048));
      const close = await sender.readUntilClose();
      assert.equal(close.code, 1009);
      reader.socket.send("only mine");
      assert.equal(await reader.next(), "only mine");
    } finally {
      sender.close();
    }
    await reader.close();
  });
});
