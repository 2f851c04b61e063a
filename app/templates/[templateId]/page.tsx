import type { Metadata } from "next";
import { TemplatePage } from "@/components/templates/template-page";

export const metadata: Metadata = { title: "Template · Orka" };

/** One template: a read-only preview of its latest version, its versions, and "Use template". */
export default async function TemplatePreviewPage({ params }: { params: Promise<{ templateId: string }> }) {
  const { templateId } = await params;
  return <TemplatePage templateId={templateId} />;
}
