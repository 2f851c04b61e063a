import type { inferRouterOutputs } from "@trpc/server";
import type { AppRouter } from "@/server/api/root";

type TemplatesOutput = inferRouterOutputs<AppRouter>["templates"];

export type TemplateCardData = TemplatesOutput["list"][number];
export type TemplateDetailData = TemplatesOutput["get"];
export type TemplateTagCount = TemplatesOutput["tags"][number];
export type TemplateTagName = TemplateTagCount["tag"];
