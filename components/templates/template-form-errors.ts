import { formErrorsOf, type FormErrors, type MutationError } from "@/components/workflows/form-errors";

export const publishFields = ["title", "description", "tags", "visibility"] as const;
export type PublishField = (typeof publishFields)[number];

type PublishError = MutationError & { data?: (MutationError["data"] & { code?: string }) | null };

/**
 * The publish form's errors beside its fields: an issue about one tag (`tags[1]`) belongs to the
 * tag list, and the server's refusal of `public` to a non-owner (FORBIDDEN) to the visibility choice.
 */
export function publishFormErrors(error: PublishError | null, visibility: string): FormErrors<PublishField> {
  if (error?.data?.code === "FORBIDDEN" && visibility === "public") return { fields: { visibility: sentence(error.message) }, message: null };
  const issues = error?.data?.issues?.map((issue) => ({ ...issue, path: issue.path.replace(/\[\d+\]$/, "") }));
  return formErrorsOf(error && { message: error.message, data: { issues } }, publishFields);
}

function sentence(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}
