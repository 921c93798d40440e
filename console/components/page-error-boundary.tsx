// The last line of defence for a screen: a failure while drawing it (or a chunk of a newer version that is no
// longer served) shows what happened and how to go on, instead of a blank page.

import { ContentNotification } from '@commercetools-uikit/notifications';
import SecondaryButton from '@commercetools-uikit/secondary-button';
import { Component, type ErrorInfo, type ReactNode } from 'react';

interface State {
  error: Error | null;
}

export class PageErrorBoundary extends Component<{ children: ReactNode; resetKey: string }, State> {
  override state: State = { error: null };

  static getDerivedStateFromError(error: Error): State {
    return { error };
  }

  override componentDidUpdate(previous: { resetKey: string }): void {
    // Another page: try again there.
    if (previous.resetKey !== this.props.resetKey && this.state.error) this.setState({ error: null });
  }

  override componentDidCatch(error: Error, info: ErrorInfo): void {
    console.error('console page failed', error, info.componentStack);
  }

  override render(): ReactNode {
    if (!this.state.error) return this.props.children;
    return (
      <ContentNotification type="error">
        <p>
          This page could not be shown: {this.state.error.message}. If the connector was just updated,
          reloading loads the new version.
        </p>
        <SecondaryButton label="Reload the page" onClick={() => window.location.reload()} />
      </ContentNotification>
    );
  }
}
