/**
 * What the page loads on demand for presets, scripts and links, as one
 * chunk: the Presets and Script panels, Copy link and the code that writes
 * and reads a session link. One
 * chunk rather than two keeps the first load to fewer, larger shared chunks
 * (each small one costs its own compression overhead).
 *
 * @module
 */

export { PresetBar } from "./PresetBar.tsx";
export { ScriptPanel } from "./ScriptPanel.tsx";
export { ShareLink } from "./ShareLink.tsx";
export { mergePresets } from "../client/preset_edit.ts";
export { decodeSession, encodeSession } from "../client/session_link.ts";
