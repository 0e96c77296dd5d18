import assert from "node:assert/strict";
import { startServer } from "./helpers.ts";
import { runCli, withoutTimes } from "./script_cli.ts";

const EXAMPLE = new URL("../examples/rooms.script.json", import.meta.url)
  .pathname;

Deno.test("script command - scripts with several actors against this server's rooms", async (t) => {
  const server = await startServer();
  const room = (query: string) => `${server.wsOrigin}/api/ws?${query}`;
  const dir = await Deno.makeTempDir();
  /** Writes `script` to a file and returns its path. */
  const write = async (name: string, script: unknown) => {
    const file = `${dir}/${name}.json`;
    await Deno.writeTextFile(file, JSON.stringify(script));
    return file;
  };
  try {
    await t.step(
      "the example: alice sends, bob in the same room expects; exit 0",
      async () => {
        // --url moves both connections to this server, keeping path and query.
        const result = await runCli(EXAMPLE, "--url", server.wsOrigin);
        assert.equal(result.stderr, "");
        assert.deepEqual(withoutTimes(result.stdout), [
          '✓ 1 send "hello bob" on alice T ms',
          '✓ 2 expect equals "hello bob" on bob T ms',
          '✓ 3 send json {"from":"bob","text":"hi alice"} on bob T ms',
          '✓ 4 expect json {"from":"bob"} on alice T ms',
          "✓ 5 send hex 00ff10 on alice T ms",
          "✓ 6 expect hex 00ff10 on bob T ms",
          '✓ 7 close 1000 "bye" on bob T ms',
          "✓ 8 expect close 1000 on bob T ms",
          "Passed: 8 steps in T ms",
        ]);
        assert.equal(result.code, 0);
      },
    );

    await t.step(
      "bob expecting what alice did not send: exit 1 naming bob",
      async () => {
        const file = await write("failing", {
          connections: {
            alice: { url: room("room=cli-fail&self=0") },
            bob: { url: room("room=cli-fail&self=0") },
          },
          steps: [
            { send: "hello bob" },
            { expect: { equals: "hello carol" }, on: "bob" },
            { send: "never sent" },
          ],
        });
        const result = await runCli(file);
        assert.equal(result.stderr, "");
        assert.deepEqual(withoutTimes(result.stdout), [
          '✓ 1 send "hello bob" on alice T ms',
          '✗ 2 expect equals "hello carol" on bob T ms',
          'Step 2 (expect equals "hello carol" on bob) failed: expected "hello carol", received "hello bob"',
        ]);
        assert.equal(result.code, 1);
      },
    );

    await t.step(
      "a connection in another room hears nothing: bob times out",
      async () => {
        const file = await write("apart", {
          connections: {
            alice: { url: room("room=cli-a&self=0") },
            bob: { url: room("room=cli-b&self=0") },
          },
          steps: [
            { send: "hello bob" },
            { expect: { equals: "hello bob" }, on: "bob", timeoutMs: 300 },
          ],
        });
        const result = await runCli(file);
        assert.equal(
          withoutTimes(result.stdout).at(-1),
          'Step 2 (expect equals "hello bob" on bob) failed: expected "hello bob", received nothing within 300 ms',
        );
        assert.equal(result.code, 1);
      },
    );

    await t.step(
      "a connection that will not open: exit 1, one line naming it",
      async () => {
        const bad = room("room=a%20b");
        const file = await write("refused", {
          connections: { alice: { url: room("room=ok") }, bob: { url: bad } },
          steps: [{ send: "x" }],
        });
        const result = await runCli(file);
        // The server refuses the handshake with 400; alice was open, and is
        // closed before the command exits.
        assert.deepEqual([result.code, result.stderr, result.stdout], [
          1,
          `Cannot connect bob to ${bad}: NetworkError: failed to connect to WebSocket: Invalid status code: 400\n`,
          "",
        ]);
      },
    );

    await t.step(
      "an invalid script with connections: exit 2, one line naming it",
      async () => {
        const alice = { url: room("room=x") };
        const cases: [unknown, string][] = [
          [
            { url: alice.url, connections: { alice }, steps: [{ send: "a" }] },
            'Script: has both "url" and "connections"; give each connection its own',
          ],
          [
            { connections: { alice }, steps: [{ send: "a", on: "bob" }] },
            'steps[0].on: "bob" is not a declared connection; expected alice',
          ],
          [
            { url: alice.url, steps: [{ send: "a", on: "bob" }] },
            'steps[0].on: "bob" names a connection, but the script declares none in "connections"',
          ],
        ];
        for (const [i, [script, line]] of cases.entries()) {
          const file = await write(`invalid${i}`, script);
          const result = await runCli(file);
          assert.deepEqual([result.code, result.stderr, result.stdout], [
            2,
            `${file}: ${line}\n`,
            "",
          ]);
        }
      },
    );

    await t.step(
      "--url with a path, for several connections: exit 2",
      async () => {
        const url = `${server.wsOrigin}/api/ws`;
        const result = await runCli(EXAMPLE, "--url", url);
        assert.deepEqual([result.code, result.stderr, result.stdout], [
          2,
          `Cannot run: --url: "${url}" has a path, query or fragment; a script with several connections takes an origin such as ws://host:8000, which replaces each connection's\n`,
          "",
        ]);
      },
    );
  } finally {
    await Deno.remove(dir, { recursive: true });
    await server.close();
  }
});
