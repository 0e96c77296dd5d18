import type { Signal } from "@preact/signals";

/**
 * A labelled number typed as text, bound to a signal. Kept as text so the
 * caller can say what is wrong with "12x" instead of the browser refusing it.
 */
export function NumberField(
  { label, name, value, size, invalid, describedBy }: {
    label: string;
    name: string;
    value: Signal<string>;
    /** Width in characters. */
    size: number;
    invalid?: boolean;
    /** Id of the element that explains an invalid value. */
    describedBy?: string;
  },
) {
  return (
    <label>
      {label}
      <input
        name={name}
        inputMode="numeric"
        size={size}
        value={value}
        aria-invalid={invalid}
        aria-describedby={describedBy}
        onInput={(e) => value.value = e.currentTarget.value}
      />
    </label>
  );
}
