import assert from "node:assert/strict";
import { Connection } from "./connection.ts";
import { ConnectionList } from "./connection_list.ts";
import { connectionsNamed } from "./script_tabs.ts";
import { STILL_CLOCK } from "./test_fakes.ts";

function setUp(max?: number) {
  const list = new ConnectionList({ url: "ws://h/a", protocols: "" }, {
    max,
    createConnection: () =>
      new Connection({
        clock: STILL_CLOCK,
        createSocket: () => {
          throw new Error("no socket in this test");
        },
      }),
  });
  list.add({ url: "ws://h/bob-tab", protocols: "", name: "bob" });
  list.select(list.items[0].id);
  return list;
}

Deno.test("connectionsNamed - takes the tab of each name as it is, adds the missing ones with the script's fields, keeps the selection", () => {
  const list = setUp();
  const found = connectionsNamed(list, [
    { name: "alice", url: "ws://h/api/ws?room=r", protocols: ["chat", "v2"] },
    { name: "bob", url: "ws://h/api/ws?room=r", protocols: [] },
  ]);
  assert.deepEqual(
    list.items.map((i) => [i.name, i.url, i.protocols]),
    [
      ["A", "ws://h/a", ""],
      ["bob", "ws://h/bob-tab", ""],
      ["alice", "ws://h/api/ws?room=r", "chat, v2"],
    ],
  );
  assert.deepEqual([...found.keys()], ["alice", "bob"]);
  assert.equal(found.get("alice"), list.items[2].connection);
  assert.equal(found.get("bob"), list.items[1].connection);
  assert.equal(list.selected.name, "A");
  // A second run finds the same tabs and adds none.
  const again = connectionsNamed(list, [
    { name: "alice", url: "ws://h/other", protocols: [] },
  ]);
  assert.equal(again.get("alice"), found.get("alice"));
  assert.equal(list.items.length, 3);
  list.dispose();
});

Deno.test("connectionsNamed - refuses, adding none, when the missing ones do not fit", () => {
  const list = setUp(3);
  assert.throws(
    () =>
      connectionsNamed(list, [
        { name: "carol", url: "ws://h/c", protocols: [] },
        { name: "dave", url: "ws://h/d", protocols: [] },
      ]),
    new RangeError(
      "Not run: the script needs 2 more connections, and only 1 more fit beside the page's 2",
    ),
  );
  assert.deepEqual(list.items.map((i) => i.name), ["A", "bob"]);
  list.dispose();
});

Deno.test("connectionsNamed - a recorded script finds the tab whose name the recording mapped (bob smith as bob_smith)", () => {
  const list = setUp();
  const renamed = list.add({ url: "ws://h/x", protocols: "" });
  list.rename(renamed.id, "bob smith");
  const found = connectionsNamed(list, [
    { name: "bob_smith", url: "ws://h/other", protocols: [] },
  ]);
  assert.equal(found.get("bob_smith"), renamed.connection);
  assert.deepEqual(list.items.map((i) => i.name), ["A", "bob", "bob smith"]);
});
