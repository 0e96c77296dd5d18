import type { ConnectionSnapshot } from "../client/connection.ts";
import { parseProtocolList } from "../client/event_log.ts";
import { LazyDetails } from "./LazyDetails.tsx";

/**
 * The panels that look closer at one connection, each loaded when first
 * opened: the selected socket's handshake, and a speed test on the
 * connect form's URL and subprotocols (a socket of its own).
 */
export function InspectPanels(
  { snap, url, protocols }: {
    snap: ConnectionSnapshot;
    url: string;
    protocols: string;
  },
) {
  return (
    <>
      <LazyDetails
        class="handshake"
        summary="Handshake"
        load={() =>
          import("./HandshakePanel.tsx").then((m) => m.HandshakePanel)}
        props={{
          url: snap.url,
          protocols: snap.protocols,
          protocol: snap.protocol,
          extensions: snap.extensions,
          opened: snap.opened,
          firstText: snap.firstText,
        }}
      />
      <LazyDetails
        class="speed"
        summary="Speed test"
        load={() => import("./SpeedTest.tsx").then((m) => m.SpeedTest)}
        props={{ url, protocols: parseProtocolList(protocols) }}
      />
    </>
  );
}
