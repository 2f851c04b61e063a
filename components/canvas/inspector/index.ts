export { Inspector, type InspectorProps } from "./inspector";
export { fieldDomId } from "./field-dom-id";
export type { FocusRequest } from "./use-focus-request";
