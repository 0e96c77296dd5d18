import assert from "node:assert/strict";
import { isPresenceNotice, readRoom, RoomMessages } from "./room_messages.ts";

const BASE = "ws://127.0.0.1:8000/api/ws";
const JOIN =
  '{"room":"lobby","event":"join","member":"3f2a9c1e-7","members":2}';

Deno.test("readRoom - reads the room, self and presence of a URL", () => {
  assert.deepEqual(readRoom(`${BASE}?room=lobby`), {
    name: "lobby",
    self: true,
    presence: false,
  });
  assert.deepEqual(readRoom(`${BASE}?delay=5&room=a.b&self=0&presence=1`), {
    name: "a.b",
    self: false,
    presence: true,
  });
  assert.equal(readRoom(`${BASE}?self=0`), null);
  assert.equal(readRoom("not a url"), null);
});

Deno.test("isPresenceNotice - recognises the server's join and leave notices of this room only", () => {
  assert.equal(isPresenceNotice(JOIN, "lobby"), true);
  assert.equal(
    isPresenceNotice(
      '{"room":"lobby","event":"leave","member":"x","members":0}',
      "lobby",
    ),
    true,
  );
  assert.equal(isPresenceNotice(JOIN, "other"), false);
  for (
    const text of [
      '{"room":"lobby","event":"kick","member":"x","members":1}',
      '{"room":"lobby","event":"join","member":7,"members":1}',
      '{"room":"lobby","event":"join","member":"x","members":"1"}',
      '{"room":"lobby","event":"join"',
      ' {"room":"lobby","event":"join","member":"x","members":1}',
      "hello",
    ]
  ) {
    assert.equal(isPresenceNotice(text, "lobby"), false, text);
  }
});

Deno.test("RoomMessages - off a room URL every message may be an echo and nothing is kept", () => {
  const messages = new RoomMessages(`${BASE}?delay=5`);
  assert.equal(messages.room, null);
  assert.equal(messages.sent("a"), true);
  assert.deepEqual(
    ["b", new Uint8Array([1]), JOIN].map((m) => messages.received(m)),
    ["echo", "echo", "echo"],
  );
});

Deno.test("RoomMessages - with self=1 an echo equal to the oldest send is told from deliveries", () => {
  const messages = new RoomMessages(`${BASE}?room=lobby`);
  assert.equal(messages.sent("one"), true);
  assert.equal(messages.sent(new Uint8Array([1, 2, 3])), true);
  assert.deepEqual(
    [
      "two", // another member's, before the echo
      new Uint8Array([1, 2, 3]), // binary equal to a later send, not the oldest
      "one",
      "one", // another member's copy after the echo was taken
      new Uint8Array([1, 2, 4]), // same length, other bytes
      new Uint8Array([1, 2]),
      "\x01\x02\x03", // text is never the echo of binary
      new Uint8Array([1, 2, 3]),
      new Uint8Array([1, 2, 3]), // nothing pending any more
    ].map((m) => messages.received(m)),
    [
      "room",
      "room",
      "echo",
      "room",
      "room",
      "room",
      "room",
      "echo",
      "room",
    ],
  );
});

Deno.test("RoomMessages - with self=0 every message is a delivery and no echo is expected", () => {
  const messages = new RoomMessages(`${BASE}?room=lobby&self=0`);
  assert.equal(messages.sent("one"), false);
  assert.equal(messages.received("one"), "room");
});

Deno.test("RoomMessages - presence notices are labelled only on a presence=1 URL", () => {
  const notices = new RoomMessages(`${BASE}?room=lobby&presence=1`);
  notices.sent("hi");
  assert.deepEqual(
    [JOIN, "hi", JOIN.replace("lobby", "hall")].map((m) => notices.received(m)),
    ["presence", "echo", "room"],
  );
  // A member who sends a notice's text gets it back as its echo.
  notices.sent(JOIN);
  assert.equal(notices.received(JOIN), "echo");
  const plain = new RoomMessages(`${BASE}?room=lobby`);
  assert.equal(plain.received(JOIN), "room");
});

Deno.test("RoomMessages - the handshake report comes first and answers no send", () => {
  const messages = new RoomMessages(`${BASE}?room=lobby&handshake=1`);
  messages.sent('{"method":"GET"}');
  assert.equal(messages.received('{"method":"GET"}'), "report");
  assert.equal(messages.received('{"method":"GET"}'), "echo");
});

Deno.test("RoomMessages - reset forgets the sends still waiting", () => {
  const messages = new RoomMessages(`${BASE}?room=lobby`);
  messages.sent("one");
  messages.reset();
  assert.equal(messages.received("one"), "room");
});

Deno.test("RoomMessages - many echoes in order stay matched across compaction", () => {
  const messages = new RoomMessages(`${BASE}?room=lobby`);
  const kinds = new Set<string>();
  for (let i = 0; i < 5000; i++) {
    messages.sent(`m${i}`);
    if (i % 3 === 0) kinds.add(messages.received(`other${i}`));
    if (i >= 10) kinds.add(messages.received(`m${i - 10}`) + "-own");
  }
  assert.deepEqual([...kinds].sort(), ["echo-own", "room"]);
  for (let i = 4990; i < 5000; i++) {
    assert.equal(messages.received(`m${i}`), "echo");
  }
  assert.equal(messages.received("m4999"), "room");
});
