import assert from "node:assert/strict";
import { Connection, type ConnectionOptions } from "./connection.ts";
import { FakeClock, FakeSocket } from "./test_fakes.ts";

function setUp(options: ConnectionOptions = {}) {
  const clock = new FakeClock();
  const sockets: FakeSocket[] = [];
  const connection = new Connection({
    clock,
    random: () => 0,
    createSocket: (url, protocols) => {
      const socket = new FakeSocket(url, protocols);
      sockets.push(socket);
      return socket;
    },
    ...options,
  });
  const socket = () => sockets[sockets.length - 1];
  return { clock, sockets, socket, connection };
}

function states(connection: Connection) {
  return connection.snapshot.trace.flatMap((e) =>
    e.kind === "state" ? [[e.at, e.state, e.cause]] : []
  );
}

Deno.test("Connection - records all four readyStates when the page closes", () => {
  const { clock, socket, connection } = setUp();
  connection.connect("ws://echo.test/api/ws", ["chat"]);
  assert.deepEqual(socket().protocols, ["chat"]);
  assert.equal(socket().binaryType, "arraybuffer");
  clock.advance(3);
  socket().open("chat");
  clock.advance(1000);
  connection.close(1000, "Done");
  assert.deepEqual(socket().closedWith, [1000, "Done"]);
  assert.equal(connection.snapshot.readyState, 2);
  clock.advance(2);
  socket().closed(1000, "Done");
  assert.deepEqual(states(connection), [
    [1000, 0, "new WebSocket()"],
    [1003, 1, "open event"],
    [2003, 2, "close() called"],
    [2005, 3, "close event"],
  ]);
  const calls = connection.snapshot.trace.flatMap((e) =>
    e.kind === "call" ? [e.name + " " + e.detail] : []
  );
  assert.deepEqual(calls, [
    "new WebSocket ws://echo.test/api/ws [chat]",
    'close close(1000, "Done")',
  ]);
  const logged = connection.snapshot.log.entries
    .filter((e) => e.kind === "state")
    .map((e) => [e.state, e.text]);
  assert.deepEqual(logged, [
    [0, "new WebSocket()"],
    [1, "open event, after 3.0 ms in CONNECTING"],
    [2, "close() called, after 1000 ms in OPEN"],
    [3, "close event, after 2.0 ms in CLOSING"],
  ]);
  assert.equal(connection.snapshot.protocol, "chat");
});

Deno.test("Connection - a close frame from the server shows CLOSING before CLOSED", async (t) => {
  await t.step("seen by the readyState sample", () => {
    const { clock, socket, connection } = setUp();
    connection.connect("ws://echo.test/");
    socket().open();
    clock.advance(50);
    socket().readyState = 2;
    clock.advance(100);
    socket().closed(1001, "Going away");
    assert.deepEqual(states(connection).map(([, s, c]) => [s, c]), [
      [0, "new WebSocket()"],
      [1, "open event"],
      [2, "close frame received"],
      [3, "close event"],
    ]);
  });
  await t.step("before any sample, at the close event", () => {
    const { socket, connection } = setUp();
    connection.connect("ws://echo.test/");
    socket().open();
    socket().closed(1001, "Going away");
    assert.deepEqual(states(connection).map(([, s]) => s), [0, 1, 2, 3]);
  });
  await t.step("a dropped connection goes from OPEN straight to CLOSED", () => {
    const { socket, connection } = setUp();
    connection.connect("ws://echo.test/");
    socket().open();
    socket().fail();
    assert.deepEqual(states(connection).map(([, s]) => s), [0, 1, 3]);
    const events = connection.snapshot.trace.flatMap((e) =>
      e.kind === "event" ? [e.name] : []
    );
    assert.deepEqual(events, ["open", "error", "close"]);
  });
});

Deno.test("Connection - sends, matches echoes and reports round trips", () => {
  const { clock, socket, connection } = setUp();
  assert.equal(connection.send("early"), false);
  connection.connect("ws://echo.test/");
  socket().open();
  assert.equal(connection.send("héllo"), true);
  assert.equal(connection.send(new Uint8Array([1, 2, 3])), true);
  clock.advance(4);
  socket().message("héllo");
  clock.advance(1);
  socket().message(new Uint8Array([1, 2, 3]).buffer);
  clock.advance(50);
  const entries = connection.snapshot.log.entries.filter((e) =>
    e.kind === "send" || e.kind === "message"
  );
  assert.deepEqual(
    entries.map((e) => [e.kind, e.direction, e.size, e.rtt]),
    [
      ["send", "out", 6, undefined],
      ["send", "out", 3, undefined],
      ["message", "in", 6, 4],
      ["message", "in", 3, 5],
    ],
  );
  assert.deepEqual(entries[3].bytes, new Uint8Array([1, 2, 3]));
  assert.equal(entries[0].time, 1_700_000_000_000 + 1000);
  assert.equal(connection.snapshot.rtt?.count, 2);
  assert.equal(connection.snapshot.rtt?.last, 5);
  assert.equal(connection.snapshot.firstText, "héllo");
  assert.deepEqual(socket().sent, ["héllo", new Uint8Array([1, 2, 3])]);
});

Deno.test("Connection - a message sent in a format keeps how it reads; its echo does not", () => {
  const { clock, socket, connection } = setUp();
  connection.connect("ws://echo.test/");
  socket().open();
  assert.equal(connection.send(new Uint8Array([0x81]), "msgpack"), true);
  assert.equal(connection.send(new Uint8Array([0x01])), true);
  socket().message(new Uint8Array([0x81]).buffer);
  clock.advance(50);
  const entries = connection.snapshot.log.entries.filter((e) =>
    e.kind === "send" || e.kind === "message"
  );
  assert.deepEqual(entries.map((e) => [e.kind, e.readAs]), [
    ["send", "msgpack"],
    ["send", undefined],
    ["message", undefined],
  ]);
  assert.equal("readAs" in entries[1], false);
});

Deno.test("Connection - a burst of messages reaches subscribers in one flush", () => {
  const { clock, socket, connection } = setUp({ maxEntries: 10 });
  connection.connect("ws://echo.test/");
  socket().open();
  clock.advance(100);
  let calls = 0;
  connection.subscribe(() => calls++);
  for (let i = 0; i < 20; i++) socket().message(`m${i}`);
  assert.equal(calls, 0);
  clock.advance(50);
  assert.equal(calls, 1);
  const { log } = connection.snapshot;
  assert.equal(log.entries.length, 10);
  assert.equal(log.entries[0].text, "m10");
  assert.equal(log.dropped, 13);
});

Deno.test("Connection - samples bufferedAmount when it changes", () => {
  const { clock, socket, connection } = setUp({ sampleMs: 100 });
  connection.connect("ws://echo.test/");
  socket().open();
  socket().bufferedAmount = 4096;
  connection.send("x".repeat(4096));
  clock.advance(100);
  socket().bufferedAmount = 0;
  clock.advance(300);
  const samples = connection.snapshot.trace.flatMap((e) =>
    e.kind === "buffered" ? [[e.at, e.bytes]] : []
  );
  assert.deepEqual(samples, [[1000, 4096], [1200, 0]]);
  assert.equal(connection.snapshot.bufferedAmount, 0);
});

Deno.test("Connection - samples bufferedAmount at each message and at the close, between ticks", () => {
  const { clock, socket, connection } = setUp({ sampleMs: 100 });
  connection.connect("ws://echo.test/");
  socket().open();
  socket().bufferedAmount = 4096;
  connection.send("x".repeat(4096));
  clock.advance(10);
  // The echo is back, so the bytes have left: the line drops now, not at
  // the next tick.
  socket().bufferedAmount = 0;
  socket().message("x".repeat(4096));
  clock.advance(10);
  socket().bufferedAmount = 7;
  socket().closed(1000);
  const samples = connection.snapshot.trace.flatMap((e) =>
    e.kind === "buffered" ? [[e.at, e.bytes]] : []
  );
  assert.deepEqual(samples, [[1000, 4096], [1010, 0], [1020, 7]]);
});

Deno.test("Connection - listeners hear messages and the close as they happen", () => {
  const { socket, connection } = setUp();
  const heard: unknown[] = [];
  connection.addListener("message", (e) => heard.push(e));
  const remove = connection.addListener("close", (e) => heard.push(e));
  connection.connect("ws://echo.test/");
  socket().open();
  socket().message("server first");
  socket().closed(4000, "bye");
  remove();
  assert.deepEqual(heard, [
    { data: "server first" },
    { code: 4000, reason: "bye", wasClean: true },
  ]);
});

Deno.test("Connection - reconnects with backoff after a loss, not after close()", async (t) => {
  const { clock, sockets, socket, connection } = setUp();
  connection.reconnect = true;
  connection.connect("ws://echo.test/", ["v1"]);
  socket().open();

  await t.step("a lost connection schedules attempt 1", () => {
    socket().closed(1006, "", false);
    assert.deepEqual(connection.snapshot.retry, {
      attempt: 1,
      at: 1500,
      afterOpen: true,
    });
  });
  await t.step("the attempt opens a new socket to the same place", () => {
    clock.advance(500);
    assert.equal(sockets.length, 2);
    assert.deepEqual(socket().protocols, ["v1"]);
    assert.equal(connection.snapshot.retry, null);
  });
  await t.step("a socket that never opened is a failure, not a loss", () => {
    socket().fail();
    assert.deepEqual(connection.snapshot.retry, {
      attempt: 2,
      at: clock.time + 1000,
      afterOpen: false,
    });
  });
  await t.step("stopRetrying cancels it", () => {
    connection.stopRetrying();
    clock.advance(5000);
    assert.equal(sockets.length, 2);
    assert.equal(
      connection.snapshot.log.entries.at(-1)?.text,
      "Stopped reconnecting",
    );
  });
  await t.step("a close the page asks for is not retried", () => {
    connection.connect("ws://echo.test/");
    socket().open();
    connection.close();
    socket().closed(1005, "");
    clock.advance(60_000);
    assert.equal(sockets.length, 3);
    assert.equal(connection.snapshot.retry, null);
  });
});

Deno.test("Connection - a URL the browser refuses is an error, not a socket", () => {
  const { connection } = setUp({
    createSocket: () => {
      throw new SyntaxError("The URL's scheme must be either 'ws' or 'wss'");
    },
  });
  assert.equal(
    connection.connect("http://echo.test/"),
    "The URL's scheme must be either 'ws' or 'wss'",
  );
  assert.equal(connection.snapshot.readyState, null);
  assert.equal(connection.snapshot.log.entries[0].kind, "error");
});

Deno.test("Connection - a step's result is a trace mark and a step entry in the log", () => {
  const { clock, connection } = setUp();
  connection.connect("ws://echo.test/api/ws");
  clock.advance(10);
  connection.markStep(
    { kind: "mark", label: "step 1", detail: 'send "hi" 0.3 ms', ok: true },
    {
      text: '✓ 1 send "hi" 0.3 ms',
      step: { path: "1", passed: true, ms: 0.25 },
    },
  );
  clock.advance(50);
  const marks = connection.snapshot.trace.filter((e) => e.kind === "mark");
  assert.deepEqual(marks, [
    {
      at: 1010,
      kind: "mark",
      label: "step 1",
      detail: 'send "hi" 0.3 ms',
      ok: true,
    },
  ]);
  const steps = connection.snapshot.log.entries.filter((e) =>
    e.kind === "step"
  );
  assert.deepEqual(steps.map((e) => [e.text, e.step]), [
    ['✓ 1 send "hi" 0.3 ms', { path: "1", passed: true, ms: 0.25 }],
  ]);
});

Deno.test("Connection - listeners hear each send and the page's close", () => {
  const { socket, connection } = setUp();
  const heard: unknown[] = [];
  connection.addListener("send", (e) => heard.push(["send", e.data]));
  connection.addListener("closing", (e) => heard.push(["closing", e]));
  connection.connect("ws://echo.test/api/ws");
  socket().open();
  connection.send("a");
  connection.send(new Uint8Array([1]));
  connection.close(4000, "bye");
  connection.send("late");
  assert.deepEqual(heard, [
    ["send", "a"],
    ["send", new Uint8Array([1])],
    ["closing", { code: 4000, reason: "bye" }],
  ]);
});

Deno.test("Connection - a push on a ?push URL is labelled and not matched to a send", () => {
  const { clock, socket, connection } = setUp({ flushMs: 0 });
  connection.connect("ws://echo.test/api/ws?push=100");
  socket().open();
  connection.send("a");
  clock.advance(5);
  const push = '{"push":1,"time":"2026-12-01T20:00:00.000Z"}';
  socket().message(push);
  clock.advance(5);
  socket().message("a");
  clock.advance(1);
  const messages = connection.snapshot.log.entries
    .filter((e) => e.kind === "message")
    .map(({ text, rtt, push }) => ({ text, rtt, push }));
  assert.deepEqual(messages, [
    { text: push, rtt: undefined, push: 1 },
    { text: "a", rtt: 10, push: undefined },
  ]);
  const events = connection.snapshot.trace.flatMap((e) =>
    e.kind === "event" && e.name === "message" ? [e.detail] : []
  );
  assert.deepEqual(events, ["push 1, text, 44 B", "text, 1 B, RTT 10.0 ms"]);
});

Deno.test("Connection - without ?push, text that looks like a push is an echo", () => {
  const { clock, socket, connection } = setUp({ flushMs: 0 });
  connection.connect("ws://echo.test/api/ws");
  socket().open();
  const text = '{"push":1,"time":"2026-12-01T20:00:00.000Z"}';
  connection.send(text);
  clock.advance(4);
  socket().message(text);
  clock.advance(1);
  const [echo] = connection.snapshot.log.entries.filter((e) =>
    e.kind === "message"
  );
  assert.deepEqual([echo.rtt, echo.push], [4, undefined]);
});

Deno.test("Connection - on a ?room URL other members' messages and notices are labelled and never timed", () => {
  const { clock, socket, connection } = setUp({ flushMs: 0 });
  const heard: unknown[] = [];
  connection.addListener("message", (e) => heard.push(e));
  connection.connect("ws://echo.test/api/ws?room=lobby&presence=1");
  socket().open();
  const join = '{"room":"lobby","event":"join","member":"m1","members":2}';
  connection.send("mine");
  connection.send(new Uint8Array([7, 8]));
  clock.advance(3);
  socket().message(join);
  socket().message("theirs");
  clock.advance(2);
  socket().message("mine");
  socket().message(new Uint8Array([7, 9]).buffer);
  socket().message(new Uint8Array([7, 8]).buffer);
  clock.advance(1);
  const messages = connection.snapshot.log.entries
    .filter((e) => e.kind === "message")
    .map(({ text, bytes, rtt, origin }) => [text ?? [...bytes!], rtt, origin]);
  assert.deepEqual(messages, [
    [join, undefined, "presence"],
    ["theirs", undefined, "room"],
    ["mine", 5, undefined],
    [[7, 9], undefined, "room"],
    [[7, 8], 5, undefined],
  ]);
  assert.deepEqual(connection.snapshot.rtt?.count, 2);
  const events = connection.snapshot.trace.flatMap((e) =>
    e.kind === "event" && e.name === "message" ? [e.detail] : []
  );
  assert.deepEqual(events, [
    "presence, text, 57 B",
    "room, text, 6 B",
    "text, 4 B, RTT 5.0 ms",
    "room, binary, 2 B",
    "binary, 2 B, RTT 5.0 ms",
  ]);
  assert.deepEqual(heard.slice(0, 3), [
    { data: join, origin: "presence" },
    { data: "theirs", origin: "room" },
    { data: "mine", rtt: 5 },
  ]);
});

Deno.test("Connection - with ?room and self=0 nothing waits for an echo", () => {
  const { clock, socket, connection } = setUp({ flushMs: 0 });
  connection.connect("ws://echo.test/api/ws?room=lobby&self=0");
  socket().open();
  connection.send("mine");
  clock.advance(3);
  socket().message("mine");
  clock.advance(1);
  const [entry] = connection.snapshot.log.entries.filter((e) =>
    e.kind === "message"
  );
  assert.deepEqual([entry.rtt, entry.origin], [undefined, "room"]);
  assert.equal(connection.snapshot.rtt, null);
});

Deno.test("Connection - subscribers see OPEN together with the selected protocol and extensions", () => {
  const { clock, socket, connection } = setUp();
  const seen: string[] = [];
  connection.subscribe(() => {
    const { readyState, protocol, extensions } = connection.snapshot;
    seen.push(`${readyState} ${protocol || "-"} ${extensions || "-"}`);
  });
  connection.connect("ws://echo.test/api/ws", ["chat"]);
  socket().extensions = "permessage-deflate";
  socket().open("chat");
  clock.advance(100);
  assert.deepEqual([...new Set(seen)], [
    "0 - -",
    "1 chat permessage-deflate",
  ]);
});
