import assert from "node:assert/strict";
import type { CodeSession } from "./code_session.ts";
import { websocatCommands, wscatCommand } from "./shell_code.ts";

/**
 * Runs `script` in a real bash with websocat and wscat replaced by functions
 * that record the words they were given and what came in on stdin, in order.
 */
async function shellCalls(script: string) {
  const dir = await Deno.makeTempDir({ prefix: "shell-code-" });
  try {
    const stubs = `
      record() {
        n=$(( $(cat "$OUT/n" 2>/dev/null || echo 0) + 1 )); echo $n > "$OUT/n"
        printf '%s\\0' "$@" > "$OUT/args$n"; cat > "$OUT/stdin$n"
      }
      websocat() { record websocat "$@"; }
      wscat() { record wscat "$@" < /dev/null; }
      xxd() { cat; }
    `;
    const result = await new Deno.Command("bash", {
      args: ["-c", `${stubs}\n${script}`],
      env: { OUT: dir },
      stdin: "null",
      stderr: "piped",
    }).output();
    assert.ok(result.success, new TextDecoder().decode(result.stderr));
    const count = Number(await Deno.readTextFile(`${dir}/n`));
    const calls = [];
    for (let i = 1; i <= count; i++) {
      const words = (await Deno.readTextFile(`${dir}/args${i}`)).split("\0");
      words.pop();
      calls.push({ words, stdin: await Deno.readFile(`${dir}/stdin${i}`) });
    }
    return calls;
  } finally {
    await Deno.remove(dir, { recursive: true });
  }
}

const URL = "ws://127.0.0.1:8000/api/ws?delay=1&tag=it's";
const TEXTS = [
  `it's "quoted" \\ $HOME \${x} \`cmd\` $(id)`,
  "é 漢字 😀 %s %d",
  "-n",
  "\u202e hidden?",
];
const REASON = `bye 'now' "then" $x`;
const bytes = (...b: number[]) => new Uint8Array(b);

Deno.test("shell code - websocat's words and input read back through bash exactly as meant", async () => {
  const session: CodeSession = {
    url: URL,
    protocols: ["chat", "superchat"],
    messages: [TEXTS[0], bytes(0, 0x27, 0x5c, 0xff), ...TEXTS.slice(1)],
    close: { code: 4000, reason: REASON },
  };
  const options = [
    "--protocol",
    "chat, superchat",
    "--close-status-code",
    "4000",
    "--close-reason",
    REASON,
    URL,
  ];
  assert.deepEqual(await shellCalls(websocatCommands(session)), [
    {
      words: ["websocat", "--linemode-strip-newlines", ...options],
      stdin: new TextEncoder().encode(TEXTS.map((t) => `${t}\n`).join("")),
    },
    {
      words: ["websocat", "--binary", ...options],
      stdin: bytes(0, 0x27, 0x5c, 0xff),
    },
  ]);
});

Deno.test("shell code - websocat leaves out, and says so, what its line mode cannot send", async () => {
  const session: CodeSession = {
    url: URL,
    protocols: [],
    messages: ["two\nlines", "", "ok"],
  };
  const script = websocatCommands(session);
  assert.match(script, /^# 2 text message\(s\) left out: /m);
  assert.deepEqual(await shellCalls(script), [{
    words: [
      "websocat",
      "--linemode-strip-newlines",
      "--close-status-code",
      "1000",
      URL,
    ],
    stdin: new TextEncoder().encode("ok\n"),
  }]);
});

Deno.test("shell code - wscat's words read back through bash exactly as meant, binary said in a comment", async () => {
  const texts = [...TEXTS, "two\nlines\ttab", "", "'"];
  const session: CodeSession = {
    url: URL,
    protocols: ["chat", "superchat"],
    messages: [...texts, bytes(1, 2)],
    close: { code: 4000, reason: REASON },
  };
  const script = wscatCommand(session);
  assert.match(
    script,
    /^# wscat sends text only: 1 binary message\(s\) left out\.$/m,
  );
  assert.match(
    script,
    /^# wscat -x cannot choose the close code: .*\/close 4000 /m,
  );
  const [call, ...rest] = await shellCalls(script);
  assert.deepEqual(rest, []);
  assert.deepEqual(call.words, [
    "wscat",
    "-c",
    URL,
    "-s",
    "chat",
    "-s",
    "superchat",
    ...texts.flatMap((t) => ["-x", t]),
    "-w",
    "1",
  ]);
});

Deno.test("shell code - a comment cannot be broken out of by what the user typed", async () => {
  const session: CodeSession = {
    url: URL,
    protocols: [],
    messages: [],
    close: { code: 4000, reason: "x\nwscat -c evil" },
  };
  const calls = await shellCalls(wscatCommand(session));
  assert.deepEqual(calls.map((c) => c.words), [["wscat", "-c", URL]]);
});
