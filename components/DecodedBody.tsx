import type { ComponentType } from "preact";
import { useEffect, useState } from "preact/hooks";
import type { Decoded } from "../client/codec_worker.ts";
import type { BinaryFormat } from "../client/formats.ts";
import type { MessageBodyProps } from "./MessageBody.tsx";

/** Props of {@linkcode DecodedBody}. */
export interface DecodedBodyProps {
  id: number;
  bytes: Uint8Array;
  format: BinaryFormat;
  /** The Protobuf message type, for Protobuf. */
  type: string;
  /** The `.proto` source, for Protobuf. */
  schema: string;
  /**
   * The log's MessageBody, passed in: imported here, it would be split from
   * the page's first load into a chunk of its own.
   */
  Message: ComponentType<MessageBodyProps>;
}

/**
 * A binary message decoded in a format, as indented JSON in the JSON form
 * of client/value_form.ts, by the codec worker. Bytes that do not decode say
 * why in one line above their hex dump. Loaded on demand, the first time a
 * message is read in a format.
 */
export function DecodedBody(
  { id, bytes, format, type, schema, Message }: DecodedBodyProps,
) {
  // Kept with what it decoded, so a result never shows under another choice.
  const key = `${format} ${type} ${schema}`;
  const [result, setResult] = useState<{ key: string; decoded: Decoded }>();
  useEffect(() => {
    let current = true;
    import("../client/codec_worker.ts")
      .then((m) => m.decodeInWorker(format, bytes, { schema, type }))
      .then((decoded) => current && setResult({ key, decoded }));
    return () => void (current = false);
  }, [bytes, key]);
  const decoded = result?.key === key ? result.decoded : undefined;
  if (!decoded) return <p class="hint" role="status">Decoding…</p>;
  return "error" in decoded
    ? (
      <>
        <p class="problem">{decoded.error}</p>
        <Message id={id} data={bytes} binaryAs="hex" pretty={false} />
      </>
    )
    : <Message id={id} data={decoded.text} binaryAs="hex" pretty={false} />;
}
