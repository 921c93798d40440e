// A list of things that happened, newest last, each in words with its time.

import { designTokens } from '@commercetools-uikit/design-system';
import Text from '@commercetools-uikit/text';
import { css } from '@emotion/react';
import type { StoryEvent } from '../api-types';
import { formatDateTime } from '../format';

export function Timeline(props: { events: StoryEvent[]; empty?: string; label?: string }) {
  if (props.events.length === 0)
    return <Text.Detail tone="secondary">{props.empty ?? 'Nothing yet.'}</Text.Detail>;
  return (
    <ol
      aria-label={props.label ?? 'Timeline'}
      css={css`
        list-style: none;
        margin: 0;
        padding: 0;
        li {
          position: relative;
          padding: 0 0 ${designTokens.spacing30} ${designTokens.spacing40};
          border-left: 2px solid ${designTokens.colorNeutral90};
        }
        li::before {
          content: '';
          position: absolute;
          left: -6px;
          top: 4px;
          width: 10px;
          height: 10px;
          border-radius: 50%;
          background: ${designTokens.colorPrimary};
        }
        li:last-child {
          border-left-color: transparent;
        }
      `}
    >
      {props.events.map((event) => (
        <li key={`${event.at}-${event.type}-${event.summary}`}>
          <Text.Body>{event.summary}</Text.Body>
          <Text.Detail tone="secondary">{formatDateTime(event.at)}</Text.Detail>
        </li>
      ))}
    </ol>
  );
}
