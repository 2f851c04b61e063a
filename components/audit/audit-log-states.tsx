import { FilterableListEmpty, ListLoading } from "@/components/ui/list-states";

export function AuditLogLoading() {
  return <ListLoading label="Loading the audit log" />;
}

/** Nothing recorded yet, or nothing matching the filters. */
export function AuditLogEmpty({ filtered, onClearFilters }: { filtered: boolean; onClearFilters(): void }) {
  return (
    <FilterableListEmpty
      filtered={filtered}
      onClearFilters={onClearFilters}
      title={{ empty: "No activity yet", filtered: "No activity matches these filters" }}
      hint={{
        empty: "Creating, publishing and running workflows, and changes to members and triggers, appear here.",
        filtered: "Try another category or person.",
      }}
    />
  );
}
