// The campaigns to filter by, as the dashboard's filters name them: one request over an empty period (so nothing
// is aggregated), cached for the visit, and asked only once the page's own data is on screen.
import { useQuery } from '@tanstack/react-query';
import { getJson } from '../api';
import type { Dashboard } from '../api-types';
import type { Choice } from '../components/field';

function useDashboardFilters(enabled: boolean) {
  return useQuery({
    queryKey: ['dashboard-filters'],
    queryFn: async () => {
      const to = new Date();
      const from = new Date(to.getTime() - 1000);
      const period = { from: from.toISOString(), to: to.toISOString(), bucket: 'day' };
      return (await getJson<Dashboard>('/admin/api/dashboard', period)).filters;
    },
    staleTime: 10 * 60_000,
    enabled,
  });
}

/** A campaign as a filter choice: by its name, or its id when it has none. */
export function campaignChoicesOf(campaigns: Dashboard['filters']['campaigns'] = []): Choice[] {
  return campaigns.map((c) => ({ value: c.id, label: c.name || c.id }));
}

export function useCampaignChoices(enabled = true): Choice[] {
  return campaignChoicesOf(useDashboardFilters(enabled).data?.campaigns);
}
