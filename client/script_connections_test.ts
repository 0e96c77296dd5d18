import assert from "node:assert/strict";
import { scriptTargets, withOrigin } from "./script_connections.ts";
import { parseScript } from "./script_parse.ts";

const ROOM = "ws://127.0.0.1:8000/api/ws?room=r";

Deno.test("script connections - parses named connections in order, and on", () => {
  const script = parseScript({
    connections: {
      alice: { url: ROOM },
      bob: { url: `${ROOM}&self=0`, protocols: ["chat"] },
    },
    steps: [
      { send: "hi" },
      { expect: { equals: "hi" }, on: "bob", timeoutMs: 100 },
      { repeat: { times: 2, steps: [{ close: {}, on: "alice" }] }, on: "bob" },
    ],
  });
  assert.deepEqual(Object.keys(script.connections!), ["alice", "bob"]);
  assert.deepEqual(script.connections!.bob, {
    url: `${ROOM}&self=0`,
    protocols: ["chat"],
  });
  assert.deepEqual(script.steps[1], {
    expect: { equals: "hi" },
    timeoutMs: 100,
    on: "bob",
  });
  assert.deepEqual(script.steps[2], {
    repeat: { times: 2, steps: [{ close: {}, on: "alice" }] },
    on: "bob",
  });
  assert.deepEqual(scriptTargets(script), [
    { name: "alice", url: ROOM, protocols: [] },
    { name: "bob", url: `${ROOM}&self=0`, protocols: ["chat"] },
  ]);
});

Deno.test("script connections - a url script is one unnamed target, as before", () => {
  const script = parseScript({
    url: ROOM,
    protocols: ["a"],
    steps: [{ wait: 0 }],
  });
  assert.deepEqual(scriptTargets(script), [
    { name: "", url: ROOM, protocols: ["a"] },
  ]);
  const bare = parseScript({ steps: [{ wait: 0 }] });
  assert.equal(scriptTargets(bare), null);
  assert.deepEqual(scriptTargets(bare, "ws://x/"), [
    { name: "", url: "ws://x/", protocols: [] },
  ]);
});

Deno.test("script connections - names where connections or on are wrong", () => {
  const two = { alice: { url: ROOM }, bob: { url: ROOM } };
  const cases: [unknown, string][] = [
    [
      { url: ROOM, connections: two, steps: [{ wait: 0 }] },
      'TypeError: Script: has both "url" and "connections"; give each connection its own',
    ],
    [
      { protocols: [], connections: two, steps: [{ wait: 0 }] },
      'TypeError: Script: has both "protocols" and "connections"; give each connection its own',
    ],
    [
      { connections: two, steps: [{ send: "a" }, { send: "b", on: "carol" }] },
      'TypeError: steps[1].on: "carol" is not a declared connection; expected alice, bob',
    ],
    [
      {
        connections: two,
        steps: [{ repeat: { times: 1, steps: [{ wait: 1, on: "Bob" }] } }],
      },
      'TypeError: steps[0].repeat.steps[0].on: "Bob" is not a declared connection; expected alice, bob',
    ],
    [
      { url: ROOM, steps: [{ send: "a", on: "bob" }] },
      'TypeError: steps[0].on: "bob" names a connection, but the script declares none in "connections"',
    ],
    [
      { connections: two, steps: [{ send: "a", on: 1 }] },
      "TypeError: steps[0].on: expected a string, got 1",
    ],
    [
      { connections: {}, steps: [{ wait: 0 }] },
      "RangeError: connections: 0 declared, expected 1-16",
    ],
    [
      { connections: [], steps: [{ wait: 0 }] },
      "TypeError: connections: expected an object of named connections, got an array",
    ],
    [
      { connections: { "a b": { url: ROOM } }, steps: [{ wait: 0 }] },
      'SyntaxError: connections: "a b" is not a name; expected 1-32 characters of A-Z a-z 0-9 . _ -, not digits alone',
    ],
    [
      // JSON.parse would put "2" first, ahead of "zed" declared before it.
      {
        connections: JSON.parse(
          `{"zed":{"url":"${ROOM}"},"2":{"url":"${ROOM}"}}`,
        ),
        steps: [{ wait: 0 }],
      },
      'SyntaxError: connections: "2" is not a name; expected 1-32 characters of A-Z a-z 0-9 . _ -, not digits alone',
    ],
    [
      { connections: { a: {} }, steps: [{ wait: 0 }] },
      'TypeError: connections.a: has no "url"',
    ],
    [
      { connections: { a: { url: "http://x/" } }, steps: [{ wait: 0 }] },
      'SyntaxError: connections.a.url: "http://x/" is not a ws: or wss: URL',
    ],
    [
      {
        connections: { a: { url: ROOM, protocols: ["x y"] } },
        steps: [{ wait: 0 }],
      },
      'SyntaxError: connections.a.protocols[0]: "x y" is not a valid subprotocol name',
    ],
    [
      { connections: { a: { url: ROOM, delay: 1 } }, steps: [{ wait: 0 }] },
      'TypeError: connections.a: unknown key "delay"; expected url, protocols',
    ],
  ];
  const many = Object.fromEntries(
    Array.from({ length: 17 }, (_, i) => [`c${i}`, { url: ROOM }]),
  );
  cases.push([
    { connections: many, steps: [{ wait: 0 }] },
    "RangeError: connections: 17 declared, expected 1-16",
  ]);
  for (const [input, message] of cases) {
    assert.throws(() => parseScript(input), (error: Error) => {
      assert.equal(`${error.name}: ${error.message}`, message);
      return true;
    });
  }
});

Deno.test("script connections - --url moves every connection to its origin, keeping path and query", () => {
  const targets = [
    { name: "alice", url: "ws://127.0.0.1:8000/api/ws?room=r", protocols: [] },
    { name: "bob", url: "wss://example.com/ws?room=r&self=0", protocols: [] },
  ];
  assert.deepEqual(
    withOrigin(targets, "ws://localhost:9000").map((t) => t.url),
    [
      "ws://localhost:9000/api/ws?room=r",
      "ws://localhost:9000/ws?room=r&self=0",
    ],
  );
  // No port in --url means the scheme's default, not the old port.
  assert.deepEqual(
    withOrigin(targets, "wss://echo.test/").map((t) => t.url),
    ["wss://echo.test/api/ws?room=r", "wss://echo.test/ws?room=r&self=0"],
  );
  for (const url of ["ws://h:1/api/ws", "ws://h:1/?a=1", "ws://h:1/#f"]) {
    assert.throws(
      () => withOrigin(targets, url),
      new SyntaxError(
        `--url: "${url}" has a path, query or fragment; a script with several connections takes an origin such as ws://host:8000, which replaces each connection's`,
      ),
    );
  }
  // A user and password come along; without them each keeps its own.
  assert.deepEqual(
    withOrigin(targets, "ws://u:p@h:1").map((t) => t.url),
    ["ws://u:p@h:1/api/ws?room=r", "ws://u:p@h:1/ws?room=r&self=0"],
  );
  // With one connection, which one a whole URL means is clear.
  assert.deepEqual(
    withOrigin(targets.slice(0, 1), "ws://h:1/other?x=1"),
    [{ name: "alice", url: "ws://h:1/other?x=1", protocols: [] }],
  );
  assert.throws(
    () => withOrigin(targets, "http://h/"),
    new SyntaxError('--url: "http://h/" is not a ws: or wss: URL'),
  );
});
