import assert from "node:assert/strict";

const ROOT = new URL("../", import.meta.url);
/** What `deno task dev` needs of the project, copied so the test may edit it. */
const PROJECT_FILES = [
  "app.ts",
  "client",
  "components",
  "core",
  "deno.json",
  "deno.lock",
  "dev.ts",
  "islands",
  "main.ts",
  "routes",
  "scripts",
  "static",
];

async function copy(from: URL, to: URL): Promise<void> {
  const info = await Deno.stat(from);
  if (!info.isDirectory) return await Deno.copyFile(from, to);
  await Deno.mkdir(to, { recursive: true });
  const fromDir = new URL(`${from.href.replace(/\/$/, "")}/`);
  const toDir = new URL(`${to.href.replace(/\/$/, "")}/`);
  for await (const entry of Deno.readDir(fromDir)) {
    await copy(new URL(entry.name, fromDir), new URL(entry.name, toDir));
  }
}

function freePort(): number {
  const listener = Deno.listen({ hostname: "127.0.0.1", port: 0 });
  const { port } = listener.addr as Deno.NetAddr;
  listener.close();
  return port;
}

/** The page's stylesheet URL, or null while the server restarts. */
async function stylesheet(origin: string): Promise<string | null> {
  try {
    const html = await (await fetch(`${origin}/`)).text();
    return html.match(/<link rel="stylesheet" href="([^"]+)"/)?.[1] ?? null;
  } catch {
    return null;
  }
}

async function waitFor<T>(probe: () => Promise<T | null>, what: string) {
  for (let i = 0; i < 300; i++) {
    const value = await probe();
    if (value !== null) return value;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  throw new Error(`timed out waiting for ${what}`);
}

Deno.test("dev - a change to static/ rebuilds the bundle and the server serves it", async () => {
  const dir = new URL(`file://${await Deno.makeTempDir()}/`);
  for (const name of PROJECT_FILES) {
    await copy(new URL(name, ROOT), new URL(name, dir));
  }
  const port = freePort();
  const origin = `http://127.0.0.1:${port}`;
  const dev = new Deno.Command(Deno.execPath(), {
    args: ["run", "-A", "dev.ts"],
    cwd: dir.pathname,
    env: { HOSTNAME: "127.0.0.1", PORT: String(port), LOG_LEVEL: "warn" },
    stdin: "null",
    stdout: "null",
    stderr: "null",
  }).spawn();
  try {
    const before = await waitFor(() => stylesheet(origin), "the first page");
    const css = new URL("static/styles.css", dir);
    await Deno.writeTextFile(css, "\n/* edited */\n", { append: true });
    const after = await waitFor(async () => {
      const href = await stylesheet(origin);
      return href !== null && href !== before ? href : null;
    }, "a new stylesheet");
    assert.match(after, /^\/_fresh\/styles-[0-9a-f]{12}\.css$/);
    const served = await (await fetch(`${origin}${after}`)).text();
    assert.ok(served.endsWith("/* edited */\n"));
  } finally {
    dev.kill("SIGTERM");
    await dev.status;
    await Deno.remove(dir, { recursive: true });
  }
});
