// The campaigns to filter by, as the dashboard's filters name them (one small request, cached for the visit).
import { useQuery } from '@tanstack/react-query';
import { getJson } from '../api';
import type { Dashboard } from '../api-types';
import type { Choice } from '../components/field';

export function useDashboardFilters() {
  return useQuery({
    queryKey: ['dashboard-filters'],
    queryFn: async () => (await getJson<Dashboard>('/admin/api/dashboard', { bucket: 'week' })).filters,
    staleTime: 10 * 60_000,
  });
}

export function useCampaignChoices(): Choice[] {
  const filters = useDashboardFilters();
  return (filters.data?.campaigns ?? []).map((c) => ({ value: c.id, label: c.name || c.id }));
}
