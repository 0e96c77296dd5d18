import assert from "node:assert/strict";
import { runServerToExit } from "./server_process.ts";

Deno.test("start-up - a bad setting stops the program with exit code 2 and one plain line", async (t) => {
  const cases: [Record<string, string>, string][] = [
    [
      { PORT: "abc" },
      'Cannot start: PORT is "abc", expected an integer 0-65535',
    ],
    [
      { MAX_MESSAGE_BYTES: "-5" },
      'Cannot start: MAX_MESSAGE_BYTES is "-5", expected an integer 1-67108864',
    ],
    [
      { LOG_LEVEL: "chatty" },
      'Cannot start: LOG_LEVEL is "chatty", expected one of debug, info, warn, error, silent',
    ],
    [
      { ALLOWED_ORIGINS: "example.com" },
      'Cannot start: ALLOWED_ORIGINS is "example.com", expected a comma-separated list of origins such as "https://example.com" (scheme, host and optional port, no path or trailing slash), or "*"',
    ],
  ];
  for (const [env, line] of cases) {
    await t.step(Object.keys(env)[0], async () => {
      const result = await runServerToExit(env);
      assert.equal(result.code, 2);
      assert.equal(result.stderr.trim(), line);
      assert.equal(result.stdout, "");
    });
  }
});

Deno.test("start-up - a port in use stops the program with exit code 2 and one plain line", async () => {
  const taken = Deno.listen({ hostname: "127.0.0.1", port: 0 });
  try {
    const port = (taken.addr as Deno.NetAddr).port;
    const result = await runServerToExit({
      HOSTNAME: "127.0.0.1",
      PORT: String(port),
    });
    assert.equal(result.code, 2);
    assert.equal(
      result.stderr.trim(),
      `Cannot start: 127.0.0.1:${port} is already in use; set PORT or HOSTNAME`,
    );
  } finally {
    taken.close();
  }
});
