import type { ComponentType } from "preact";
import { useEffect, useState } from "preact/hooks";
import { type ReadAs, readAsFormat } from "../client/read_as.ts";
import type { DecodedBodyProps } from "./DecodedBody.tsx";
import { protoSchema } from "./format_state.ts";
import { MessageBody } from "./MessageBody.tsx";

let decodedBody: Promise<ComponentType<DecodedBodyProps>> | undefined;

/**
 * A binary message read as chosen: a hex dump or UTF-8 (MessageBody), or
 * decoded in a format by components/DecodedBody.tsx, which loads the first
 * time a message is read in one.
 */
export function BinaryBody(
  { id, bytes, readAs }: { id: number; bytes: Uint8Array; readAs: ReadAs },
) {
  const chosen = readAsFormat(readAs);
  const [Body, setBody] = useState<ComponentType<DecodedBodyProps>>();
  useEffect(() => {
    if (!chosen) return;
    decodedBody ??= import("./DecodedBody.tsx").then((m) => m.DecodedBody);
    decodedBody.then((component) => setBody(() => component));
  }, [!chosen]);
  if (!chosen) {
    return (
      <MessageBody
        id={id}
        data={bytes}
        binaryAs={readAs as "hex"}
        pretty={false}
      />
    );
  }
  return Body
    ? (
      <Body
        id={id}
        bytes={bytes}
        {...chosen}
        schema={chosen.format === "protobuf" ? protoSchema.value : ""}
        Message={MessageBody}
      />
    )
    : <p class="hint" role="status">Decoding…</p>;
}
