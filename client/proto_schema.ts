/**
 * A `.proto` schema from its source text: `protobufjs` parses it (the only
 * well-kept `.proto` parser on npm), and its types become a descriptor for
 * `@bufbuild/protobuf`, which encodes and decodes by reflection. protobufjs'
 * own codec compiles code with `Function()`, which the page's
 * Content-Security-Policy (`script-src 'self'`) forbids; its parser does
 * not. Proto3 only, one file, no imports. Loaded on demand.
 *
 * @module
 */

import {
  createFileRegistry,
  type DescMessage,
  fromJson,
} from "@bufbuild/protobuf";
import {
  type DescriptorProtoJson,
  type EnumDescriptorProtoJson,
  type FieldDescriptorProtoJson,
  FileDescriptorProtoSchema,
} from "@bufbuild/protobuf/wkt";
import protobuf from "protobufjs";

/** A parsed schema: its message types by full name. */
export interface ProtoSchema {
  /** Full names of the messages, e.g. `demo.Point`, map entries left out. */
  types: string[];
  /**
   * The message `name` names: a full name, or a short one that only one
   * message has.
   *
   * @throws {TypeError} naming the messages there are, when none matches
   */
  message(name: string): DescMessage;
}

// FieldDescriptorProto.Type by protobufjs' scalar names.
const SCALARS: Record<string, FieldDescriptorProtoJson["type"]> = {
  double: "TYPE_DOUBLE",
  float: "TYPE_FLOAT",
  int64: "TYPE_INT64",
  uint64: "TYPE_UINT64",
  int32: "TYPE_INT32",
  fixed64: "TYPE_FIXED64",
  fixed32: "TYPE_FIXED32",
  bool: "TYPE_BOOL",
  string: "TYPE_STRING",
  bytes: "TYPE_BYTES",
  uint32: "TYPE_UINT32",
  sfixed32: "TYPE_SFIXED32",
  sfixed64: "TYPE_SFIXED64",
  sint32: "TYPE_SINT32",
  sint64: "TYPE_SINT64",
};

/**
 * Parses `source`, the text of a proto3 `.proto` file.
 *
 * @throws {SyntaxError} saying in one line why it is not a schema, e.g.
 *   `line 3: illegal token '}'`
 */
export function parseProto(source: string): ProtoSchema {
  if (!/^\s*syntax\s*=\s*["']proto3["']\s*;/m.test(stripComments(source))) {
    throw new SyntaxError(`it does not say syntax = "proto3"; (proto3 only)`);
  }
  let parsed: protobuf.IParserResult;
  try {
    parsed = protobuf.parse(source, { keepCase: true });
    parsed.root.resolveAll();
  } catch (error) {
    throw new SyntaxError(parserProblem((error as Error).message));
  }
  if (parsed.imports?.length || parsed.weakImports?.length) {
    const file = [...parsed.imports ?? [], ...parsed.weakImports ?? []][0];
    throw new SyntaxError(
      `it imports "${file}"; paste the messages it needs into one schema`,
    );
  }
  const pkg = parsed.package ?? "";
  const scope = pkg ? parsed.root.lookup(pkg) : parsed.root;
  const nested = (scope as protobuf.Namespace | null)?.nestedArray ?? [];
  const file = {
    name: "schema.proto",
    package: pkg,
    syntax: "proto3",
    messageType: nested.filter((o) => o instanceof protobuf.Type).map(message),
    enumType: nested.filter((o) => o instanceof protobuf.Enum).map(enumType),
  };
  let registry;
  try {
    registry = createFileRegistry(
      fromJson(FileDescriptorProtoSchema, file),
      () => undefined,
    );
  } catch (error) {
    throw new SyntaxError((error as Error).message);
  }
  const types: string[] = [];
  for (const item of registry) {
    if (item.kind === "message" && !item.proto.options?.mapEntry) {
      types.push(item.typeName);
    }
  }
  if (types.length === 0) throw new SyntaxError("it defines no message");
  return {
    types,
    message(name) {
      const full = types.includes(name)
        ? name
        : types.filter((t) => t.endsWith(`.${name}`));
      const found = typeof full === "string"
        ? full
        : full.length === 1
        ? full[0]
        : undefined;
      const desc = found && registry.getMessage(found);
      if (!desc) {
        throw new TypeError(
          `"${name}" is ${
            Array.isArray(full) && full.length > 1
              ? `more than one message (${full.join(", ")})`
              : "not a message in the schema"
          }; it has ${types.join(", ")}`,
        );
      }
      return desc;
    },
  };
}

function message(type: protobuf.Type): DescriptorProtoJson {
  // proto3 `optional` is a oneof of its own that protoc lists last.
  const oneofs = [
    ...type.oneofsArray.filter((o) => !isSynthetic(o)),
    ...type.oneofsArray.filter(isSynthetic),
  ];
  const entries: DescriptorProtoJson[] = [];
  const fields = type.fieldsArray.map((field): FieldDescriptorProtoJson => {
    const proto: FieldDescriptorProtoJson = {
      name: field.name,
      number: field.id,
      label: field.repeated || field.map ? "LABEL_REPEATED" : "LABEL_OPTIONAL",
    };
    if (field instanceof protobuf.MapField) {
      const entry = `${pascal(field.name)}Entry`;
      entries.push({
        name: entry,
        field: [
          {
            name: "key",
            number: 1,
            label: "LABEL_OPTIONAL",
            type: SCALARS[field.keyType],
          },
          {
            name: "value",
            number: 2,
            label: "LABEL_OPTIONAL",
            ...typeOf(field),
          },
        ],
        options: { mapEntry: true },
      });
      proto.type = "TYPE_MESSAGE";
      proto.typeName = `${type.fullName}.${entry}`;
    } else Object.assign(proto, typeOf(field));
    if (field.partOf) {
      proto.oneofIndex = oneofs.indexOf(field.partOf);
      if (isSynthetic(field.partOf)) proto.proto3Optional = true;
    }
    if (field.options?.packed === false) proto.options = { packed: false };
    return proto;
  });
  const nested = type.nestedArray;
  return {
    name: type.name,
    field: fields,
    oneofDecl: oneofs.map((o) => ({ name: o.name })),
    nestedType: [
      ...nested.filter((o) => o instanceof protobuf.Type).map(message),
      ...entries,
    ],
    enumType: nested.filter((o) => o instanceof protobuf.Enum).map(enumType),
  };
}

function typeOf(field: protobuf.Field): FieldDescriptorProtoJson {
  const resolved = field.resolvedType;
  if (resolved instanceof protobuf.Enum) {
    return { type: "TYPE_ENUM", typeName: resolved.fullName };
  }
  if (resolved) return { type: "TYPE_MESSAGE", typeName: resolved.fullName };
  return { type: SCALARS[field.type] };
}

function enumType(e: protobuf.Enum): EnumDescriptorProtoJson {
  return {
    name: e.name,
    value: Object.entries(e.values).map(([name, number]) => ({ name, number })),
  };
}

function isSynthetic(oneof: protobuf.OneOf): boolean {
  const [field] = oneof.fieldsArray;
  return oneof.fieldsArray.length === 1 && field.options?.proto3_optional;
}

/** `my_field` → `MyField`, as protoc names a map's entry type. */
function pascal(name: string): string {
  return name.split("_").map((p) => p.charAt(0).toUpperCase() + p.slice(1))
    .join("");
}

function stripComments(source: string): string {
  return source.replace(/\/\*[\s\S]*?\*\//g, "").replace(/\/\/.*$/gm, "");
}

/** `illegal token '}' (line 3)` → `line 3: illegal token '}'`. */
function parserProblem(message: string): string {
  const at = /^(.*) \((?:[^,]*, )?line (\d+)\)$/.exec(message);
  return at ? `line ${at[2]}: ${at[1]}` : message;
}
