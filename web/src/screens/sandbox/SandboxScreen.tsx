import { EmptyState, PageHeader } from '../../app/ui.tsx';

export function SandboxScreen(_props: { params: Record<string, string> }) {
  return (
    <>
      <PageHeader title="SandboxScreen" />
      <EmptyState>…</EmptyState>
    </>
  );
}
