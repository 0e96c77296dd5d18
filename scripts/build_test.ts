import assert from "node:assert/strict";
import { staticImports } from "./build.ts";

Deno.test("staticImports - names the chunks imported with from, not import()", () => {
  const code =
    'import{a as F}from"./chunk-PKJ3426Z.js";import {b} from "./x-ABCDEFGH.js";' +
    'let m=await import("./SpeedTest-YRJTNOOE.js");';
  assert.deepEqual(staticImports(code), [
    "/_fresh/chunk-PKJ3426Z.js",
    "/_fresh/x-ABCDEFGH.js",
  ]);
});
