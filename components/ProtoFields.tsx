import { useEffect, useState } from "preact/hooks";
import { loadSchema } from "../client/formats.ts";
import {
  PROTO_STORAGE_KEY,
  protoSchema,
  protoType,
  protoTypes,
} from "./format_state.ts";

/**
 * The Protobuf schema the composer sends with and the log reads with:
 * pasted, typed or opened from a `.proto` file, checked as it changes, and
 * the message type to send. Loaded on demand, when its panel first opens
 * ("Send as" Protobuf opens it).
 */
export function ProtoFields() {
  const [status, setStatus] = useState({ ok: true, text: "" });
  const source = protoSchema.value;
  useEffect(() => {
    if (source.trim() === "") {
      protoTypes.value = [];
      setStatus({
        ok: false,
        text: "Paste a proto3 schema, or open a .proto file.",
      });
      return;
    }
    let current = true;
    loadSchema(source).then(
      (schema) => {
        if (!current) return;
        protoTypes.value = schema.types;
        if (!schema.types.includes(protoType.value)) {
          protoType.value = schema.types[0];
        }
        keep(PROTO_STORAGE_KEY, source, schema.types);
        const n = schema.types.length;
        setStatus({
          ok: true,
          text: `${n} message type${n === 1 ? "" : "s"}`,
        });
      },
      (error) => {
        if (!current) return;
        protoTypes.value = [];
        setStatus({ ok: false, text: (error as Error).message });
      },
    );
    return () => void (current = false);
  }, [source]);
  async function open(e: Event) {
    const file = (e.currentTarget as HTMLInputElement).files?.[0];
    if (file) protoSchema.value = await file.text();
  }
  return (
    <div class="proto-fields">
      <label>
        Schema (.proto)
        <textarea
          name="proto-schema"
          rows={4}
          value={source}
          onInput={(e) => protoSchema.value = e.currentTarget.value}
          aria-describedby="proto-status"
          aria-invalid={!status.ok && source.trim() !== ""}
          spellcheck={false}
        />
      </label>
      <div class="row">
        <label class="grow">
          Open a .proto file
          <input
            type="file"
            name="proto-file"
            accept=".proto,text/plain"
            onChange={open}
          />
        </label>
        <label>
          Message type
          <select
            name="proto-type"
            value={protoType.value}
            disabled={protoTypes.value.length === 0}
            onChange={(e) => protoType.value = e.currentTarget.value}
          >
            {protoTypes.value.map((t) => <option key={t} value={t}>{t}
            </option>)}
          </select>
        </label>
      </div>
      <p
        id="proto-status"
        class={status.ok ? "hint" : "hint invalid"}
        aria-live="polite"
      >
        {status.text}
      </p>
    </div>
  );
}

/**
 * Keeps the schema and its types for the next visit, so the log's menus
 * list the types without loading the parser; one over 64 KiB is not kept.
 */
function keep(key: string, schema: string, types: readonly string[]) {
  try {
    if (schema.length > 65_536) localStorage.removeItem(key);
    else localStorage.setItem(key, JSON.stringify({ schema, types }));
  } catch {
    // Storage full or refused: the schema still works for this visit.
  }
}
