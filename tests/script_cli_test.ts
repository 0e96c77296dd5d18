import assert from "node:assert/strict";
import { join } from "node:path";
import { socketIo, waitForOpen } from "../client/script_io.ts";
import { parseScript } from "../client/script_parse.ts";
import { runScript } from "../client/script_run.ts";
import { startServer } from "./helpers.ts";
import { runCli, withoutTimes } from "./script_cli.ts";

const EXAMPLE = join(
  import.meta.dirname!,
  "..",
  "examples",
  "echo.script.json",
);

Deno.test("script command - runs a script against a server", async (t) => {
  const server = await startServer();
  const url = `${server.wsOrigin}/api/ws`;
  const dir = await Deno.makeTempDir();
  try {
    await t.step("passing: exit 0 and one line per step", async () => {
      const result = await runCli(EXAMPLE, "--url", url);
      assert.equal(result.stderr, "");
      assert.deepEqual(withoutTimes(result.stdout), [
        '✓ 1 send "hello" T ms',
        '✓ 2 expect equals "hello" T ms',
        '✓ 3 send json {"id":1,"op":"sub"} T ms',
        '✓ 4 expect json {"id":1} T ms',
        "✓ 5 send hex 00ff10 T ms",
        "✓ 6 expect hex 00ff10 T ms",
        '✓ 7 send "ping 42" T ms',
        "✓ 8 expect matches /^ping [0-9]+$/ T ms",
        "✓ 9 wait 100 ms T ms",
        '✓ 10.1.1 send "x" T ms',
        '✓ 10.1.2 expect equals "x" T ms',
        '✓ 10.2.1 send "x" T ms',
        '✓ 10.2.2 expect equals "x" T ms',
        '✓ 10.3.1 send "x" T ms',
        '✓ 10.3.2 expect equals "x" T ms',
        "✓ 10 repeat 3 times T ms",
        '✓ 11 close 1000 "done" T ms',
        "✓ 12 expect close 1000 T ms",
        "Passed: 12 steps in T ms",
      ]);
      assert.equal(result.code, 0);
    });

    await t.step("failing: exit 1 with the engine's message", async () => {
      const script = {
        url,
        steps: [
          { send: { json: { id: 1, op: "sub" } } },
          { expect: { json: { id: 2 } } },
          { send: "never sent" },
        ],
      };
      const file = `${dir}/failing.json`;
      await Deno.writeTextFile(file, JSON.stringify(script));
      const message =
        'Step 2 (expect json {"id":2}) failed: expected json {"id":2}, received {"id":1,"op":"sub"}; $.id: expected 2, got 1';
      const result = await runCli(file);
      assert.equal(result.stderr, "");
      assert.deepEqual(withoutTimes(result.stdout), [
        '✓ 1 send json {"id":1,"op":"sub"} T ms',
        '✗ 2 expect json {"id":2} T ms',
        message,
      ]);
      assert.equal(result.code, 1);

      // The page runs the same engine, so it shows the same text.
      const ws = new WebSocket(url);
      const io = socketIo(ws);
      await waitForOpen(ws, 5000);
      const closed = new Promise((resolve) => ws.onclose = resolve);
      const run = await runScript(parseScript(script), io);
      ws.close();
      await closed;
      assert.equal(run.ok ? "passed" : run.failure.message, message);
    });

    await t.step("the run limit: exit 1 naming the step", async () => {
      const file = `${dir}/slow.json`;
      await Deno.writeTextFile(
        file,
        JSON.stringify({ steps: [{ send: "a" }, { wait: 600000 }] }),
      );
      const result = await runCli(file, "--url", url, "--timeout", "300");
      assert.deepEqual(withoutTimes(result.stdout), [
        '✓ 1 send "a" T ms',
        "✗ 2 wait 600000 ms T ms",
        "Step 2 (wait 600000 ms) failed: the run limit of 300 ms was reached",
      ]);
      assert.equal(result.code, 1);
    });

    await t.step(
      "a malformed script: exit 2 with one line saying where",
      async () => {
        const file = `${dir}/bad.json`;
        await Deno.writeTextFile(
          file,
          JSON.stringify({
            url,
            steps: [{ wait: 1 }, { wait: 1 }, { wait: 1 }, {
              expect: { hex: "0g" },
            }],
          }),
        );
        const result = await runCli(file);
        assert.equal(result.stdout, "");
        assert.equal(
          result.stderr,
          `${file}: steps[3].expect.hex: "0g" is not hex ("g" is not a hex digit)\n`,
        );
        assert.equal(result.code, 2);
      },
    );

    await t.step("a file that is not JSON: exit 2", async () => {
      const file = `${dir}/not.json`;
      await Deno.writeTextFile(file, "steps:\n  - send: hello\n");
      const result = await runCli(file);
      assert.equal(result.stdout, "");
      assert.equal(
        result.stderr,
        `${file}: Not JSON: Unexpected token 's', "steps:\\n  -"... is not valid JSON\n`,
      );
      assert.equal(result.code, 2);
    });

    await t.step("a script without a url and no --url: exit 2", async () => {
      const file = `${dir}/nourl.json`;
      await Deno.writeTextFile(file, '{"steps":[{"send":"a"}]}');
      const result = await runCli(file);
      assert.equal(
        result.stderr,
        `${file}: has no "url"; add one or pass --url\n`,
      );
      assert.equal(result.code, 2);
    });
  } finally {
    await Deno.remove(dir, { recursive: true });
    await server.close();
  }
});

Deno.test("script command - a bad flag or file exits 2 with one line", async () => {
  const usage = "usage: deno task script FILE [--url URL] [--timeout MS]";
  const cases: [string[], string][] = [
    [[EXAMPLE, "--nope"], `Cannot run: Unknown option '--nope'; ${usage}`],
    [[], `Cannot run: expected one script file; ${usage}`],
    [
      [EXAMPLE, "--timeout", "soon"],
      'Cannot run: --timeout is "soon", expected milliseconds 1-86400000',
    ],
    [
      [EXAMPLE, "--url", "http://127.0.0.1/"],
      'Cannot run: --url: "http://127.0.0.1/" is not a ws: or wss: URL',
    ],
    [
      ["/nonexistent/script.json"],
      "Cannot run: cannot read /nonexistent/script.json: no such file",
    ],
  ];
  for (const [args, line] of cases) {
    const result = await runCli(...args);
    assert.deepEqual([result.code, result.stderr, result.stdout], [
      2,
      `${line}\n`,
      "",
    ]);
  }
});

Deno.test("script command - a connection that fails exits 1 with one line", async () => {
  const listener = Deno.listen({ hostname: "127.0.0.1", port: 0 });
  const port = (listener.addr as Deno.NetAddr).port;
  listener.close();
  const url = `ws://127.0.0.1:${port}/api/ws`;
  const result = await runCli(EXAMPLE, "--url", url);
  assert.deepEqual([result.code, result.stderr, result.stdout], [
    1,
    `Cannot connect to ${url}: NetworkError: failed to connect to WebSocket: tcp connect error\n`,
    "",
  ]);
});
