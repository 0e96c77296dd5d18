import type { Signal } from "@preact/signals";
import { NumberField } from "./NumberField.tsx";

/** The close code and reason to send, and the Close button. */
export function CloseForm(
  { code, reason, active, onClose }: {
    code: Signal<string>;
    reason: Signal<string>;
    /** A socket is connecting or open. */
    active: boolean;
    onClose: (event: Event) => void;
  },
) {
  return (
    <form class="row close" onSubmit={onClose}>
      <NumberField label="Close code" name="code" size={6} value={code} />
      <label class="grow">
        Reason
        <input
          name="reason"
          value={reason}
          onInput={(e) => reason.value = e.currentTarget.value}
        />
      </label>
      {
        /* aria-disabled, not disabled: a disabled button loses focus, and
        focus would fall to the page's body the moment the socket closes. */
      }
      <button type="submit" class="secondary" aria-disabled={!active}>
        Close
      </button>
    </form>
  );
}
