import { useEffect, useState } from "preact/hooks";
import type { Decoded } from "../client/decode_worker.ts";
import { type ReadAs, readAsFormat } from "../client/read_as.ts";
import { protoSchema } from "./format_state.ts";
import { MessageBody } from "./MessageBody.tsx";

/**
 * A binary message read as chosen: a hex dump or UTF-8, or decoded in a
 * format (as indented JSON in the JSON form of client/value_form.ts) by the
 * decode worker, whose code loads the first time a message is read in a
 * format. Bytes that do not decode say why in one line above their hex dump.
 */
export function BinaryBody(
  { id, bytes, readAs }: { id: number; bytes: Uint8Array; readAs: ReadAs },
) {
  const chosen = readAsFormat(readAs);
  const schema = chosen?.format === "protobuf" ? protoSchema.value : "";
  // Kept with what it decoded, so a result never shows under another choice.
  const key = `${readAs} ${schema}`;
  const [result, setResult] = useState<{ key: string; decoded: Decoded }>();
  useEffect(() => {
    if (!chosen) return;
    let current = true;
    import("../client/decode_worker.ts")
      .then((m) =>
        m.decodeInWorker(chosen.format, bytes, { schema, ...chosen })
      )
      .then((decoded) => current && setResult({ key, decoded }));
    return () => void (current = false);
  }, [bytes, key]);
  const decoded = chosen && result?.key === key ? result.decoded : null;
  if (chosen && !decoded) return <p class="hint" role="status">Decoding…</p>;
  const error = decoded && "error" in decoded && decoded.error;
  return (
    <>
      {error && <p class="problem">{error}</p>}
      <MessageBody
        id={id}
        data={decoded && "text" in decoded ? decoded.text : bytes}
        binaryAs={readAs === "text" ? "text" : "hex"}
        pretty={false}
      />
    </>
  );
}
