-- The caller's W3C traceparent of a run started by a webhook or the REST API (null for every earlier run).
ALTER TABLE "runs" ADD COLUMN "trace_parent" TEXT;
