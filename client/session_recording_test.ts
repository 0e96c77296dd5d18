import assert from "node:assert/strict";
import { Connection } from "./connection.ts";
import { Recorder } from "./script_recorder.ts";
import { parseScript } from "./script_parse.ts";
import { recordSources, SessionRecording } from "./session_recording.ts";
import { FakeSocket, STILL_CLOCK } from "./test_fakes.ts";

/** A connection whose sockets the test holds. */
function fakeConnection() {
  const sockets: FakeSocket[] = [];
  const connection = new Connection({
    clock: STILL_CLOCK,
    createSocket: (url, protocols) => {
      const socket = new FakeSocket(url, protocols);
      sockets.push(socket);
      return socket;
    },
  });
  return { connection, socket: () => sockets.at(-1)! };
}

Deno.test("session recording - records every connection under a script name, in the order things happened, joining those added later", () => {
  const a = fakeConnection();
  const b = fakeConnection();
  const recorder = new Recorder();
  let changes = 0;
  const recording = new SessionRecording(recorder, () => changes++);
  const fields = { url: "ws://h/field", protocols: "chat, v2" };
  // One connection: the page's, named A as its tab will be.
  recording.add(recordSources([], a.connection, fields));
  a.connection.connect("ws://h/api/ws?room=r", ["chat"]);
  a.socket().open();
  // A second tab comes while recording, is renamed, then connects.
  const items = [
    { connection: a.connection, name: "A", url: "stale", protocols: "" },
    { connection: b.connection, name: "B", url: "ws://h/b", protocols: "" },
  ];
  recording.add(recordSources(items, a.connection, fields));
  recording.add(
    recordSources(
      [items[0], { ...items[1], name: "bob smith" }],
      a.connection,
      fields,
    ),
  );
  b.connection.connect("ws://h/api/ws?room=r&self=0", []);
  b.socket().open();
  a.connection.send("hello bob");
  b.socket().message("hello bob");
  a.socket().message("hello bob");
  b.connection.send("hi");
  a.socket().message("hi");
  recording.stop();
  a.connection.send("not recorded");
  assert.deepEqual(recorder.script(), {
    connections: {
      A: { url: "ws://h/api/ws?room=r", protocols: ["chat"] },
      bob_smith: { url: "ws://h/api/ws?room=r&self=0" },
    },
    steps: [
      { send: "hello bob", on: "A" },
      { expect: { equals: "hello bob" }, on: "bob_smith" },
      { expect: { equals: "hello bob" }, on: "A" },
      { send: "hi", on: "bob_smith" },
      { expect: { equals: "hi" }, on: "A" },
    ],
  });
  assert.equal(changes, 5);
  a.connection.dispose();
  b.connection.dispose();
});

Deno.test("session recording - a connection renamed after its steps is recorded under its newest name, a script name none other has, in its place", () => {
  const a = fakeConnection();
  const b = fakeConnection();
  const recorder = new Recorder();
  const recording = new SessionRecording(recorder, () => {});
  const items = [
    { connection: a.connection, name: "A", url: "ws://h/a", protocols: "" },
    { connection: b.connection, name: "B", url: "ws://h/b", protocols: "" },
  ];
  recording.add(items);
  a.connection.connect("ws://h/a", []);
  a.socket().open();
  b.connection.connect("ws://h/b", []);
  b.socket().open();
  a.connection.send("one");
  b.connection.send("two");
  recording.add([items[0], { ...items[1], name: "bob" }]);
  b.connection.send("three");
  // "A B" maps to A_B; then A's new name maps to it too.
  recording.add([items[0], { ...items[1], name: "A B" }]);
  recording.add([{ ...items[0], name: "A_B" }, { ...items[1], name: "A B" }]);
  a.connection.send("four");
  recording.add([{ ...items[0], name: "A_B" }, items[1]]);
  b.connection.send("five");
  recording.stop();
  const script = recorder.script();
  assert.deepEqual(script, {
    connections: {
      "A_B-2": { url: "ws://h/a" },
      B: { url: "ws://h/b" },
    },
    steps: [
      { send: "one", on: "A_B-2" },
      { send: "two", on: "B" },
      { send: "three", on: "B" },
      { send: "four", on: "A_B-2" },
      { send: "five", on: "B" },
    ],
  });
  assert.deepEqual(parseScript(JSON.stringify(script)), script);
  a.connection.dispose();
  b.connection.dispose();
});

Deno.test("session recording - recordSources takes the selected one's fields from the form; a connecting socket is recorded at its URL and subprotocols", () => {
  const a = fakeConnection();
  const b = fakeConnection();
  const items = [
    { connection: a.connection, name: "A", url: "stale", protocols: "" },
    { connection: b.connection, name: "B", url: "ws://h/b", protocols: "x" },
  ];
  assert.deepEqual(
    recordSources(items, a.connection, { url: "ws://h/a", protocols: "v1" })
      .map((s) => [s.name, s.url, s.protocols]),
    [["A", "ws://h/a", "v1"], ["B", "ws://h/b", "x"]],
  );
  const recorder = new Recorder();
  const recording = new SessionRecording(recorder, () => {});
  recording.add(
    recordSources(items, a.connection, {
      url: "ws://h/a",
      protocols: "v1, v2",
    }),
  );
  a.connection.connect("ws://h/a", ["v1", "v2"]);
  b.connection.connect("ws://h/b", ["x"]);
  a.connection.close(1000);
  b.connection.close(1000);
  assert.deepEqual(recorder.script().connections, {
    A: { url: "ws://h/a", protocols: ["v1", "v2"] },
    B: { url: "ws://h/b", protocols: ["x"] },
  });
  recording.stop();
  a.connection.dispose();
  b.connection.dispose();
});
