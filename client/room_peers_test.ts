import assert from "node:assert/strict";
import { RoomMessages, type RoomTeller } from "./room_messages.ts";
import { roomKey, RoomPeers } from "./room_peers.ts";

const ROOM = "ws://127.0.0.1:8000/api/ws?room=lobby";
const KEY = "ws://127.0.0.1:8000/api/ws?room=lobby";

/** Sockets of one page on `urls`, open, sharing one record. */
function openPage(...urls: string[]): [RoomPeers, ...RoomTeller[]] {
  const peers = new RoomPeers();
  const members = urls.map((url) => {
    const member = {};
    peers.join(member, url);
    return peers.wrap(new RoomMessages(url), url, member);
  });
  return [peers, ...members];
}

Deno.test("roomKey - server, path and room; other parameters do not matter", () => {
  assert.equal(roomKey(`${ROOM}&self=0&delay=5`), KEY);
  assert.equal(
    roomKey("wss://echo.test/ws?x=1&room=a.b"),
    "wss://echo.test/ws?room=a.b",
  );
  assert.equal(roomKey("ws://127.0.0.1:8000/api/ws"), null);
  assert.equal(roomKey("not a url"), null);
});

Deno.test("RoomPeers - Send to all open in one room: each socket tells its echo from its sibling's identical message", () => {
  const [peers, a, b] = openPage(ROOM, ROOM);
  // A sends first, then B; the server relays A's copy first to both.
  assert.equal(a.sent("m6"), true);
  assert.equal(b.sent("m6"), true);
  assert.deepEqual([a.received("m6"), a.received("m6")], ["echo", "room"]);
  assert.deepEqual([b.received("m6"), b.received("m6")], ["room", "echo"]);
  assert.equal(peers.awaited(KEY), 0);
});

Deno.test("RoomPeers - binary as well as text, and a third socket's copies too", () => {
  const [, a, b, c] = openPage(ROOM, ROOM, ROOM);
  const bytes = () => new Uint8Array([0, 255, 16]);
  for (const member of [a, b, c]) member.sent(bytes());
  const three = (m: RoomTeller) => [1, 2, 3].map(() => m.received(bytes()));
  assert.deepEqual(three(a), ["echo", "room", "room"]);
  assert.deepEqual(three(b), ["room", "echo", "room"]);
  assert.deepEqual(three(c), ["room", "room", "echo"]);
});

Deno.test("RoomPeers - a sibling that hears no echo (self=0) still counts for the others", () => {
  const [peers, a, b] = openPage(`${ROOM}&self=0`, ROOM);
  assert.equal(a.sent("hi"), false);
  assert.equal(b.sent("hi"), true);
  assert.deepEqual([b.received("hi"), b.received("hi")], ["room", "echo"]);
  assert.deepEqual([a.received("hi")], ["room"]);
  assert.equal(peers.awaited(KEY), 0);
});

Deno.test("RoomPeers - only siblings open in the same room on the same server count", () => {
  const [peers, a, other, elsewhere, sibling] = openPage(
    ROOM,
    "ws://127.0.0.1:8000/api/ws?room=other",
    "ws://127.0.0.1:9000/api/ws?room=lobby",
    ROOM,
  );
  for (const member of [other, elsewhere, sibling]) member.sent("x");
  assert.equal(peers.awaited(KEY), 1);
  a.sent("x");
  // Only the sibling in A's room counts: its copy, sent first, comes first.
  assert.deepEqual([a.received("x"), a.received("x")], ["room", "echo"]);
});

Deno.test("RoomPeers - a stranger's identical message is still taken for the echo, as without siblings", () => {
  const [peers, a, b] = openPage(ROOM, ROOM);
  a.sent("same");
  assert.deepEqual([b.received("same"), a.received("same")], ["room", "echo"]);
  assert.equal(peers.awaited(KEY), 0);
  // Off a room URL nothing is wrapped: every message may be an echo.
  const plain = new RoomMessages("ws://127.0.0.1:8000/api/ws");
  assert.equal(peers.wrap(plain, "ws://127.0.0.1:8000/api/ws", {}), plain);
});

Deno.test("RoomPeers - a member that leaves awaits nothing, and what no one receives is bounded", () => {
  const peers = new RoomPeers({ maxSends: 3 });
  const [a, b] = [{}, {}];
  peers.join(a, ROOM);
  peers.join(b, ROOM);
  const room = peers.wrap(new RoomMessages(ROOM), ROOM, a);
  for (let i = 0; i < 5; i++) room.sent(`m${i}`);
  assert.equal(peers.awaited(KEY), 3);
  peers.leave(b);
  assert.equal(peers.awaited(KEY), 0);
  // Not joined (not open yet), a member awaits nothing sent meanwhile.
  room.sent("early");
  peers.join(b, ROOM);
  assert.equal(peers.awaited(KEY), 0);
});

Deno.test("RoomPeers - a socket wrapped while an echo is on its way keeps its sends and its siblings' apart", () => {
  const peers = new RoomPeers();
  const [memberA, memberB] = [{}, {}];
  const inner = new RoomMessages(ROOM);
  inner.sent("x");
  // B is added while A's "x" is on its way.
  peers.join(memberA, ROOM);
  peers.join(memberB, ROOM);
  const a = peers.wrap(inner, ROOM, memberA);
  const b = peers.wrap(new RoomMessages(ROOM), ROOM, memberB);
  a.sent("y");
  b.sent("y");
  assert.deepEqual(
    [a.received("x"), a.received("y"), a.received("y")],
    ["echo", "echo", "room"],
  );
});

Deno.test("RoomPeers - a socket wrapped while its own echoes are due still times them", () => {
  const peers = new RoomPeers();
  const inner = new RoomMessages(ROOM);
  inner.sent("before");
  const a = peers.wrap(inner, ROOM, {});
  assert.equal(a.received("before"), "echo");
  a.reset();
  assert.equal(a.received("before"), "room");
});

Deno.test("RoomPeers - a sibling closed before the server relayed its send: later identical echoes stay echoes", () => {
  const peers = new RoomPeers();
  const [memberA, memberB] = [{}, {}];
  peers.join(memberA, ROOM);
  peers.join(memberB, ROOM);
  const a = peers.wrap(new RoomMessages(ROOM), ROOM, memberA);
  const b = peers.wrap(new RoomMessages(ROOM), ROOM, memberB);
  a.sent("hello");
  b.sent("hello");
  assert.equal(a.received("hello"), "echo");
  // The server closed B (close=4000&after=1) before it read B's "hello".
  peers.leave(memberB);
  assert.equal(peers.awaited(KEY), 0);
  for (let i = 0; i < 3; i++) {
    a.sent("hello");
    assert.equal(a.received("hello"), "echo");
  }
});

Deno.test("RoomPeers - an echo of a later send means an earlier sibling send awaited is not coming", () => {
  const [peers, a, b] = openPage(ROOM, ROOM);
  b.sent("x");
  a.sent("y");
  // B's "x" never reached A; A's echo of "y", sent after it, has. Only
  // A's "y" is awaited still, by B.
  assert.equal(a.received("y"), "echo");
  assert.equal(peers.awaited(KEY), 1);
  a.sent("x");
  assert.equal(a.received("x"), "echo");
});
