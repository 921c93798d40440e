// Admins only: who can sign in to the console, with which role and from where, and signing someone out.
import DataTable from '@commercetools-uikit/data-table';
import SecondaryButton from '@commercetools-uikit/secondary-button';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { deleteJson, getJson } from '../api';
import type { OperatorRow } from '../api-types';
import { roleName } from '../components/layout';
import { EmptyState, ErrorNotice, PageHeader, QueryStatus } from '../components/page';
import { formatDateTime } from '../format';

const SOURCES = { oidc: 'Identity provider', local: 'Operators file', sandbox: 'Sandbox demo' };

export function OperatorsScreen() {
  const client = useQueryClient();
  const operators = useQuery({
    queryKey: ['operators'],
    queryFn: () => getJson<{ operators: OperatorRow[] }>('/admin/api/operators'),
  });
  const signOut = useMutation({
    mutationFn: (id: string) => deleteJson(`/admin/api/operators/${encodeURIComponent(id)}/sessions`),
    onSuccess: () => client.invalidateQueries({ queryKey: ['operators'] }),
  });
  const rows = operators.data?.operators ?? [];
  return (
    <>
      <PageHeader
        title="Operators"
        subtitle="Roles come from the identity provider’s claim or the operators file; see docs/console.md."
      />
      <QueryStatus query={operators} what="operators" />
      {signOut.isError ? <ErrorNotice error={signOut.error} doing="sign the operator out" /> : null}
      {operators.isSuccess && rows.length === 0 ? (
        <EmptyState title="Nobody has signed in yet">
          Operators appear here after their first sign-in.
        </EmptyState>
      ) : null}
      {rows.length > 0 ? (
        <DataTable
          rows={rows}
          columns={[
            { key: 'name', label: 'Name' },
            { key: 'role', label: 'Role', renderItem: (row) => roleName(row.role) },
            { key: 'source', label: 'Signs in with', renderItem: (row) => SOURCES[row.source] ?? row.source },
            {
              key: 'lastSignedInAt',
              label: 'Last sign-in',
              renderItem: (row) => formatDateTime(row.lastSignedInAt),
            },
            { key: 'activeSessions', label: 'Active sessions', align: 'right' },
            {
              key: 'signOut',
              label: 'Sessions',
              renderItem: (row) => (
                <SecondaryButton
                  label="Sign out everywhere"
                  aria-label={`Sign ${row.name} out everywhere`}
                  isDisabled={row.activeSessions === 0 || signOut.isPending}
                  onClick={() => signOut.mutate(row.id)}
                />
              ),
            },
          ]}
        />
      ) : null}
    </>
  );
}
