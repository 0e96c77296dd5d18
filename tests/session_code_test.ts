import assert from "node:assert/strict";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { type CodeSession, sessionCode } from "../client/session_code.ts";
import { startServer, type TestServer } from "./helpers.ts";

/** Text that a careless quoting would change: quotes, escapes, `$`, backticks, breaks, unicode. */
const TRICKY = [
  `it's "quoted" \\ back\\slash $HOME \${x} \`cmd\``,
  "two\nlines\r\nand a\ttab",
  "%s %d {} é 漢字 😀 \u202e reversed? \u2028 end",
  "",
  "'",
];
const BYTES = [
  new Uint8Array([0x00, 0xff, 0x10, 0x22, 0x27, 0x5c, 0x0a]),
  new Uint8Array([]),
];
const CLOSE = { code: 4000, reason: `bye "now" 'then' \\ é` };

function hex(bytes: Uint8Array): string {
  return Array.from(bytes, (b) => b.toString(16).padStart(2, "0")).join("");
}

/** What every program prints for `session`, as session_code.ts documents it. */
function expectedOutput(session: CodeSession): string {
  const lines = session.messages.map((m) =>
    typeof m === "string" ? `text: ${m}` : `binary: ${hex(m)}`
  );
  return [...lines, `close: ${CLOSE.code} ${CLOSE.reason}`, ""].join("\n");
}

function session(server: TestServer): CodeSession {
  return {
    // `?` and `&` in the URL, a subprotocol the server selects.
    url: `${server.wsOrigin}/api/ws?delay=1&tag=a%26b`,
    protocols: ["chat"],
    messages: [TRICKY[0], BYTES[0], ...TRICKY.slice(1), BYTES[1]],
    close: CLOSE,
  };
}

/** Runs `command` in `cwd`; its stdout, or a failure with its stderr. */
async function run(
  command: string,
  args: string[],
  cwd: string,
): Promise<string> {
  const result = await new Deno.Command(command, {
    args,
    cwd,
    stdin: "null",
    stdout: "piped",
    stderr: "piped",
    signal: AbortSignal.timeout(30_000),
  }).output();
  const err = new TextDecoder().decode(result.stderr);
  assert.ok(result.success, `${command} ${args.join(" ")} failed:\n${err}`);
  return new TextDecoder().decode(result.stdout);
}

/** Whether `command args` runs and exits 0. */
async function works(command: string, args: string[]): Promise<boolean> {
  try {
    const result = await new Deno.Command(command, {
      args,
      stdout: "null",
      stderr: "null",
    }).output();
    return result.success;
  } catch {
    return false;
  }
}

async function copyTree(from: string, to: string): Promise<void> {
  await Deno.mkdir(to, { recursive: true });
  for await (const entry of Deno.readDir(from)) {
    const [source, target] = [join(from, entry.name), join(to, entry.name)];
    if (entry.isDirectory) await copyTree(source, target);
    else await Deno.copyFile(source, target);
  }
}

async function withServer(
  fn: (server: TestServer, dir: string) => Promise<void>,
) {
  const server = await startServer({ subprotocols: ["chat"] });
  const dir = await Deno.makeTempDir({ prefix: "session-code-" });
  try {
    await fn(server, dir);
  } finally {
    await Deno.remove(dir, { recursive: true });
    await server.close();
  }
}

Deno.test("session code - the Deno program sends tricky text and binary and prints each echo and the close", async () => {
  await withServer(async (server, dir) => {
    const s = session(server);
    await Deno.writeTextFile(join(dir, "echo.js"), sessionCode("deno", s));
    const out = await run(Deno.execPath(), [
      "run",
      "--quiet",
      `--allow-net=127.0.0.1:${server.port}`,
      "echo.js",
    ], dir);
    assert.equal(out, expectedOutput(s));
  });
});

Deno.test("session code - the Node program (ws from npm) sends tricky text and binary and prints each echo and the close", async () => {
  assert.ok(
    await works("node", ["--version"]),
    "Node.js is not installed: install it (apt install nodejs) to run this test",
  );
  await withServer(async (server, dir) => {
    // The ws package deno.json names, copied from Deno's cache (so that
    // `deno install --frozen` is all it takes) to where node looks for it.
    const ws = dirname(fileURLToPath(import.meta.resolve("ws")));
    await copyTree(ws, join(dir, "node_modules", "ws"));
    const s = session(server);
    await Deno.writeTextFile(join(dir, "echo.mjs"), sessionCode("node", s));
    assert.equal(await run("node", ["echo.mjs"], dir), expectedOutput(s));
  });
});

/** A Python 3 that has the websockets package, or `null`. */
async function pythonWithWebsockets(): Promise<string | null> {
  // Debian's package is for Debian's python3, which a pyenv or venv on the
  // PATH may hide.
  for (const python of ["python3", "/usr/bin/python3"]) {
    if (await works(python, ["-c", "import websockets"])) return python;
  }
  return null;
}

Deno.test("session code - the Python program (websockets) sends tricky text and binary and prints each echo and the close", async () => {
  const python = await pythonWithWebsockets();
  assert.ok(
    python,
    "No python3 with the websockets package: install Debian's python3-websockets (apt install python3-websockets)",
  );
  await withServer(async (server, dir) => {
    const s = session(server);
    await Deno.writeTextFile(join(dir, "echo.py"), sessionCode("python", s));
    assert.equal(await run(python, ["echo.py"], dir), expectedOutput(s));
  });
});
