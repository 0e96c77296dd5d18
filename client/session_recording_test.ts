import assert from "node:assert/strict";
import { Connection } from "./connection.ts";
import { Recorder } from "./script_recorder.ts";
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
  // Renamed after its first step: the name stays.
  recording.add([items[0], { ...items[1], name: "robert" }]);
  b.connection.send("again");
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
      { send: "again", on: "bob_smith" },
    ],
  });
  assert.equal(changes, 6);
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
