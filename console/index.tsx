// The operator console's entry: providers (styles under the page's CSP nonce, the UI Kit's theme and messages,
// the data cache, the router under /console), then the app.

import { ThemeProvider } from '@commercetools-uikit/design-system';
import createCache from '@emotion/cache';
import { CacheProvider } from '@emotion/react';
import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { IntlProvider } from 'react-intl';
import { BrowserRouter } from 'react-router-dom';
import { ApiError } from './api';
import { App } from './app';

// The page's Content-Security-Policy allows only styles carrying this request's nonce; the script tag has it
// (as a property: browsers hide the attribute's value from the page).
const nonce = document.querySelector<HTMLScriptElement>('script[nonce]')?.nonce || undefined;
const styles = createCache({ key: 'console', nonce });

const queries = new QueryClient({
  defaultOptions: {
    queries: {
      // A refusal will not change by asking again; a dropped connection might.
      retry: (failures, error) => failures < 2 && !(error instanceof ApiError && error.status > 0),
      refetchOnWindowFocus: false,
      staleTime: 15_000,
    },
  },
});

function mount(): void {
  const root = document.getElementById('console');
  if (!root) return;
  createRoot(root).render(
    <StrictMode>
      <CacheProvider value={styles}>
        <ThemeProvider />
        <IntlProvider locale="en" defaultLocale="en">
          <QueryClientProvider client={queries}>
            <BrowserRouter basename="/console">
              <App />
            </BrowserRouter>
          </QueryClientProvider>
        </IntlProvider>
      </CacheProvider>
    </StrictMode>,
  );
}

if (document.readyState === 'loading') document.addEventListener('DOMContentLoaded', mount);
else mount();
