import { EmptyState, PageHeader } from '../../app/ui.tsx';

export function LeadsScreen(_props: { params: Record<string, string> }) {
  return (
    <>
      <PageHeader title="LeadsScreen" />
      <EmptyState>…</EmptyState>
    </>
  );
}
