import assert from "node:assert/strict";
import { AcceptGuard } from "./accept_guard.ts";

Deno.test("AcceptGuard.isExhaustion - true only for Deno.serve's error for EMFILE or ENFILE", () => {
  const http = (message: string) => new Deno.errors.Http(message);
  assert.equal(
    AcceptGuard.isExhaustion(
      http("Error: Too many open files (os error 24)"),
    ),
    true,
  );
  assert.equal(
    AcceptGuard.isExhaustion(
      http("Error: Too many open files in system (os error 23)"),
    ),
    true,
  );
  assert.equal(
    AcceptGuard.isExhaustion(http("Error: Connection reset (os error 104)")),
    false,
  );
  assert.equal(
    AcceptGuard.isExhaustion(
      new TypeError("Error: Too many open files (os error 24)"),
    ),
    false,
  );
  assert.equal(AcceptGuard.isExhaustion(undefined), false);
});
