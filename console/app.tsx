// Routes of the console under /console. Signed out, every address shows the sign-in page (and returns there
// after signing in); signed in, the home page is the one the operator's role uses most.
import { lazy, Suspense } from 'react';
import { Redirect, Route, Switch, useLocation } from 'react-router-dom';
import type { OperatorRole } from './api-types';
import { Layout } from './components/layout';
import { ErrorNotice, Loading } from './components/page';
import { PageErrorBoundary } from './components/page-error-boundary';
import { AuditScreen } from './screens/audit';
import { OnCallScreen } from './screens/on-call';
import { OperatorsScreen } from './screens/operators';
import { PersonScreen } from './screens/person';
import { ReviewCaseScreen } from './screens/review-case';
import { ReviewQueueScreen } from './screens/review-queue';
import { SearchScreen } from './screens/search';
import { SignInScreen } from './screens/sign-in';
import { SessionProvider, useSessionQuery } from './session';

// The dashboard brings the charting library, a quarter of the console's code: it loads when first opened.
const DashboardScreen = lazy(() =>
  import('./screens/dashboard').then((m) => ({ default: m.DashboardScreen })),
);

const HOME: Record<OperatorRole, string> = {
  viewer: '/dashboard',
  agent: '/search',
  reviewer: '/reviews',
  admin: '/reviews',
};

export function App() {
  const session = useSessionQuery();
  const location = useLocation();
  if (session.isPending) return <Loading what="the console" />;
  if (session.isError) return <ErrorNotice error={session.error} retry={() => void session.refetch()} />;
  if (!session.data) return <SignInScreen returnTo={location.pathname + location.search} />;
  const can = (permission: string) => session.data?.permissions.includes(permission as never) ?? false;
  return (
    <SessionProvider session={session.data}>
      <Layout>
        <PageErrorBoundary resetKey={location.pathname}>
          <Suspense fallback={<Loading what="the page" />}>
            <Switch>
              <Route exact path="/">
                <Redirect to={HOME[session.data.operator.role]} />
              </Route>
              <Route exact path="/sign-in">
                <Redirect to={HOME[session.data.operator.role]} />
              </Route>
              <Route exact path="/reviews" component={ReviewQueueScreen} />
              <Route path="/reviews/:id" component={ReviewCaseScreen} />
              <Route exact path="/search" component={SearchScreen} />
              <Route path="/people/:key" component={PersonScreen} />
              <Route path="/dashboard" component={DashboardScreen} />
              <Route path="/on-call" component={OnCallScreen} />
              <Route path="/audit" component={AuditScreen} />
              {can('manage-operators') ? <Route path="/operators" component={OperatorsScreen} /> : null}
              <Route>
                <Redirect to={HOME[session.data.operator.role]} />
              </Route>
            </Switch>
          </Suspense>
        </PageErrorBoundary>
      </Layout>
    </SessionProvider>
  );
}
