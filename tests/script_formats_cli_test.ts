import assert from "node:assert/strict";
import { join } from "node:path";
import { requireForeignCodecs, startForeignPeer } from "./format_peer.ts";

const ROOT = join(import.meta.dirname!, "..");
const CLI = join(ROOT, "scripts", "run_script.ts");
const SCRIPT = join(ROOT, "tests", "fixtures", "formats.script.json");

/** Runs `deno task script` as the task does, with `args`. */
async function runCli(...args: string[]) {
  const output = await new Deno.Command(Deno.execPath(), {
    args: ["run", "--allow-net", "--allow-read", CLI, ...args],
    env: { NO_COLOR: "1" },
    stdin: "null",
  }).output();
  const decode = (bytes: Uint8Array) => new TextDecoder().decode(bytes);
  return {
    code: output.code,
    stdout: decode(output.stdout),
    stderr: decode(output.stderr),
  };
}

/** Writes `script` to a temporary file and returns its path. */
async function scriptFile(script: unknown): Promise<string> {
  const path = await Deno.makeTempFile({ suffix: ".json" });
  await Deno.writeTextFile(path, JSON.stringify(script));
  return path;
}

Deno.test("script command - MessagePack, CBOR and Protobuf against a foreign peer (python3-msgpack, python3-cbor2, protoc)", async () => {
  await requireForeignCodecs();
  const peer = await startForeignPeer();
  try {
    const { code, stdout } = await runCli(SCRIPT, "--url", peer.url);
    const lines = stdout.trimEnd().split("\n");
    assert.equal(code, 0, stdout);
    assert.equal(lines.length, 13);
    assert.match(
      lines[9],
      /^✓ 10 expect protobuf Point \{"x":-1,"y":2,"near":\[\{"x":3\},\{"y":-4\}\]\} /,
    );
    assert.match(lines[12], /^Passed: 12 steps in [0-9.]+ ms$/);
  } finally {
    await peer.close();
  }
});

Deno.test("script command - a message that does not decode fails its step with exit 1, naming the format and why", async () => {
  await requireForeignCodecs();
  const peer = await startForeignPeer();
  const file = await scriptFile({
    url: peer.url,
    // The peer answers "cbor" with CBOR, which is not MessagePack.
    steps: [{ send: "cbor" }, { expect: { msgpack: {} } }],
  });
  try {
    const { code, stdout } = await runCli(file);
    assert.equal(code, 1);
    assert.equal(
      stdout.trimEnd().split("\n").at(-1),
      "Step 2 (expect msgpack {}) failed: expected msgpack {}, received hex a70167696e74206b6579636d61781bffffffffffffffff63… (76 bytes) (not MessagePack: one value ends at offset 8 and 68 more bytes follow)",
    );
  } finally {
    await peer.close();
    await Deno.remove(file);
  }
});

Deno.test("script command - an unknown message type or a schema that does not parse is an invalid file, exit 2", async () => {
  const proto = 'syntax = "proto3"; message Point { int32 x = 1; }';
  const cases: [unknown, string][] = [
    [
      {
        url: "ws://127.0.0.1:9",
        proto,
        steps: [{ send: { protobuf: { type: "Pt", value: {} } } }],
      },
      `steps[0].send.protobuf.type: "Pt" is not a message in the schema; it has Point`,
    ],
    [
      {
        url: "ws://127.0.0.1:9",
        proto: "message Point {}",
        steps: [{ expect: { protobuf: { type: "Point", value: {} } } }],
      },
      `proto: the schema does not parse: it does not say syntax = "proto3"; (proto3 only)`,
    ],
  ];
  for (const [script, line] of cases) {
    const file = await scriptFile(script);
    try {
      const { code, stdout, stderr } = await runCli(file);
      assert.equal(code, 2);
      assert.equal(stdout, "");
      assert.equal(stderr, `${file}: ${line}\n`);
    } finally {
      await Deno.remove(file);
    }
  }
});
