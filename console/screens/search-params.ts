// Filters live in the address (?signal=sameDevice), so a filtered view can be bookmarked and shared.
import { useHistory, useLocation } from 'react-router-dom';

export function useSearchParamState<K extends string>(
  names: readonly K[],
): [Record<K, string>, (name: K, value: string) => void] {
  const location = useLocation();
  const history = useHistory();
  const params = new URLSearchParams(location.search);
  const values = Object.fromEntries(names.map((name) => [name, params.get(name) ?? ''])) as Record<K, string>;
  const set = (name: K, value: string) => {
    const next = new URLSearchParams(location.search);
    if (value) next.set(name, value);
    else next.delete(name);
    history.replace({ pathname: location.pathname, search: next.toString() });
  };
  return [values, set];
}
