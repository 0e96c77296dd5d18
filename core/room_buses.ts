/**
 * Which buses carry rooms beyond this isolate, from the configuration: the
 * workers' channel when `deno serve --parallel` runs several, and Redis when
 * `REDIS_URL` is set. The Redis client is loaded only then.
 *
 * @module
 */

import { BroadcastBus } from "./broadcast_bus.ts";
import type { Config } from "./config.ts";
import type { Logger } from "./log.ts";
import type { RoomBus } from "./room_bus.ts";

/** The buses and this process's id on them. */
export interface RoomBuses {
  buses: RoomBus[];
  instance: string;
}

/**
 * Makes the room buses the configuration asks for. Redis is connected in
 * the background: the server starts and serves whether or not it answers.
 *
 * @param node this isolate's id, the instance when nothing shares one
 */
export async function connectRoomBuses(
  config: Pick<Config, "rooms" | "workers" | "redisUrl" | "instanceId">,
  logger: Logger,
  node: string,
): Promise<RoomBuses> {
  const instance = config.instanceId ?? node;
  const buses: RoomBus[] = [];
  if (!config.rooms) return { buses, instance };
  if (config.workers > 1) buses.push(new BroadcastBus());
  if (config.redisUrl !== null) {
    const { RedisBus } = await import("./redis_bus.ts");
    buses.push(new RedisBus({ url: config.redisUrl, logger, instance }));
  }
  return { buses, instance };
}
