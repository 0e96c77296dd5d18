/**
 * The benchmark's baseline: a bare `Deno.serve` WebSocket echo with no
 * limits, logging, metrics or routing, and with `?room=NAME` the bare
 * broadcast a room is compared with: a `Set` of sockets and a loop that
 * sends every message to each of them, its sender included (as the
 * project's default `self=1` does). Run it as the project runs:
 * `deno serve --host 127.0.0.1 --port 8001 bench/baseline_server.ts`.
 *
 * @module
 */

const rooms = new Map<string, Set<WebSocket>>();

export default {
  fetch(request) {
    if (request.headers.get("upgrade")?.toLowerCase() !== "websocket") {
      return new Response("Expected a WebSocket upgrade\n", { status: 426 });
    }
    const { socket, response } = Deno.upgradeWebSocket(request);
    // As the project does: an ArrayBuffer echoes without reading a Blob.
    socket.binaryType = "arraybuffer";
    const name = new URL(request.url).searchParams.get("room");
    if (name === null) {
      socket.onmessage = (event) => socket.send(event.data);
      return response;
    }
    let room = new Set<WebSocket>();
    socket.onopen = () => {
      room = rooms.get(name) ?? room;
      rooms.set(name, room.add(socket));
    };
    socket.onmessage = (event) => {
      for (const member of room) member.send(event.data);
    };
    socket.onclose = () => {
      room.delete(socket);
      if (room.size === 0 && rooms.get(name) === room) rooms.delete(name);
    };
    return response;
  },
} satisfies Deno.ServeDefaultExport;
