/**
 * The settings the echo server and each of its sessions read, in a module of
 * their own so that neither has to import the other for them.
 *
 * @module
 */

import type { Config } from "./config.ts";

/** Settings the echo server reads; a subset of {@linkcode Config}. */
export type EchoServerConfig = Pick<
  Config,
  | "allowedOrigins"
  | "subprotocols"
  | "maxMessageBytes"
  | "messageRate"
  | "messageBurst"
  | "byteRate"
  | "byteBurst"
  | "maxConnections"
  | "idleTimeoutSeconds"
  | "sendHighWaterBytes"
  | "shutdownGraceMs"
  | "logMessages"
  | "testControls"
  | "rooms"
  | "maxRoomMembers"
>;
