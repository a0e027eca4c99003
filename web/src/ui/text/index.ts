// A textarea or text input bound to a merged text field in a page: the binding (edits, caret,
// undo keys) plus other people's carets drawn over it.
import { TextBinding, type TextBindingOptions } from "./binding";
import { RemoteCarets } from "./carets";

export { TextBinding } from "./binding";

export interface BoundText {
  binding: TextBinding;
  destroy(): void;
}

export function bindTextField(el: HTMLTextAreaElement | HTMLInputElement, o: Omit<TextBindingOptions, "focused" | "selectionSource">): BoundText {
  const doc = el.ownerDocument;
  const binding = new TextBinding(el, { ...o, focused: () => doc.activeElement === el, selectionSource: doc });
  const carets = new RemoteCarets(el, o.client, o.item, o.field, () => binding.view);
  return {
    binding,
    destroy() {
      carets.destroy();
      binding.destroy();
    },
  };
}
