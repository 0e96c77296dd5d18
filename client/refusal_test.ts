import assert from "node:assert/strict";
import { refusalUrl } from "./refusal.ts";

const BASE = "ws://127.0.0.1:8000/api/ws";

Deno.test("refusalUrl - the same URL over HTTP, only on the page's own origin", () => {
  assert.equal(
    refusalUrl(`${BASE}?status=503`, "http://127.0.0.1:8000"),
    "http://127.0.0.1:8000/api/ws?status=503",
  );
  // `/` upgrades as the echo path does, but answers a GET with the page.
  assert.equal(
    refusalUrl("wss://echo.example/?status=401", "https://echo.example"),
    "https://echo.example/api/ws?status=401",
  );
  assert.equal(refusalUrl(`${BASE}?status=503`, "http://127.0.0.1:9000"), null);
  assert.equal(refusalUrl("wss://echo.example/", "http://echo.example"), null);
  assert.equal(refusalUrl("nope", "http://127.0.0.1:8000"), null);
});
