import assert from "node:assert/strict";
import {
  BEHAVIOUR_PARAMS as SERVER_PARAMS,
  parseBehaviours,
} from "../core/behaviours.ts";
import { parseRoom } from "../core/room_params.ts";
import {
  BEHAVIOUR_PARAMS,
  behaviourProblems,
  PANEL_PARAMS,
  readBehaviours,
  withBehaviour,
} from "./behaviour_url.ts";

const BASE = "ws://127.0.0.1:8000/api/ws";

Deno.test("withBehaviour - sets, replaces and removes one parameter, keeping the others", () => {
  let url = withBehaviour(`${BASE}?token=abc`, "delay", "500");
  assert.equal(url, `${BASE}?token=abc&delay=500`);
  url = withBehaviour(url, "close", "4000");
  url = withBehaviour(url, "reason", "bye bye");
  url = withBehaviour(url, "delay", "20");
  assert.equal(url, `${BASE}?token=abc&delay=20&close=4000&reason=bye+bye`);
  url = withBehaviour(url, "delay", null);
  assert.equal(url, `${BASE}?token=abc&close=4000&reason=bye+bye`);
});

Deno.test("withBehaviour - removing close, push or room removes what modifies it", () => {
  const url = `${BASE}?close=1011&reason=x&after=2&push=100&count=5`;
  assert.equal(withBehaviour(url, "close", null), `${BASE}?push=100&count=5`);
  assert.equal(
    withBehaviour(url, "push", null),
    `${BASE}?close=1011&reason=x&after=2`,
  );
  assert.equal(withBehaviour(`${BASE}?handshake=1`, "handshake", null), BASE);
  assert.equal(
    withBehaviour(`${BASE}?room=a&self=0&delay=5&presence=1`, "room", null),
    `${BASE}?delay=5`,
  );
});

Deno.test("withBehaviour - leaves a URL that does not parse as it is", () => {
  assert.equal(withBehaviour("ws://", "delay", "5"), "ws://");
  assert.equal(readBehaviours("not a url"), null);
});

Deno.test("readBehaviours - reads the behaviour parameters, decoded, and no others", () => {
  assert.deepEqual(
    readBehaviours(`${BASE}?v=2&close=4000&reason=bye+bye%21&handshake=1`),
    { close: "4000", reason: "bye bye!", handshake: "1" },
  );
  assert.deepEqual(readBehaviours(BASE), {});
  assert.deepEqual(readBehaviours(`${BASE}?room=lobby&self=0&presence=1`), {
    room: "lobby",
    self: "0",
    presence: "1",
  });
});

Deno.test("behaviourProblems - names a bad room, self or presence as the server does", () => {
  assert.deepEqual(
    behaviourProblems({ room: "a b", self: "no", presence: "0" }),
    {
      room: 'room is "a b", expected 1-64 characters of A-Z a-z 0-9 . _ -',
      self: 'self is "no", expected 0 or 1',
      presence: 'presence is "0", expected 1',
    },
  );
  assert.deepEqual(behaviourProblems({ self: "0", presence: "1" }), {
    self: "self is given without room, which it modifies",
    presence: "presence is given without room, which it modifies",
  });
  assert.deepEqual(
    behaviourProblems({ room: "game-42.v_2", self: "1", presence: "1" }),
    {},
  );
});

Deno.test("behaviourProblems - names each bad parameter as the server does", () => {
  assert.deepEqual(
    behaviourProblems({
      delay: "soon",
      status: "200",
      close: "1005",
      count: "3",
      handshake: "yes",
    }),
    {
      delay: 'delay is "soon", expected an integer 0-60000',
      status: 'status is "200", expected an integer 400-599',
      close: 'close is "1005", expected a close code 1000-1003, ' +
        "1007-1013 or 3000-4999",
      count: "count is given without push, which it modifies",
      handshake: 'handshake is "yes", expected 1',
    },
  );
  assert.deepEqual(
    behaviourProblems({ close: "1011", reason: "é".repeat(62), after: "0" }),
    {
      reason: `reason is "${"é".repeat(40)}…", expected text of at most ` +
        "123 UTF-8 bytes",
    },
  );
  assert.deepEqual(
    behaviourProblems({ delay: "0", push: "10", count: "100000" }),
    {},
  );
});

Deno.test("behaviourProblems - agrees with the server's parser on every value", () => {
  const cases: Record<string, string>[] = [
    { delay: "0" },
    { delay: "60000" },
    { delay: "60001" },
    { delay: "-1" },
    { delay: "" },
    { delay: "1e3" },
    { status: "400" },
    { status: "599" },
    { status: "600" },
    { close: "1000" },
    { close: "1003" },
    { close: "1004" },
    { close: "1006" },
    { close: "1013" },
    { close: "1014" },
    { close: "1015" },
    { close: "2999" },
    { close: "3000" },
    { close: "4999" },
    { close: "5000" },
    { close: "01000" },
    { close: "1000", reason: "x".repeat(123) },
    { close: "1000", reason: "x".repeat(124) },
    { close: "1000", after: "1000000" },
    { close: "1000", after: "1000001" },
    { reason: "bye" },
    { after: "1" },
    { push: "9" },
    { push: "10" },
    { push: "60000" },
    { push: "60001" },
    { push: "100", count: "0" },
    { push: "100", count: "100000" },
    { push: "100", count: "100001" },
    { count: "1" },
    { handshake: "1" },
    { handshake: "true" },
    { room: "lobby" },
    { room: "" },
    { room: "x".repeat(64) },
    { room: "x".repeat(65) },
    { room: "é".repeat(80) },
    { room: "a/b" },
    { room: "a", self: "0" },
    { room: "a", self: "1" },
    { room: "a", self: "" },
    { room: "a", presence: "1" },
    { room: "a", presence: "true" },
    { self: "1" },
    { presence: "1" },
  ];
  for (const values of cases) {
    const query = new URLSearchParams(values).toString();
    const url = `http://127.0.0.1/api/ws?${query}`;
    let server = "";
    try {
      parseBehaviours(url, { enabled: true });
      parseRoom(url, { enabled: true });
    } catch (error) {
      server = (error as Error).message;
    }
    const client = Object.values(behaviourProblems(values));
    assert.deepEqual(client, server ? [server] : [], query);
  }
});

Deno.test("BEHAVIOUR_PARAMS - lists the server's parameters", () => {
  assert.deepEqual(BEHAVIOUR_PARAMS, SERVER_PARAMS);
  assert.deepEqual(PANEL_PARAMS, [
    ...SERVER_PARAMS,
    "room",
    "self",
    "presence",
  ]);
});
