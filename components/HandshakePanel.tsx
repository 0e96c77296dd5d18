import { parseHandshakeReport } from "../client/handshake_report.ts";

/** What the page knows of the opening handshake. */
export interface HandshakePanelProps {
  url: string;
  /** Subprotocols offered in `Sec-WebSocket-Protocol`. */
  protocols: readonly string[];
  /** The subprotocol the server selected, "" for none. */
  protocol: string;
  /** `Sec-WebSocket-Extensions` as the server answered, "" for none. */
  extensions: string;
  /** Whether the socket opened (the server answered 101). */
  opened: boolean;
  /** The socket's first text message, which may be the server's report of the request (`?handshake=1`). */
  firstText: string | null;
}

/**
 * The body of the Handshake panel, loaded when the panel first opens (see
 * the island's LazyDetails): what the browser asked for and what the server
 * selected, and, when the server reports it (`?handshake=1` on this
 * server), the request headers it received.
 */
export function HandshakePanel(props: HandshakePanelProps) {
  const report = props.firstText === null
    ? null
    : parseHandshakeReport(props.firstText);
  return (
    <>
      {props.url === ""
        ? <p class="hint">No connection yet.</p>
        : (
          <dl class="facts" data-testid="handshake-facts">
            <div>
              <dt>URL</dt>
              <dd>{props.url}</dd>
            </div>
            <div>
              <dt>Requested subprotocols</dt>
              <dd>{props.protocols.join(", ") || "none"}</dd>
            </div>
            <div>
              <dt>Selected protocol</dt>
              <dd>
                {props.opened ? props.protocol || "none" : "not open yet"}
              </dd>
            </div>
            <div>
              <dt>Extensions</dt>
              <dd>
                {props.opened ? props.extensions || "none" : "not open yet"}
              </dd>
            </div>
          </dl>
        )}
      {report
        ? (
          <div data-testid="handshake-report">
            <p class="hint">
              The server received {report.method} {report.path} from{" "}
              {report.remote}
              {report.protocol
                ? ` and selected "${report.protocol}"`
                : " and selected no protocol"}:
            </p>
            <table class="headers">
              <caption class="hint">Request headers</caption>
              <tbody>
                {report.headers.map(([name, value], i) => (
                  <tr key={i}>
                    <th scope="row">{name}</th>
                    <td>{value}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )
        : (
          <p class="hint">
            To see the request headers this server received, turn on "Report the
            handshake" under Server behaviour (it adds <code>?handshake=1</code>
            {" "}
            to the URL) and connect. When a handshake is refused, the log says
            with which HTTP status and why.
          </p>
        )}
    </>
  );
}
