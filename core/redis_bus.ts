/**
 * A room bus between server processes, over Redis pub/sub with `ioredis`.
 * One connection publishes, one subscribes: to a control channel, and to a
 * room's channel while this node has members in it, so a process receives
 * only the rooms it serves. Messages are frames of bytes
 * ({@linkcode encodeFrame}), so binary stays byte-exact.
 *
 * While Redis is unreachable the server keeps serving: what would cross the
 * bus is dropped (a room keeps working within the process), one line is
 * logged per outage, and both connections retry with backoff.
 *
 * @module
 */

import { Buffer } from "node:buffer";
import { Redis, type RedisOptions } from "ioredis";
import type { Logger } from "./log.ts";
import {
  type BusMessage,
  decodeFrame,
  encodeFrame,
  type RoomBus,
} from "./room_bus.ts";

/** Where the channels' names start. */
const PREFIX = "echo:rooms:";
const CONTROL = `${PREFIX}control`;

/** Retries start at this and double up to {@linkcode MAX_RETRY_MS}. */
const FIRST_RETRY_MS = 100;
/** Redis back means rooms span processes again within about this long. */
const MAX_RETRY_MS = 2000;

/** What {@linkcode RedisBus} needs. */
export interface RedisBusOptions {
  /** `redis://` or `rediss://` URL, already validated by the config. */
  url: string;
  logger: Logger;
  /**
   * This process's instance id: frames from it are dropped, since its own
   * workers hear each other on their channel and a node never hears itself.
   */
  instance: string;
}

/** Rooms' messages between processes, through Redis. */
export class RedisBus implements RoomBus {
  readonly name = "redis";
  onMessage: (message: BusMessage) => void = () => {};
  onUp: () => void = () => {};
  readonly #pub: Redis;
  readonly #sub: Redis;
  readonly #logger: Logger;
  readonly #instance: string;
  readonly #where: string;
  readonly #rooms = new Set<string>();
  #up = false;
  /** Whether this outage has been logged; true at start, until first up. */
  #downLogged = false;
  #closed = false;

  constructor(options: RedisBusOptions) {
    this.#logger = options.logger;
    this.#instance = options.instance;
    const url = new URL(options.url);
    // Never log a password: host and port say where.
    this.#where = `${url.hostname}:${url.port || "6379"}`;
    const redisOptions: RedisOptions = {
      // A command issued while Redis is away fails at once instead of
      // queueing without bound; rooms drop what cannot cross.
      enableOfflineQueue: false,
      maxRetriesPerRequest: 0,
      autoResubscribe: false,
      connectTimeout: 2000,
      retryStrategy: (times) =>
        Math.min(FIRST_RETRY_MS * 2 ** (times - 1), MAX_RETRY_MS),
    };
    this.#pub = new Redis(options.url, redisOptions);
    this.#sub = new Redis(options.url, redisOptions);
    for (const client of [this.#pub, this.#sub]) {
      client.on("ready", () => this.#ready());
      client.on("error", (error: Error) => this.#down(error.message));
      client.on("close", () => this.#down("connection closed"));
    }
    this.#sub.on("messageBuffer", (_channel: Uint8Array, frame: Uint8Array) => {
      let message: BusMessage;
      try {
        message = decodeFrame(frame);
      } catch (error) {
        this.#logger.warn("rooms_bus_bad_frame", {
          bus: this.name,
          message: (error as Error).message,
        });
        return;
      }
      if (message.instance !== this.#instance) this.onMessage(message);
    });
  }

  get up(): boolean {
    return this.#up;
  }

  publish(message: BusMessage): void {
    if (!this.#up) return;
    const frame = encodeFrame(message);
    // ioredis sends a Buffer as bytes; any other object as its string form.
    const bytes = Buffer.from(frame.buffer, frame.byteOffset, frame.byteLength);
    this.#pub.publish(channelOf(message), bytes)
      .catch(() => {
        // The connection went down meanwhile; its close event reports it.
      });
  }

  follow(room: string): Promise<void> {
    this.#rooms.add(room);
    // While down, the subscription is made on reconnecting (#ready).
    if (!this.#up || this.#sub.status !== "ready") return Promise.resolve();
    return this.#sub.subscribe(`${PREFIX}room:${room}`).then(
      () => {},
      () => {},
    );
  }

  unfollow(room: string): void {
    this.#rooms.delete(room);
    if (this.#sub.status === "ready") {
      this.#sub.unsubscribe(`${PREFIX}room:${room}`).catch(() => {});
    }
  }

  async close(): Promise<void> {
    this.#closed = true;
    const ended = [this.#pub, this.#sub].map((client) =>
      client.status === "end"
        ? Promise.resolve()
        : new Promise<void>((resolve) => client.once("end", () => resolve()))
    );
    this.#pub.disconnect();
    this.#sub.disconnect();
    await Promise.all(ended);
  }

  async #ready(): Promise<void> {
    if (this.#pub.status !== "ready" || this.#sub.status !== "ready") return;
    try {
      const channels = [
        CONTROL,
        ...[...this.#rooms].map((r) => `${PREFIX}room:${r}`),
      ];
      await this.#sub.subscribe(...channels);
    } catch (error) {
      return this.#down((error as Error).message);
    }
    if (this.#up || this.#closed) return;
    this.#up = true;
    this.#downLogged = false;
    this.#logger.info("rooms_bus_up", { bus: this.name, redis: this.#where });
    this.onUp();
  }

  #down(reason: string): void {
    if (this.#closed) return;
    this.#up = false;
    if (this.#downLogged) return;
    this.#downLogged = true;
    this.#logger.warn("rooms_bus_down", {
      bus: this.name,
      redis: this.#where,
      reason,
      effect: "rooms reach this process only; retrying",
    });
  }
}

function channelOf(message: BusMessage): string {
  return message.kind === "data" ? `${PREFIX}room:${message.room}` : CONTROL;
}
