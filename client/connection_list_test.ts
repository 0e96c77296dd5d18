import assert from "node:assert/strict";
import { Connection } from "./connection.ts";
import { ConnectionList } from "./connection_list.ts";
import { CONNECTION_COLOURS } from "./connection_names.ts";
import { FakeSocket, STILL_CLOCK } from "./test_fakes.ts";

function setUp(max?: number) {
  const sockets: FakeSocket[] = [];
  const list = new ConnectionList(
    { url: "ws://h/api/ws", protocols: "" },
    {
      max,
      createConnection: () =>
        new Connection({
          clock: STILL_CLOCK,
          createSocket: (url, protocols) => {
            const socket = new FakeSocket(url, protocols);
            sockets.push(socket);
            return socket;
          },
        }),
    },
  );
  let changes = 0;
  list.subscribe(() => changes++);
  return { list, sockets, changes: () => changes };
}

Deno.test("connection list - starts with A selected; add names B, C… with their own colours and selects the new one", () => {
  const { list, changes } = setUp();
  assert.deepEqual(list.items.map((i) => i.name), ["A"]);
  assert.equal(list.selected.name, "A");
  const b = list.add({ url: "ws://h/api/ws?room=r", protocols: "chat" });
  const c = list.add({ url: "ws://h/x", protocols: "" });
  assert.deepEqual(list.items.map((i) => i.name), ["A", "B", "C"]);
  assert.deepEqual(
    list.items.map((i) => i.colour),
    CONNECTION_COLOURS.slice(0, 3),
  );
  assert.equal(list.selected, c);
  assert.deepEqual([b.url, b.protocols], ["ws://h/api/ws?room=r", "chat"]);
  assert.notEqual(b.connection, c.connection);
  assert.equal(changes(), 2);
});

Deno.test("connection list - duplicate copies URL, subprotocols and the reconnect setting", () => {
  const { list } = setUp();
  const a = list.selected;
  list.setFields(a.id, { url: "ws://h/api/ws?delay=5", protocols: "v2" });
  a.connection.reconnect = true;
  const copy = list.duplicate(a.id);
  assert.deepEqual(
    [copy.name, copy.url, copy.protocols, copy.connection.reconnect],
    ["B", "ws://h/api/ws?delay=5", "v2", true],
  );
  assert.equal(list.selected, copy);
});

Deno.test("connection list - remove closes the socket, selects a neighbour, frees the name and colour, keeps the last", () => {
  const { list, sockets } = setUp();
  const [a] = list.items;
  const b = list.add({ url: "ws://h/b", protocols: "" });
  const c = list.add({ url: "ws://h/c", protocols: "" });
  b.connection.connect("ws://h/b");
  sockets[0].open();
  list.select(b.id);
  assert.equal(list.remove(b.id), true);
  assert.deepEqual(sockets[0].closedWith, [1000, "Connection removed"]);
  assert.deepEqual(list.items.map((i) => i.name), ["A", "C"]);
  assert.equal(list.selected.id, c.id);
  // The next one added takes the free letter and colour.
  const again = list.add({ url: "ws://h/d", protocols: "" });
  assert.deepEqual([again.name, again.colour], ["B", CONNECTION_COLOURS[1]]);
  list.remove(again.id);
  list.remove(c.id);
  assert.equal(list.selected.id, a.id);
  assert.equal(list.remove(a.id), false);
  assert.deepEqual(list.items.map((i) => i.name), ["A"]);
});

Deno.test("connection list - rename trims, and refuses an empty, long or taken name", () => {
  const { list } = setUp();
  const a = list.selected;
  const b = list.add({ url: "ws://h/", protocols: "" });
  assert.equal(list.rename(a.id, "  alice "), null);
  assert.equal(list.items[0].name, "alice");
  assert.equal(list.rename(b.id, "alice"), '"alice" names another connection');
  assert.equal(list.rename(b.id, "   "), "A connection needs a name");
  assert.equal(
    list.rename(b.id, "x".repeat(33)),
    "A name has at most 32 characters",
  );
  assert.equal(list.rename(b.id, "bob"), null);
  assert.deepEqual(list.items.map((i) => i.name), ["alice", "bob"]);
  // A renamed A frees the letter.
  assert.equal(list.add({ url: "ws://h/", protocols: "" }).name, "A");
});

Deno.test("connection list - send to all sends from every open socket only", () => {
  const { list, sockets } = setUp();
  const [a] = list.items;
  const b = list.add({ url: "ws://h/b", protocols: "" });
  const c = list.add({ url: "ws://h/c", protocols: "" });
  a.connection.connect("ws://h/a");
  b.connection.connect("ws://h/b");
  c.connection.connect("ws://h/c");
  sockets[0].open();
  sockets[2].open();
  const from = list.sendToAll("hello");
  assert.deepEqual(from.map((i) => i.name), ["A", "C"]);
  assert.deepEqual(sockets.map((s) => s.sent), [["hello"], [], ["hello"]]);
  list.dispose();
});

Deno.test("connection list - add stops at max with a RangeError", () => {
  const { list } = setUp(2);
  list.add({ url: "ws://h/", protocols: "" });
  assert.equal(list.canAdd, false);
  assert.throws(
    () => list.add({ url: "ws://h/", protocols: "" }),
    new RangeError("Cannot add a connection: 2 is the most at once"),
  );
});

Deno.test("connection list - select ignores the selected one and refuses an unknown id", () => {
  const { list, changes } = setUp();
  list.select(list.selected.id);
  assert.equal(changes(), 0);
  assert.throws(
    () => list.select(99),
    new RangeError("No connection has id 99"),
  );
});

Deno.test("connection list - keys move the selection as ARIA tabs do: arrows wrap, Home and End", () => {
  const { list } = setUp();
  list.add({ url: "ws://h/", protocols: "" });
  list.add({ url: "ws://h/", protocols: "" });
  const names = ["ArrowRight", "ArrowRight", "ArrowLeft", "Home", "End"].map(
    (key) => (list.selectByKey(key), list.selected.name),
  );
  assert.deepEqual(names, ["A", "B", "A", "A", "C"]);
  assert.equal(list.selectByKey("a"), false);
  assert.equal(list.selected.name, "C");
});

Deno.test("connection list - a given name is kept when valid and free, else the first free letter", () => {
  const sockets: FakeSocket[] = [];
  const list = new ConnectionList(
    { url: "ws://h/a", protocols: "", name: " alice " },
    {
      createConnection: () =>
        new Connection({
          clock: STILL_CLOCK,
          createSocket: (url, protocols) => {
            const socket = new FakeSocket(url, protocols);
            sockets.push(socket);
            return socket;
          },
        }),
    },
  );
  list.add({
    url: "ws://h/b",
    protocols: "chat",
    name: "bob",
    reconnect: true,
  });
  list.add({ url: "ws://h/c", protocols: "", name: "alice" });
  list.add({
    url: "ws://h/d",
    protocols: "",
    name: "a name much too long for a tab, at 40",
  });
  assert.deepEqual(list.items.map((i) => i.name), ["alice", "bob", "A", "B"]);
  assert.deepEqual(
    [list.items[1].url, list.items[1].protocols],
    ["ws://h/b", "chat"],
  );
  assert.equal(list.items[1].connection.reconnect, true);
  list.dispose();
  assert.deepEqual(sockets, []);
});

Deno.test("connection list - in one room each socket tells its echo from a sibling's identical copy, and a sibling the server closed is awaited no more", () => {
  const { list, sockets } = setUp();
  const room = "ws://h/api/ws?room=r";
  const [a] = list.items;
  const b = list.add({ url: room, protocols: "" });
  const heard: Record<string, string[]> = { A: [], B: [] };
  for (const item of [a, b]) {
    item.connection.connect(room);
    item.connection.addListener("message", (e) => {
      heard[item.name].push(e.origin ?? (e.rtt === undefined ? "?" : "rtt"));
    });
  }
  sockets[0].open();
  sockets[1].open();
  // Send to all open: A's copy first, as the server reads them.
  list.sendToAll("hello");
  sockets[0].message("hello");
  sockets[1].message("hello");
  sockets[1].message("hello");
  assert.deepEqual(heard, { A: ["rtt"], B: ["room", "rtt"] });
  // The server closes A (close=4000&after=1) before relaying A's next.
  list.sendToAll("again");
  sockets[0].closed(4000, "bye");
  sockets[1].message("again");
  for (let i = 0; i < 3; i++) {
    b.connection.send("again");
    sockets[1].message("again");
  }
  assert.deepEqual(heard.B, ["room", "rtt", "rtt", "rtt", "rtt", "rtt"]);
  list.dispose();
});
