import assert from "node:assert/strict";
import {
  decodeSession,
  encodeSession,
  fromBase64Url,
  LINK_PREFIX,
  MAX_LINK_CHARS,
  type Session,
  toBase64Url,
} from "./session_link.ts";
import { type LinkConnections, linkConnections } from "./link_connections.ts";
import { Connection } from "./connection.ts";

const SESSION: Session = {
  url: "ws://127.0.0.1:8000/api/ws?delay=50&close=4000",
  protocols: "chat, v2",
  presets: [
    { name: "hi", send: "hi", onOpen: true },
    { name: "bytes", send: { hex: "00ff" } },
  ],
  script: '{ "steps": [{ "send": "hi" }] }\n',
};

/** A fragment holding `value` as JSON, compressed as links are. */
async function fragmentOf(value: string): Promise<string> {
  const stream = new Blob([value]).stream().pipeThrough(
    new CompressionStream("deflate-raw"),
  );
  const bytes = new Uint8Array(await new Response(stream).arrayBuffer());
  return LINK_PREFIX + toBase64Url(bytes);
}

Deno.test("session link - a session survives the trip through a fragment", async () => {
  const fragment = await encodeSession(SESSION);
  assert.match(fragment, /^#session=[A-Za-z0-9_-]+$/);
  assert.deepEqual(await decodeSession(fragment), {
    session: SESSION,
    problems: [],
  });
});

Deno.test("session link - a fragment without a session is not one", async () => {
  assert.equal(await decodeSession(""), null);
  assert.equal(await decodeSession("#log"), null);
});

Deno.test("session link - a link longer than the bound is refused with its length", async () => {
  // Random bytes as hex do not compress below half their length.
  const noise = Array.from(
    crypto.getRandomValues(new Uint8Array(8000)),
    (b) => b.toString(16).padStart(2, "0"),
  ).join("");
  await assert.rejects(
    () => encodeSession({ ...SESSION, script: noise }),
    (error: Error) => {
      assert.equal(error.name, "RangeError");
      assert.match(
        error.message,
        new RegExp(
          `^Not copied: the link would be [0-9]+ characters, more than ${MAX_LINK_CHARS}; shorten the script or remove presets$`,
        ),
      );
      return true;
    },
  );
});

Deno.test("session link - a link it cannot read says what it could not read", async () => {
  const cases: [string, string][] = [
    ["#session=a*b", "it is not base64url (was it cut short?)"],
    ["#session=____", "it does not decompress (was it cut short?)"],
    [await fragmentOf("{"), "it is not JSON"],
    [await fragmentOf("[1]"), "it holds no session"],
    [await fragmentOf('{"v":2}'), "it is of version 2, not 1"],
  ];
  for (const [hash, why] of cases) {
    assert.deepEqual(await decodeSession(hash), {
      session: {},
      problems: [`Could not read the link: ${why}`],
    }, hash);
  }
  const cut = await encodeSession(SESSION);
  const result = await decodeSession(cut.slice(0, Math.floor(cut.length / 2)));
  assert.equal(result?.problems.length, 1);
  assert.match(result!.problems[0], /^Could not read the link: it /);
});

Deno.test("session link - a part it cannot read is named; the rest restores", async () => {
  const hash = await fragmentOf(JSON.stringify({
    v: 1,
    url: "ws://a/ws",
    protocols: 5,
    presets: [{ name: "x", send: { hex: "0" } }],
    script: "{}",
  }));
  assert.deepEqual(await decodeSession(hash), {
    session: { url: "ws://a/ws", script: "{}" },
    problems: [
      "Could not read the link's protocols: it is not text",
      "Could not read the link's presets: presets[0].send.hex: Hex needs an even number of digits (two per byte)",
    ],
  });
});

Deno.test("session link - base64url has no padding and refuses other characters", () => {
  assert.equal(toBase64Url(new Uint8Array([0xfb, 0xff])), "-_8");
  assert.deepEqual(fromBase64Url("-_8"), new Uint8Array([0xfb, 0xff]));
  assert.equal(fromBase64Url("+/8="), null);
  assert.equal(fromBase64Url("A"), null);
});

const CONNECTIONS: LinkConnections = {
  selected: 1,
  items: [
    {
      name: "alice",
      url: "ws://h/api/ws?room=r",
      protocols: "",
      reconnect: false,
    },
    {
      name: "bob",
      url: "ws://h/api/ws?room=r&self=0",
      protocols: "chat",
      reconnect: true,
    },
    {
      name: "C",
      url: "ws://h/api/ws?delay=5",
      protocols: "a, b",
      reconnect: false,
    },
  ],
};

/** The JSON a fragment holds. */
async function jsonOf(fragment: string): Promise<unknown> {
  const bytes = fromBase64Url(fragment.slice(LINK_PREFIX.length))!;
  const stream = new Blob([bytes]).stream().pipeThrough(
    new DecompressionStream("deflate-raw"),
  );
  return JSON.parse(await new Response(stream).text());
}

Deno.test("session link - several connections survive the trip, each with its name, fields and reconnect, and the selected one", async () => {
  const session = { ...SESSION, connections: CONNECTIONS };
  const fragment = await encodeSession(session);
  assert.deepEqual(await decodeSession(fragment), { session, problems: [] });
});

Deno.test("session link - a one-connection session is written as before, without a connections key", async () => {
  const json = await jsonOf(await encodeSession(SESSION));
  assert.deepEqual(json, { v: 1, ...SESSION });
  assert.deepEqual(Object.keys(json as object), [
    "v",
    "url",
    "protocols",
    "presets",
    "script",
  ]);
});

Deno.test("session link - a connections part it cannot read is named; the rest restores", async () => {
  const cases: [unknown, string][] = [
    [[1, 2], "it is not a list of connections"],
    [
      { selected: 0, items: [CONNECTIONS.items[0]] },
      "it holds 1, expected 2-16",
    ],
    [
      { selected: 0, items: [CONNECTIONS.items[0], CONNECTIONS.items[0]] },
      'connection 2: "alice" names another connection',
    ],
    [
      {
        selected: 0,
        items: [CONNECTIONS.items[0], { ...CONNECTIONS.items[1], url: 7 }],
      },
      "connection 2's url is not text",
    ],
    [
      {
        selected: 0,
        items: [CONNECTIONS.items[0], {
          ...CONNECTIONS.items[1],
          reconnect: "yes",
        }],
      },
      "connection 2's reconnect is not true or false",
    ],
    [{ ...CONNECTIONS, selected: 3 }, "selected is 3, expected 0-2"],
  ];
  for (const [connections, why] of cases) {
    const hash = await fragmentOf(
      JSON.stringify({ v: 1, url: "ws://a/ws", connections }),
    );
    assert.deepEqual(await decodeSession(hash), {
      session: { url: "ws://a/ws" },
      problems: [`Could not read the link's connections: ${why}`],
    });
  }
});

Deno.test("session link - linkConnections takes the selected one's fields from the form, and none with one connection", () => {
  const [a, b] = [new Connection(), new Connection()];
  b.reconnect = true;
  const items = [
    {
      id: 1,
      name: "A",
      colour: "#000",
      connection: a,
      url: "ws://h/a",
      protocols: "",
    },
    {
      id: 2,
      name: "bob",
      colour: "#111",
      connection: b,
      url: "stale",
      protocols: "stale",
    },
  ];
  assert.equal(
    linkConnections(items.slice(0, 1), a, { url: "x", protocols: "" }),
    undefined,
  );
  assert.deepEqual(
    linkConnections(items, b, { url: "ws://h/b", protocols: "chat" }),
    {
      selected: 1,
      items: [
        { name: "A", url: "ws://h/a", protocols: "", reconnect: false },
        { name: "bob", url: "ws://h/b", protocols: "chat", reconnect: true },
      ],
    },
  );
});
