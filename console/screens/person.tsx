// A person's referral story: what they shared and whom they brought, who brought them, each reward's state with
// its history and any hold, the codes issued and redeemed. Agents can issue a reward's coupon again.
import DataTable from '@commercetools-uikit/data-table';
import { designTokens } from '@commercetools-uikit/design-system';
import Link from '@commercetools-uikit/link';
import Text from '@commercetools-uikit/text';
import { css } from '@emotion/react';
import { useQuery } from '@tanstack/react-query';
import { useParams } from 'react-router-dom';
import { getJson } from '../api';
import type { PersonStory } from '../api-types';
import { EmptyState, Facts, grid, PageHeader, Panel, QueryStatus, stack } from '../components/page';
import { formatCount, formatDateTime, formatMoney, humanize } from '../format';
import { personKeyOf, personPath } from '../paths';
import { ReferralReward, RewardItem } from './person-rewards';

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
  if (!story.isSuccess) return <QueryStatus query={story} what="the referral story" />;
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
      <div css={stack}>
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
      <div css={stack}>
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
