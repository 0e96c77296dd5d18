import assert from "node:assert/strict";
import { Connection } from "./connection.ts";
import { MAX_CAPTURED, SendCapture } from "./send_capture.ts";
import { FakeSocket, STILL_CLOCK } from "./test_fakes.ts";

function setup() {
  const sockets: FakeSocket[] = [];
  const connection = new Connection({
    clock: STILL_CLOCK,
    createSocket: (url, protocols) => {
      const socket = new FakeSocket(url, protocols);
      sockets.push(socket);
      return socket;
    },
  });
  return { connection, sockets, capture: new SendCapture(connection) };
}

Deno.test("send capture - holds nothing before the first socket", () => {
  const { capture } = setup();
  assert.equal(capture.session, null);
});

Deno.test("send capture - keeps the socket's URL, subprotocols, sends in order and the close the page started", () => {
  const { connection, sockets, capture } = setup();
  connection.connect("ws://127.0.0.1:1/api/ws?a=1", ["chat"]);
  sockets[0].open();
  const bytes = new Uint8Array([0, 255]);
  connection.send("one");
  connection.send(bytes);
  connection.close(4000, "bye");
  assert.deepEqual(capture.session, {
    url: "ws://127.0.0.1:1/api/ws?a=1",
    protocols: ["chat"],
    messages: ["one", bytes],
    sent: 2,
    close: { code: 4000, reason: "bye" },
  });
  capture.dispose();
});

Deno.test("send capture - starts over with each new socket", () => {
  const { connection, sockets, capture } = setup();
  connection.connect("ws://127.0.0.1:1/first");
  sockets[0].open();
  connection.send("old");
  connection.close(1000);
  connection.connect("ws://127.0.0.1:1/second");
  sockets[1].open();
  connection.send("new");
  assert.deepEqual(capture.session, {
    url: "ws://127.0.0.1:1/second",
    protocols: [],
    messages: ["new"],
    sent: 1,
    close: null,
  });
  capture.dispose();
});

Deno.test(`send capture - keeps the first ${MAX_CAPTURED} messages and counts the rest`, () => {
  const { connection, sockets, capture } = setup();
  connection.connect("ws://127.0.0.1:1/");
  sockets[0].open();
  for (let i = 0; i < MAX_CAPTURED + 5; i++) connection.send(`m${i}`);
  assert.equal(capture.session?.messages.length, MAX_CAPTURED);
  assert.equal(capture.session?.messages.at(-1), `m${MAX_CAPTURED - 1}`);
  assert.equal(capture.session?.sent, MAX_CAPTURED + 5);
  capture.dispose();
  connection.send("after dispose");
  assert.equal(capture.session?.sent, MAX_CAPTURED + 5);
});
