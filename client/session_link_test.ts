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
