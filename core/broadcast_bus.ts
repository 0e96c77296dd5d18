/**
 * A room bus between the workers of one `deno serve --parallel` process:
 * a `BroadcastChannel`, which Deno connects across the workers' isolates
 * without any flag. It never goes down, and needs no framing: structured
 * clone keeps a string a string and an ArrayBuffer bytes.
 *
 * @module
 */

import type { BusMessage, RoomBus } from "./room_bus.ts";

/** The channel every worker's rooms listen on. */
export const ROOMS_CHANNEL = "echo-rooms";

/** Rooms' messages between the workers of one process. */
export class BroadcastBus implements RoomBus {
  readonly name = "workers";
  readonly up = true;
  onMessage: (message: BusMessage) => void = () => {};
  onUp: () => void = () => {};
  readonly #channel: BroadcastChannel;

  constructor(channel: string = ROOMS_CHANNEL) {
    this.#channel = new BroadcastChannel(channel);
    this.#channel.onmessage = (event) => this.onMessage(event.data);
  }

  publish(message: BusMessage): void {
    this.#channel.postMessage(message);
  }

  // Every worker receives every room's messages: the channel has no topics,
  // and a worker drops those of rooms it has no member in.
  follow(_room: string): Promise<void> {
    return Promise.resolve();
  }

  unfollow(_room: string): void {}

  close(): Promise<void> {
    this.#channel.close();
    return Promise.resolve();
  }
}
