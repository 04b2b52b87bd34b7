import { EmptyState, PageHeader } from '../../app/ui.tsx';

export function PipelineScreen(_props: { params: Record<string, string> }) {
  return (
    <>
      <PageHeader title="PipelineScreen" />
      <EmptyState>…</EmptyState>
    </>
  );
}
