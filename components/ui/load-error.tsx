import { Button } from "./button";

interface LoadErrorProps {
  /** What failed to load, plural or singular as it reads: "workflows", "the API keys" → "The … could not be loaded." */
  what: string;
  message: string;
  onRetry(): void;
  /** A whole page's list, or a side panel's. */
  size?: "page" | "panel";
}

/** A read that failed: what, the server's reason, and a way to try again. */
export function LoadError({ what, message, onRetry, size = "page" }: LoadErrorProps) {
  const frame = size === "page" ? "rounded-xl px-6 py-5" : "rounded-lg p-3";
  return (
    <div role="alert" className={`border border-rose-200 bg-rose-50 text-sm text-rose-800 ${frame}`}>
      <p className="font-medium">The {what} could not be loaded.</p>
      <p className="mt-1 text-rose-700">{message}</p>
      <Button size="sm" className="mt-2" onClick={onRetry}>
        Try again
      </Button>
    </div>
  );
}
