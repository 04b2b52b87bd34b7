import { Component, type ReactNode } from 'react';
import { ErrorBanner } from '../../app/ui.tsx';

/**
 * Keeps one section's rendering failure (an answer shaped unlike what it expects) from blanking the
 * whole lead record: that section shows the error, the others stay readable. React offers error
 * boundaries only as class components, hence the one class of the screen.
 */
export class SectionBoundary extends Component<{ children: ReactNode }, { error: unknown }> {
  state: { error: unknown } = { error: undefined };

  static getDerivedStateFromError(error: unknown) {
    return { error };
  }

  render() {
    if (this.state.error)
      return (
        <section className="card">
          <ErrorBanner error={this.state.error} onRetry={() => this.setState({ error: undefined })} />
        </section>
      );
    return this.props.children;
  }
}
