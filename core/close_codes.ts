/**
 * WebSocket close codes this server sends, named as in RFC 6455 §7.4.1.
 *
 * @module
 */

/** The server is going away: shutdown or restart. */
export const CLOSE_GOING_AWAY = 1001;
/** The peer broke a policy: here, the message rate limit. */
export const CLOSE_POLICY_VIOLATION = 1008;
/** A message was larger than the server accepts. */
export const CLOSE_MESSAGE_TOO_BIG = 1009;
/** The server is overloaded for this peer: here, a client that does not read. */
export const CLOSE_TRY_AGAIN_LATER = 1013;

/** Never sent: reports a connection lost without a close frame (§7.1.5). */
export const CLOSE_ABNORMAL = 1006;
