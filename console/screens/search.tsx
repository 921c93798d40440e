// Finding a customer: by email, commercetools customer id, order number or id, referral or coupon code, or a
// Friendbuy reward id. The server works out which it is; each result leads to the person's referral story.

import { designTokens } from '@commercetools-uikit/design-system';
import Link from '@commercetools-uikit/link';
import PrimaryButton from '@commercetools-uikit/primary-button';
import Stamp from '@commercetools-uikit/stamp';
import Text from '@commercetools-uikit/text';
import TextInput from '@commercetools-uikit/text-input';
import { css } from '@emotion/react';
import { useQuery } from '@tanstack/react-query';
import { type FormEvent, useState } from 'react';
import { getJson } from '../api';
import type { SearchKind, SearchResult } from '../api-types';
import { EmptyState, ErrorNotice, Loading, PageHeader, Panel } from '../components/page';
import { personPath } from '../paths';
import { useSearchParamState } from './search-params';

const KIND_NAMES: Record<SearchKind, string> = {
  person: 'Customer',
  order: 'Order',
  'referral-code': 'Referral code',
  coupon: 'Coupon',
  reward: 'Reward',
};

export function SearchScreen() {
  const [params, setParam] = useSearchParamState(['q']);
  const [text, setText] = useState(params.q);
  const q = params.q.trim();
  const results = useQuery({
    queryKey: ['search', q],
    queryFn: () => getJson<{ results: SearchResult[] }>('/admin/api/search', { q }),
    enabled: q.length > 0,
  });
  const submit = (event: FormEvent) => {
    event.preventDefault();
    setParam('q', text.trim());
  };
  return (
    <>
      <PageHeader
        title="Customers"
        subtitle="Answer “where is my reward?”: find the person, then read their referral story."
      />
      <form
        aria-label="Search customers"
        onSubmit={submit}
        css={css`display: flex; gap: ${designTokens.spacing30}; align-items: flex-end; margin-bottom: ${designTokens.spacing50}; max-width: 760px;`}
      >
        <div css={css`flex: 1;`}>
          <label
            htmlFor="search-q"
            css={css`display: block; color: ${designTokens.colorNeutral40}; font-size: ${designTokens.fontSize20}; margin-bottom: ${designTokens.spacing10};`}
          >
            Email, customer id, order number, referral or coupon code, reward id
          </label>
          <TextInput
            id="search-q"
            name="q"
            value={text}
            onChange={(event) => setText(event.target.value)}
            placeholder="e.g. anna@example.com or 1042"
            isAutofocussed
            horizontalConstraint="scale"
          />
        </div>
        <PrimaryButton type="submit" label="Search" isDisabled={!text.trim()} />
      </form>
      {!q ? (
        <EmptyState title="Search for a customer">
          Type what the customer gave you: their email, an order number, the code they shared or redeemed.
        </EmptyState>
      ) : null}
      {results.isFetching && !results.data ? <Loading what="results" /> : null}
      {results.isError ? (
        <ErrorNotice error={results.error} doing="search" retry={() => void results.refetch()} />
      ) : null}
      {results.data && results.data.results.length === 0 ? (
        <EmptyState title={`Nothing found for “${q}”`}>
          Check the spelling, or try another identifier: an order number or the coupon code often works when
          the email differs.
        </EmptyState>
      ) : null}
      {results.data && results.data.results.length > 0 ? (
        <Panel title={`${results.data.results.length} result${results.data.results.length === 1 ? '' : 's'}`}>
          <ul aria-label="Search results" css={resultList}>
            {results.data.results.map((result) => (
              <li key={`${result.kind}-${result.title}-${result.subtitle}`}>
                <div>
                  <Stamp tone="secondary" label={KIND_NAMES[result.kind] ?? result.kind} isCondensed />
                </div>
                <div>
                  {result.personKey ? (
                    <Link to={personPath(result.personKey)}>{result.title}</Link>
                  ) : (
                    <Text.Body>{result.title}</Text.Body>
                  )}
                  <Text.Detail tone="secondary">{result.subtitle}</Text.Detail>
                </div>
              </li>
            ))}
          </ul>
        </Panel>
      ) : null}
    </>
  );
}

const resultList = css`
  list-style: none;
  margin: 0;
  padding: 0;
  li {
    display: grid;
    grid-template-columns: 130px 1fr;
    gap: ${designTokens.spacing30};
    align-items: start;
    padding: ${designTokens.spacing30} 0;
    border-bottom: 1px solid ${designTokens.colorNeutral90};
  }
  li:last-child {
    border-bottom: none;
  }
`;
