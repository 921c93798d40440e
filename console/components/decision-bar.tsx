// Approving or rejecting review cases, one or many, always with a reason (Friendbuy and the audit trail keep it).

import { designTokens } from '@commercetools-uikit/design-system';
import MultilineTextInput from '@commercetools-uikit/multiline-text-input';
import { ContentNotification } from '@commercetools-uikit/notifications';
import PrimaryButton from '@commercetools-uikit/primary-button';
import SecondaryButton from '@commercetools-uikit/secondary-button';
import Text from '@commercetools-uikit/text';
import { css } from '@emotion/react';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { postJson } from '../api';
import { Field } from './field';
import { ErrorNotice } from './page';

type Decision = 'approve' | 'reject';

function useDecideReviews(onDone?: () => void) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: ({ ids, decision, reason }: { ids: number[]; decision: Decision; reason: string }) =>
      ids.length === 1
        ? postJson(`/admin/api/reviews/${ids[0]}/${decision}`, { reason })
        : postJson('/admin/api/reviews/bulk', { ids, decision, reason }),
    onSuccess: async () => {
      await client.invalidateQueries({ queryKey: ['reviews'] });
      await client.invalidateQueries({ queryKey: ['review'] });
      onDone?.();
    },
  });
}

/** The reason box and the two buttons; `ids` are the cases being decided (one on the case page). */
/** `bulk`: the cases ticked in the queue (however many), as opposed to the one case on its page. */
export function DecisionBar(props: { ids: number[]; onDecided?: () => void; bulk?: boolean }) {
  const [reason, setReason] = useState('');
  const [done, setDone] = useState<string | null>(null);
  const decide = useDecideReviews(props.onDecided);
  const many = props.bulk === true;
  const count = `${props.ids.length} ${props.ids.length === 1 ? 'case' : 'cases'}`;
  const go = (decision: Decision) =>
    decide.mutate(
      { ids: props.ids, decision, reason: reason.trim() },
      {
        onSuccess: () => {
          setDone(`${many ? count : 'The case'} ${decision === 'approve' ? 'approved' : 'rejected'}.`);
          setReason('');
        },
      },
    );
  return (
    <section
      aria-label={many ? 'Decide the selected cases' : 'Decide this case'}
      css={css`
        background: ${designTokens.colorSurface};
        border: 1px solid ${designTokens.colorPrimary85};
        border-radius: ${designTokens.borderRadius6};
        padding: ${designTokens.spacing40};
        margin-bottom: ${designTokens.spacing40};
        display: grid;
        gap: ${designTokens.spacing30};
      `}
    >
      <Text.Subheadline as="h4">
        {many ? `Decide the ${count} selected` : 'Decide this case'}
      </Text.Subheadline>
      <Field id="decision-reason" label="Reason (kept in the audit trail)" width="100%">
        <MultilineTextInput
          id="decision-reason"
          name="decision-reason"
          value={reason}
          placeholder="e.g. checked the addresses: different households"
          onChange={(event) => setReason(event.target.value)}
          horizontalConstraint="scale"
        />
      </Field>
      <div
        css={css`
          display: flex;
          gap: ${designTokens.spacing30};
        `}
      >
        <PrimaryButton
          label={many ? 'Approve selected' : 'Approve'}
          onClick={() => go('approve')}
          isDisabled={decide.isPending}
        />
        <SecondaryButton
          label={many ? 'Reject selected' : 'Reject'}
          onClick={() => go('reject')}
          isDisabled={decide.isPending || !reason.trim()}
        />
        {!reason.trim() ? <Text.Detail tone="secondary">A rejection needs a reason.</Text.Detail> : null}
      </div>
      {decide.isError ? <ErrorNotice error={decide.error} doing="record the decision" /> : null}
      {done && !decide.isError ? <ContentNotification type="success">{done}</ContentNotification> : null}
    </section>
  );
}
