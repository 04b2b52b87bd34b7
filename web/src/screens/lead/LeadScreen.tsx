import { EmptyState, PageHeader } from '../../app/ui.tsx';

export function LeadScreen(_props: { params: Record<string, string> }) {
  return (
    <>
      <PageHeader title="LeadScreen" />
      <EmptyState>…</EmptyState>
    </>
  );
}
