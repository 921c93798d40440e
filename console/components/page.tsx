// The frame of every screen: a heading with an optional subtitle and actions, loading and error states that
// say what happened and what to try, and empty states that say what to do next.

import { designTokens } from '@commercetools-uikit/design-system';
import LoadingSpinner from '@commercetools-uikit/loading-spinner';
import { ContentNotification } from '@commercetools-uikit/notifications';
import SecondaryButton from '@commercetools-uikit/secondary-button';
import Spacings from '@commercetools-uikit/spacings-stack';
import Text from '@commercetools-uikit/text';
import { css } from '@emotion/react';
import type { ReactNode } from 'react';
import { ApiError } from '../api';

export function PageHeader(props: { title: string; subtitle?: ReactNode; actions?: ReactNode }) {
  return (
    <div
      css={css`
        display: flex;
        align-items: flex-end;
        justify-content: space-between;
        gap: ${designTokens.spacing40};
        flex-wrap: wrap;
        margin-bottom: ${designTokens.spacing50};
      `}
    >
      <div>
        <Text.Headline as="h1">{props.title}</Text.Headline>
        {props.subtitle ? <Text.Detail tone="secondary">{props.subtitle}</Text.Detail> : null}
      </div>
      {props.actions ? <div>{props.actions}</div> : null}
    </div>
  );
}

export function Loading(props: { what: string }) {
  return (
    <div
      css={css`
        padding: ${designTokens.spacing60} 0;
      `}
    >
      <LoadingSpinner>{`Loading ${props.what}…`}</LoadingSpinner>
    </div>
  );
}

interface LoadingQuery {
  isPending: boolean;
  isError: boolean;
  error: unknown;
  refetch: () => unknown;
}

/** While a query loads, says what is loading; when it failed, what went wrong and a retry. Else nothing. */
export function QueryStatus(props: { query: LoadingQuery; what: string }) {
  const { query } = props;
  if (query.isError)
    return (
      <ErrorNotice error={query.error} doing={`load ${props.what}`} retry={() => void query.refetch()} />
    );
  if (query.isPending) return <Loading what={props.what} />;
  return null;
}

/** What went wrong, in words, with what to try (and a retry when one can help). */
export function ErrorNotice(props: { error: unknown; retry?: () => void; doing?: string }) {
  const { error } = props;
  const message = error instanceof Error ? error.message : String(error);
  const hint = hintFor(error);
  return (
    <ContentNotification type="error">
      <Spacings scale="s" alignItems="flexStart">
        <Text.Body>
          {props.doing ? `Could not ${props.doing}: ` : ''}
          {message}
        </Text.Body>
        {hint ? <Text.Detail>{hint}</Text.Detail> : null}
        {error instanceof ApiError && error.correlationId ? (
          <Text.Detail tone="secondary">Correlation id for the logs: {error.correlationId}</Text.Detail>
        ) : null}
        {props.retry && worthRetrying(error) ? (
          <SecondaryButton label="Try again" onClick={props.retry} />
        ) : null}
      </Spacings>
    </ContentNotification>
  );
}

/** Asking again helps when the connector was unreachable, busy or failing; not when it refused. */
function worthRetrying(error: unknown): boolean {
  return !(error instanceof ApiError) || error.status === 0 || error.status === 429 || error.status >= 500;
}

function hintFor(error: unknown): string | undefined {
  if (!(error instanceof ApiError)) return undefined;
  if (error.status === 403) return 'Ask an admin for a role that allows this.';
  if (error.status === 404) return 'It may have been removed, or the link is mistyped.';
  if (error.status === 409) return 'Someone else changed it meanwhile; reload to see the current state.';
  if (error.status === 429) return 'Wait a minute before trying again.';
  if (error.status >= 500 || error.status === 0)
    return 'Try again in a moment; if it keeps failing, the on-call page shows the connector’s health.';
  return undefined;
}

export function EmptyState(props: { title: string; children: ReactNode }) {
  return (
    <div
      role="status"
      css={css`
        padding: ${designTokens.spacing60};
        text-align: center;
        border: 1px dashed ${designTokens.colorNeutral90};
        border-radius: ${designTokens.borderRadius6};
        background: ${designTokens.colorSurface};
      `}
    >
      <Spacings scale="s" alignItems="center">
        <Text.Subheadline as="h4">{props.title}</Text.Subheadline>
        <Text.Detail tone="secondary">{props.children}</Text.Detail>
      </Spacings>
    </div>
  );
}

/** A titled panel. */
export function Panel(props: { title: string; actions?: ReactNode; children: ReactNode; id?: string }) {
  const headingId = props.id ?? `panel-${props.title.toLowerCase().replace(/[^a-z0-9]+/g, '-')}`;
  return (
    <section
      aria-labelledby={headingId}
      css={css`
        background: ${designTokens.colorSurface};
        border-radius: ${designTokens.borderRadius6};
        box-shadow: ${designTokens.shadow1};
        padding: ${designTokens.spacing50};
        min-width: 0;
      `}
    >
      <div
        css={css`
          display: flex;
          justify-content: space-between;
          align-items: center;
          margin-bottom: ${designTokens.spacing40};
          gap: ${designTokens.spacing30};
        `}
      >
        <Text.Subheadline as="h4" id={headingId}>
          {props.title}
        </Text.Subheadline>
        {props.actions}
      </div>
      {props.children}
    </section>
  );
}

/** Label/value pairs, as a description list. */
export function Facts(props: { items: [string, ReactNode][] }) {
  return (
    <dl
      css={css`
        display: grid;
        grid-template-columns: max-content 1fr;
        gap: ${designTokens.spacing20} ${designTokens.spacing40};
        margin: 0;
        dd {
          margin: 0;
          min-width: 0;
          overflow-wrap: anywhere;
        }
        dt {
          color: ${designTokens.colorNeutral40};
        }
      `}
    >
      {props.items.map(([label, value]) => (
        <div key={label} css={css`display: contents;`}>
          <dt>{label}</dt>
          <dd>{value}</dd>
        </div>
      ))}
    </dl>
  );
}

export const grid = (min: string) => css`
  display: grid;
  grid-template-columns: repeat(auto-fit, minmax(${min}, 1fr));
  gap: ${designTokens.spacing50};
  margin-bottom: ${designTokens.spacing50};
`;

/** A panel's blocks one under the other, a small gap apart. */
export const stack = css`
  display: grid;
  gap: ${designTokens.spacing30};
`;
