// A person's rewards: each with its state in words, its coupon and history, any hold and why; an agent can issue
// a reward's coupon again. Also the one-line reward of a friend's referred order.

import { designTokens } from '@commercetools-uikit/design-system';
import { ContentNotification } from '@commercetools-uikit/notifications';
import PrimaryButton from '@commercetools-uikit/primary-button';
import SecondaryButton from '@commercetools-uikit/secondary-button';
import Stamp from '@commercetools-uikit/stamp';
import Text from '@commercetools-uikit/text';
import { css } from '@emotion/react';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { postJson } from '../api';
import type { PersonReward } from '../api-types';
import { TextField } from '../components/field';
import { ErrorNotice, Facts } from '../components/page';
import { Timeline } from '../components/timeline';
import { formatDateTime, formatMoney, humanize } from '../format';
import { useCan } from '../session';

const STATE_TONE: Record<string, 'positive' | 'warning' | 'critical' | 'secondary' | 'information'> = {
  issued: 'positive',
  redeemed: 'positive',
  pending: 'information',
  held: 'warning',
  reversed: 'critical',
  cancelled: 'critical',
};

/** What the friend's order earned the advocate: the question a friend asks about "the reward". */
export function ReferralReward(props: { reward: PersonReward | undefined }) {
  const { reward } = props;
  if (!reward) return <Text.Detail tone="secondary">No reward for this order yet.</Text.Detail>;
  return (
    <div
      css={css`
        display: flex;
        gap: ${designTokens.spacing20};
        align-items: baseline;
        flex-wrap: wrap;
      `}
    >
      <Text.Detail tone="secondary">Referral reward</Text.Detail>
      <Stamp tone={STATE_TONE[reward.state] ?? 'secondary'} label={humanize(reward.state)} isCondensed />
      <Text.Detail data-testid="referral-reward-state">{reward.stateInWords}</Text.Detail>
    </div>
  );
}

export function RewardItem(props: { personKey: string; reward: PersonReward }) {
  const { reward } = props;
  const canReissue = useCan('reissue-coupons') && reward.canReissue;
  return (
    <li
      aria-label={`Reward ${reward.rewardId}`}
      css={css`
        border: 1px solid ${designTokens.colorNeutral90};
        border-radius: ${designTokens.borderRadius6};
        padding: ${designTokens.spacing40};
        display: grid;
        grid-template-columns: minmax(0, 1fr) minmax(0, 1fr);
        gap: ${designTokens.spacing40};
      `}
    >
      <div css={css`display: grid; gap: ${designTokens.spacing20}; align-content: start;`}>
        <div css={css`display: flex; gap: ${designTokens.spacing20}; align-items: center; flex-wrap: wrap;`}>
          <Stamp tone={STATE_TONE[reward.state] ?? 'secondary'} label={humanize(reward.state)} />
          {reward.amount ? <Text.Body fontWeight="bold">{formatMoney(reward.amount)}</Text.Body> : null}
        </div>
        <Text.Body data-testid="reward-state">{reward.stateInWords}</Text.Body>
        {reward.hold ? (
          <ContentNotification type="warning">
            {`Held: ${reward.hold.reason}${reward.hold.until ? ` (until ${formatDateTime(reward.hold.until)})` : ''}`}
          </ContentNotification>
        ) : null}
        <Facts
          items={[
            ['Reward id', reward.rewardId],
            [
              'Coupon',
              reward.coupon
                ? `${reward.coupon.code} (${reward.coupon.redeemed ? 'redeemed' : 'not redeemed'})`
                : '—',
            ],
          ]}
        />
        {canReissue ? <Reissue personKey={props.personKey} rewardId={reward.rewardId} /> : null}
      </div>
      <div>
        <Text.Detail tone="secondary">History</Text.Detail>
        <Timeline events={reward.history} label={`History of reward ${reward.rewardId}`} />
      </div>
    </li>
  );
}

function Reissue(props: { personKey: string; rewardId: string }) {
  const [open, setOpen] = useState(false);
  const [reason, setReason] = useState('');
  const client = useQueryClient();
  const reissue = useMutation({
    mutationFn: () =>
      postJson<{ coupon: { code: string } }>(
        `/admin/api/rewards/${encodeURIComponent(props.rewardId)}/reissue-coupon`,
        { reason: reason.trim() },
      ),
    onSuccess: () => {
      setOpen(false);
      setReason('');
      return client.invalidateQueries({ queryKey: ['person', props.personKey] });
    },
  });
  const outcome = reissue.data ? (
    <ContentNotification type="success">{`Coupon issued again: ${reissue.data.coupon.code}`}</ContentNotification>
  ) : null;
  if (!open)
    return (
      <div
        css={css`
          display: grid;
          gap: ${designTokens.spacing20};
          justify-items: start;
        `}
      >
        {outcome}
        <SecondaryButton label="Reissue coupon" onClick={() => setOpen(true)} />
      </div>
    );
  return (
    <div
      css={css`
        display: grid;
        gap: ${designTokens.spacing20};
      `}
    >
      <TextField
        id={`reissue-${props.rewardId}`}
        label="Why reissue the coupon?"
        value={reason}
        onChange={setReason}
        placeholder="e.g. the customer lost the email"
        width="100%"
      />
      <div
        css={css`
          display: flex;
          gap: ${designTokens.spacing20};
        `}
      >
        <PrimaryButton
          label="Reissue coupon now"
          onClick={() => reissue.mutate()}
          isDisabled={!reason.trim() || reissue.isPending}
        />
        <SecondaryButton label="Cancel" onClick={() => setOpen(false)} />
      </div>
      {reissue.isError ? <ErrorNotice error={reissue.error} doing="reissue the coupon" /> : null}
    </div>
  );
}
