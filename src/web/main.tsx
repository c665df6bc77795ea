// First: repairs an invalid navigator.language before any module (uPlot) reads it.
import './text/browser-locale.ts';
import { MutationCache, QueryCache, QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { ApiError } from './api/client.ts';
import { forgetSession, keys } from './api/queries.ts';
import { App } from './app/app.tsx';

// A 401 anywhere means the session ended (expired, logged out in another tab): show the login.
// two_factor_required means an owner now requires it: the session, fetched again, says so and
// the app shows the enrolment screen.
const onError = (error: Error) => {
  if (error instanceof ApiError && error.status === 401) forgetSession(queryClient);
  if (error instanceof ApiError && error.code === 'two_factor_required')
    void queryClient.invalidateQueries({ queryKey: keys.session });
};

const queryClient: QueryClient = new QueryClient({
  queryCache: new QueryCache({ onError }),
  mutationCache: new MutationCache({ onError }),
  defaultOptions: {
    queries: {
      staleTime: 15_000,
      retry: (failures, error) =>
        !(error instanceof ApiError && error.status < 500) && failures < 2,
    },
  },
});

const root = document.getElementById('root');
if (!root) throw new Error('index.html has no #root element');

createRoot(root).render(
  <StrictMode>
    <QueryClientProvider client={queryClient}>
      <App />
    </QueryClientProvider>
  </StrictMode>,
);
