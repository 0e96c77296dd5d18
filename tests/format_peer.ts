/**
 * Runs the foreign implementations of the binary formats for tests:
 * tests/fixtures/format_peer.py with Debian's python3-msgpack and
 * python3-cbor2, and protoc from protobuf-compiler. A missing one fails
 * with one line saying what to install.
 *
 * @module
 */

/** Debian's Python, which apt's python3-* packages are for. */
export const PYTHON = "/usr/bin/python3";
const PEER = new URL("./fixtures/format_peer.py", import.meta.url).pathname;
/** The schema the foreign peer and the tests share. */
export const POINT_PROTO = new URL("./fixtures/point.proto", import.meta.url)
  .pathname;

const NEEDS: [string, string[]][] = [
  ["python3-msgpack", [PYTHON, "-c", "import msgpack"]],
  ["python3-cbor2", [PYTHON, "-c", "import cbor2"]],
  ["python3-websockets", [PYTHON, "-c", "import websockets"]],
  ["protobuf-compiler", ["protoc", "--version"]],
];

/**
 * Throws one line naming the first Debian package that is missing; `needs`
 * pairs a package with a command that fails without it.
 */
export async function requireForeignCodecs(
  needs: readonly [string, string[]][] = NEEDS,
): Promise<void> {
  for (const [name, [command, ...args]] of needs) {
    let ok = false;
    try {
      ok = (await new Deno.Command(command, {
        args,
        stdout: "null",
        stderr: "null",
      })
        .output()).success;
    } catch {
      // Not found: the same as failing.
    }
    if (!ok) {
      throw new Error(`${name} is missing: apt-get install ${name}`);
    }
  }
}

const PROTO_ARGS = [POINT_PROTO, "demo.Point"];

async function peer(args: string[], input = ""): Promise<string> {
  const child = new Deno.Command(PYTHON, {
    args: [PEER, ...args],
    stdin: "piped",
    stdout: "piped",
    stderr: "piped",
  }).spawn();
  const writer = child.stdin.getWriter();
  await writer.write(new TextEncoder().encode(input));
  await writer.close();
  const { success, stdout, stderr } = await child.output();
  if (!success) throw new Error(new TextDecoder().decode(stderr));
  return new TextDecoder().decode(stdout);
}

/** The hex of the foreign peer's sample value in `format`. */
export async function foreignSample(format: string): Promise<string> {
  const args = format === "protobuf" ? PROTO_ARGS : [];
  return (await peer(["sample", format, ...args])).trim();
}

/** What the foreign implementation reads in `hex`: Python's repr, or protoc's text. */
export function foreignDescribe(format: string, hex: string): Promise<string> {
  const args = format === "protobuf" ? PROTO_ARGS : [];
  return peer(["describe", format, ...args], hex);
}

/** The foreign WebSocket peer, on 127.0.0.1; stop it with `close()`. */
export interface ForeignPeer {
  url: string;
  close(): Promise<void>;
}

/** Starts the foreign peer's WebSocket server (see format_peer.py). */
export async function startForeignPeer(): Promise<ForeignPeer> {
  const child = new Deno.Command(PYTHON, {
    args: [PEER, "serve", ...PROTO_ARGS],
    stdout: "piped",
    stderr: "inherit",
  }).spawn();
  const reader = child.stdout.pipeThrough(new TextDecoderStream()).getReader();
  let text = "";
  while (!text.includes("\n")) {
    const { value, done } = await reader.read();
    if (done) throw new Error("the foreign peer stopped before listening");
    text += value;
  }
  reader.releaseLock();
  return {
    url: `ws://127.0.0.1:${text.trim()}`,
    async close() {
      child.kill("SIGTERM");
      await child.status;
      await child.stdout.cancel().catch(() => {});
    },
  };
}
