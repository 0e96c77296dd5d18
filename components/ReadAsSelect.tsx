import { type ReadAs, readAsChoices } from "../client/read_as.ts";
import { protoTypes } from "./format_state.ts";

/** A menu of the ways to read a binary message: hex, UTF-8 or a format. */
export function ReadAsSelect(
  { value, onChange, name, label }: {
    value: ReadAs;
    onChange: (readAs: ReadAs) => void;
    name: string;
    /** The accessible name, for a menu without a visible label. */
    label?: string;
  },
) {
  const choices = readAsChoices(protoTypes.value);
  // A type the schema no longer has stays listed, so the menu shows it.
  if (!choices.some(([v]) => v === value)) choices.push([value, value]);
  return (
    <select
      name={name}
      aria-label={label}
      value={value}
      onChange={(e) => onChange(e.currentTarget.value as ReadAs)}
    >
      {choices.map(([v, text]) => <option key={v} value={v}>{text}</option>)}
    </select>
  );
}
