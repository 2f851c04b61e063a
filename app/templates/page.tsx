import type { Metadata } from "next";
import { TemplateGallery } from "@/components/templates/template-gallery";

export const metadata: Metadata = { title: "Templates · Orka" };

/** The template gallery: built-in examples, the team's templates and other teams' public ones. */
export default function TemplatesPage() {
  return <TemplateGallery />;
}
