// The dashboard's two tables: who brought the most referred orders, and how many codes each code bank has left.
import { designTokens } from '@commercetools-uikit/design-system';
import { ContentNotification } from '@commercetools-uikit/notifications';
import Text from '@commercetools-uikit/text';
import { css } from '@emotion/react';
import type { Dashboard } from '../api-types';
import { Panel } from '../components/page';
import { formatCount, formatMoney } from '../format';

export function TopAdvocates({ dashboard }: { dashboard: Dashboard }) {
  return (
    <Panel title="Top advocates">
      {dashboard.topAdvocates.length === 0 ? (
        <Text.Detail tone="secondary">No advocate brought a referred order in this period.</Text.Detail>
      ) : (
        <table css={table}>
          <thead>
            <tr>
              <th scope="col">Advocate</th>
              <th scope="col">Referred orders</th>
              <th scope="col">Revenue</th>
            </tr>
          </thead>
          <tbody>
            {dashboard.topAdvocates.map((row) => (
              <tr key={row.advocate.key}>
                <td>{row.advocate.displayName}</td>
                <td>{formatCount(row.referredOrders)}</td>
                <td>{row.revenue.map(formatMoney).join(' · ') || '—'}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </Panel>
  );
}

export function CodeStock({ dashboard }: { dashboard: Dashboard }) {
  return (
    <Panel title="Code stock">
      {dashboard.codeStock.length === 0 ? (
        <Text.Detail tone="secondary">No campaign draws codes from a code bank.</Text.Detail>
      ) : (
        <div css={css`display: grid; gap: ${designTokens.spacing20};`}>
          {dashboard.codeStock.some((s) => s.lowStock) ? (
            <ContentNotification type="warning">
              A code bank runs low: upload more codes (`npx ct-friendbuy codes import`) before friends get
              none.
            </ContentNotification>
          ) : null}
          <table css={table}>
            <thead>
              <tr>
                <th scope="col">Campaign</th>
                <th scope="col">Codes left</th>
                <th scope="col">Warn below</th>
              </tr>
            </thead>
            <tbody>
              {dashboard.codeStock.map((row) => (
                <tr key={row.campaignId}>
                  <td>{row.campaignId}</td>
                  <td
                    css={row.lowStock ? css`color: ${designTokens.colorError}; font-weight: 600;` : undefined}
                  >
                    {formatCount(row.available)}
                    {row.lowStock ? ' — low' : ''}
                  </td>
                  <td>{formatCount(row.threshold)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </Panel>
  );
}

const table = css`
  width: 100%;
  border-collapse: collapse;
  font-size: ${designTokens.fontSize30};
  th,
  td {
    text-align: left;
    padding: ${designTokens.spacing20} ${designTokens.spacing20};
    border-bottom: 1px solid ${designTokens.colorNeutral90};
    vertical-align: top;
  }
  th {
    color: ${designTokens.colorNeutral40};
    font-weight: 500;
  }
`;
