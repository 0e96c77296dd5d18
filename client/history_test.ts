import assert from "node:assert/strict";
import {
  HISTORY,
  type HistoryStorage,
  loadHistory,
  MAX_DRAFT_CHARS,
  remember,
  rememberIn,
  saveHistory,
} from "./history.ts";

function memoryStorage(initial: Record<string, string> = {}): HistoryStorage & {
  data: Record<string, string>;
} {
  const data = { ...initial };
  return {
    data,
    getItem: (key) => data[key] ?? null,
    setItem: (key, value) => void (data[key] = value),
  };
}

Deno.test("remember - puts the item first, once, within max", () => {
  assert.deepEqual(remember(["b", "a"], "c", 3), ["c", "b", "a"]);
  assert.deepEqual(remember(["b", "a", "c"], "a", 3), ["a", "b", "c"]);
  assert.deepEqual(remember(["c", "b", "a"], "d", 3), ["d", "c", "b"]);
  assert.deepEqual(remember(["a"], "  ", 3), ["a"]);
});

Deno.test("loadHistory - reads what saveHistory wrote", () => {
  const storage = memoryStorage();
  saveHistory(storage, "k", ["ws://a", "ws://b"]);
  assert.equal(storage.data.k, '["ws://a","ws://b"]');
  assert.deepEqual(loadHistory(storage, "k"), ["ws://a", "ws://b"]);
});

Deno.test("loadHistory - missing, malformed or foreign values read as empty", () => {
  const storage = memoryStorage({
    bad: "{not json",
    obj: '{"a":1}',
    mixed: '["x",2,null,"y"]',
  });
  assert.deepEqual(loadHistory(storage, "missing"), []);
  assert.deepEqual(loadHistory(storage, "bad"), []);
  assert.deepEqual(loadHistory(storage, "obj"), []);
  assert.deepEqual(loadHistory(storage, "mixed"), ["x", "y"]);
  assert.deepEqual(loadHistory(undefined, "k"), []);
});

Deno.test("saveHistory - a storage that throws is ignored", () => {
  const full: HistoryStorage = {
    getItem: () => null,
    setItem: () => {
      throw new DOMException("full", "QuotaExceededError");
    },
  };
  saveHistory(full, "k", ["a"]);
});

Deno.test("rememberIn - a draft over MAX_DRAFT_CHARS is not stored, so storage stays small", () => {
  const storage = memoryStorage();
  const longest = "a".repeat(MAX_DRAFT_CHARS);
  assert.deepEqual(rememberIn(storage, "drafts", ["x"], longest), [
    longest,
    "x",
  ]);
  assert.equal(storage.data[HISTORY.drafts.key].length, MAX_DRAFT_CHARS + 8);

  const huge = "b".repeat(16 * 1024 * 1024);
  assert.deepEqual(rememberIn(storage, "drafts", ["x"], huge), ["x"]);
  assert.equal(storage.data[HISTORY.drafts.key].length, MAX_DRAFT_CHARS + 8);
});
