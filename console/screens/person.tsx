// A person's referral story: what they shared and whom they brought, who brought them, each reward's state with
// its history and any hold, the codes issued and redeemed. Agents can issue a reward's coupon again.

import DataTable from '@commercetools-uikit/data-table';
import { designTokens } from '@commercetools-uikit/design-system';
import Link from '@commercetools-uikit/link';
import { ContentNotification } from '@commercetools-uikit/notifications';
import PrimaryButton from '@commercetools-uikit/primary-button';
import SecondaryButton from '@commercetools-uikit/secondary-button';
import Stamp from '@commercetools-uikit/stamp';
import Text from '@commercetools-uikit/text';
import { css } from '@emotion/react';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useParams } from 'react-router-dom';
import { getJson, postJson } from '../api';
import type { PersonReward, PersonStory } from '../api-types';
import { TextField } from '../components/field';
import { EmptyState, ErrorNotice, Facts, grid, Loading, PageHeader, Panel } from '../components/page';
import { Timeline } from '../components/timeline';
import { formatCount, formatDateTime, formatMoney, humanize } from '../format';
import { personKeyOf, personPath } from '../paths';
import { useCan } from '../session';

const STATE_TONE: Record<string, 'positive' | 'warning' | 'critical' | 'secondary' | 'information'> = {
  issued: 'positive',
  redeemed: 'positive',
  pending: 'information',
  held: 'warning',
  reversed: 'critical',
  cancelled: 'critical',
};

function usePersonStory(key: string | null) {
  return useQuery({
    queryKey: ['person', key],
    queryFn: () => getJson<PersonStory>(`/admin/api/people/${encodeURIComponent(key ?? '')}`),
    enabled: key !== null,
  });
}

export function PersonScreen() {
  const key = personKeyOf(useParams<{ key: string }>().key);
  const story = usePersonStory(key);
  if (story.isPending) return <Loading what="the referral story" />;
  if (story.isError)
    return <ErrorNotice error={story.error} doing="load this person" retry={() => void story.refetch()} />;
  const { person, rewards, codes } = story.data;
  return (
    <>
      <Text.Detail>
        <Link to="/search">← Customers</Link>
      </Text.Detail>
      <PageHeader
        title={person.displayName}
        subtitle={[
          person.email === person.displayName ? null : person.email,
          person.customerId ? `customer ${person.customerId}` : 'guest',
        ]
          .filter(Boolean)
          .join(' · ')}
      />
      <div css={css`margin-bottom: ${designTokens.spacing50};`}>
        <Panel title="Rewards">
          {rewards.length === 0 ? (
            <EmptyState title="No rewards yet">
              A reward appears once a referred order is reported to Friendbuy and Friendbuy grants it.
            </EmptyState>
          ) : (
            <ul
              aria-label="Rewards"
              css={css`list-style: none; margin: 0; padding: 0; display: grid; gap: ${designTokens.spacing40};`}
            >
              {rewards.map((reward) => (
                <RewardItem key={reward.rewardId} personKey={key} reward={reward} />
              ))}
            </ul>
          )}
        </Panel>
      </div>
      <div css={grid('380px')}>
        <AdvocatePanel story={story.data} />
        <FriendPanel story={story.data} />
      </div>
      <Panel title="Codes issued and redeemed">
        {codes.length === 0 ? (
          <Text.Detail tone="secondary">No referral or coupon codes for this person.</Text.Detail>
        ) : (
          <DataTable
            isCondensed
            rows={codes.map((code) => ({ ...code, id: code.code }))}
            columns={[
              { key: 'code', label: 'Code' },
              { key: 'kind', label: 'Kind', renderItem: (row) => humanize(row.kind) },
              { key: 'issuedAt', label: 'Issued', renderItem: (row) => formatDateTime(row.issuedAt) },
              {
                key: 'redeemedAt',
                label: 'Redeemed',
                renderItem: (row) => (row.redeemedAt ? formatDateTime(row.redeemedAt) : 'not yet'),
              },
            ]}
          />
        )}
      </Panel>
    </>
  );
}

const FUNNEL_WORDS: Record<string, string> = {
  shares: 'Links shared',
  clicks: 'Clicks',
  emailCaptures: 'Emails captured',
  signUps: 'Sign-ups',
  purchases: 'Purchases',
};

function AdvocatePanel({ story }: { story: PersonStory }) {
  const advocate = story.asAdvocate;
  if (!advocate || (advocate.referralCodes.length === 0 && advocate.friends.length === 0))
    return (
      <Panel title="As advocate">
        <Text.Detail tone="secondary">Has no referral code and has referred nobody yet.</Text.Detail>
      </Panel>
    );
  return (
    <Panel title="As advocate">
      <div
        css={css`
          display: grid;
          gap: ${designTokens.spacing30};
        `}
      >
        <Facts
          items={[
            ['Referral code', advocate.referralCodes.join(', ') || '—'],
            ...Object.entries(advocate.funnel).map(
              ([name, count]) =>
                [FUNNEL_WORDS[name] ?? humanize(name), formatCount(count)] as [string, string],
            ),
            ['Friends who ordered', formatCount(advocate.friends.length)],
          ]}
        />
        {advocate.friends.length > 0 ? (
          <DataTable
            isCondensed
            rows={advocate.friends.map((f) => ({ ...f, id: f.orderId }))}
            columns={[
              {
                key: 'friend',
                label: 'Friend',
                renderItem: (row) =>
                  row.friend ? (
                    <Link to={personPath(row.friend.key)}>{row.friend.displayName}</Link>
                  ) : (
                    'unknown'
                  ),
              },
              {
                key: 'order',
                label: 'Order',
                renderItem: (row) => row.orderNumber ?? row.orderId.slice(0, 8),
              },
              {
                key: 'status',
                label: 'Referral',
                renderItem: (row) => (row.status ? humanize(row.status) : '—'),
              },
              {
                key: 'reward',
                label: 'Reward',
                renderItem: (row) => (row.rewardState ? humanize(row.rewardState) : '—'),
              },
            ]}
          />
        ) : null}
      </div>
    </Panel>
  );
}

function FriendPanel({ story }: { story: PersonStory }) {
  const friend = story.asFriend;
  // The rewards of the friend's orders are the advocate's: read from the advocate's story (cached if opened).
  const referralRewards = usePersonStory(friend?.referredBy?.key ?? null);
  if (!friend || (!friend.referredBy && friend.orders.length === 0))
    return (
      <Panel title="As friend">
        <Text.Detail tone="secondary">Was not referred by anyone.</Text.Detail>
      </Panel>
    );
  return (
    <Panel title="As friend">
      <div
        css={css`
          display: grid;
          gap: ${designTokens.spacing30};
        `}
      >
        <Facts
          items={[
            [
              'Referred by',
              friend.referredBy ? (
                <Link key="referred-by" to={personPath(friend.referredBy.key)}>
                  {friend.referredBy.displayName}
                </Link>
              ) : (
                '—'
              ),
            ],
            ['Orders', formatCount(friend.orders.length)],
          ]}
        />
        <ul
          aria-label="Orders"
          css={css`
            list-style: none;
            margin: 0;
            padding: 0;
            display: grid;
            gap: ${designTokens.spacing30};
          `}
        >
          {friend.orders.map((order) => (
            <li key={order.orderId}>
              <Text.Body>
                {[
                  `Order ${order.orderNumber ?? order.orderId.slice(0, 8)}`,
                  formatDateTime(order.createdAt),
                  formatMoney(order.total),
                ].join(' · ')}
              </Text.Body>
              <ReferralReward
                reward={referralRewards.data?.rewards.find((r) => r.orderId === order.orderId)}
              />
            </li>
          ))}
        </ul>
      </div>
    </Panel>
  );
}

/** What the friend's order earned the advocate: the question a friend asks about "the reward". */
function ReferralReward(props: { reward: PersonReward | undefined }) {
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

function RewardItem(props: { personKey: string; reward: PersonReward }) {
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
