/**
 * The benchmark's baseline: a bare `Deno.serve` WebSocket echo with no
 * limits, logging, metrics or routing. Run it as the project runs:
 * `deno serve --host 127.0.0.1 --port 8001 bench/baseline_server.ts`.
 *
 * @module
 */

export default {
  fetch(request) {
    if (request.headers.get("upgrade")?.toLowerCase() !== "websocket") {
      return new Response("Expected a WebSocket upgrade\n", { status: 426 });
    }
    const { socket, response } = Deno.upgradeWebSocket(request);
    // As the project does: an ArrayBuffer echoes without reading a Blob.
    socket.binaryType = "arraybuffer";
    socket.onmessage = (event) => socket.send(event.data);
    return response;
  },
} satisfies Deno.ServeDefaultExport;
