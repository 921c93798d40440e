// Signing in: one visible button per role in the sandbox, the merchant's identity provider, or an operator's
// email and password from the local operators file. Whichever the connector offers (GET /session/methods).

import { designTokens } from '@commercetools-uikit/design-system';
import { ContentNotification } from '@commercetools-uikit/notifications';
import PasswordInput from '@commercetools-uikit/password-input';
import PrimaryButton from '@commercetools-uikit/primary-button';
import Spacings from '@commercetools-uikit/spacings-stack';
import Text from '@commercetools-uikit/text';
import { css } from '@emotion/react';
import { useMutation } from '@tanstack/react-query';
import { type FormEvent, useState } from 'react';
import { postJson, withQuery } from '../api';
import type { OperatorRole, Session } from '../api-types';
import { Field, TextField } from '../components/field';
import { linkButton } from '../components/link-button';
import { ErrorNotice, QueryStatus } from '../components/page';
import { useSignedIn, useSignInMethods } from '../session';

const DEMO_ROLES: Record<OperatorRole, { label: string; does: string }> = {
  reviewer: { label: 'Fraud reviewer', does: 'decides held referrals in the review queue' },
  agent: { label: 'Customer service', does: 'finds customers and answers “where is my reward?”' },
  viewer: { label: 'Viewer', does: 'reads dashboards and queues; emails masked' },
  admin: { label: 'Admin', does: 'everything, including operators' },
};

export function SignInScreen(props: { returnTo: string }) {
  const methods = useSignInMethods();
  const signedIn = useSignedIn();
  const [email, setEmail] = useState('');
  const [password, setPassword] = useState('');
  const demo = useMutation({
    mutationFn: (role: OperatorRole) => postJson<Session>('/admin/api/session/sandbox', { role }),
    onSuccess: signedIn,
  });
  const local = useMutation({
    mutationFn: () => postJson<Session>('/admin/api/session/password', { email, password }),
    onSuccess: signedIn,
  });
  const submit = (event: FormEvent) => {
    event.preventDefault();
    local.mutate();
  };
  const returnTo = props.returnTo.startsWith('/sign-in') ? '/' : props.returnTo;

  return (
    <div
      css={css`
        min-height: 100vh;
        display: grid;
        place-items: center;
        background: linear-gradient(160deg, ${designTokens.colorPrimary10} 0%, ${designTokens.colorPrimary25} 100%);
        padding: ${designTokens.spacing50};
        box-sizing: border-box;
      `}
    >
      <main
        css={css`
          background: ${designTokens.colorSurface};
          border-radius: 12px;
          box-shadow: ${designTokens.shadow18};
          padding: ${designTokens.spacing55};
          width: min(540px, 100%);
          box-sizing: border-box;
        `}
      >
        <Spacings scale="l">
          <div>
            <Text.Headline as="h1">Referral program console</Text.Headline>
            <Text.Detail tone="secondary">
              Review queue, customer stories, dashboards and on-call tools.
            </Text.Detail>
          </div>
          <QueryStatus query={methods} what="sign-in options" />
          {demo.isError ? <ErrorNotice error={demo.error} doing="sign in" /> : null}
          {local.isError ? <ErrorNotice error={local.error} doing="sign in" /> : null}

          {methods.data?.sandbox ? (
            <section aria-labelledby="demo-heading">
              <Spacings scale="s">
                <Text.Subheadline as="h4" id="demo-heading">
                  Sandbox: sign in as a demo operator
                </Text.Subheadline>
                <ContentNotification type="info">
                  This connector runs in sandbox mode with emulated services. Pick a role to see what it can
                  do.
                </ContentNotification>
                {(Object.keys(DEMO_ROLES) as OperatorRole[])
                  .filter((role) => methods.data.sandbox?.roles.includes(role))
                  .map((role) => (
                    <div
                      key={role}
                      css={css`
                        display: grid;
                        grid-template-columns: 240px 1fr;
                        align-items: center;
                        gap: ${designTokens.spacing30};
                      `}
                    >
                      <PrimaryButton
                        label={`Sign in as ${DEMO_ROLES[role].label.toLowerCase()}`}
                        onClick={() => demo.mutate(role)}
                        isDisabled={demo.isPending}
                      />
                      <Text.Detail tone="secondary">{DEMO_ROLES[role].does}</Text.Detail>
                    </div>
                  ))}
              </Spacings>
            </section>
          ) : null}

          {methods.data?.oidc ? (
            <a
              href={withQuery(methods.data.oidc.startUrl, { returnTo: `/console${returnTo}` })}
              css={[linkButton, blockLink]}
            >
              {`Sign in with ${methods.data.oidc.label}`}
            </a>
          ) : null}

          {methods.data?.password ? (
            <form onSubmit={submit} aria-label="Sign in with email and password">
              <Spacings scale="m">
                <TextField
                  id="email"
                  label="Email"
                  type="email"
                  autoComplete="username"
                  value={email}
                  onChange={setEmail}
                />
                <Field id="password" label="Password">
                  <PasswordInput
                    id="password"
                    name="password"
                    autoComplete="current-password"
                    value={password}
                    onChange={(event) => setPassword(event.target.value)}
                    horizontalConstraint="scale"
                  />
                </Field>
                <PrimaryButton
                  type="submit"
                  label="Sign in"
                  isDisabled={!email || !password || local.isPending}
                />
              </Spacings>
            </form>
          ) : null}

          {methods.data && !methods.data.sandbox && !methods.data.oidc && !methods.data.password ? (
            <ContentNotification type="warning">
              No sign-in is configured. Set up an identity provider or a local operators file (see
              docs/console.md), then restart the connector.
            </ContentNotification>
          ) : null}
        </Spacings>
      </main>
    </div>
  );
}

// A navigation (the identity provider's page), so a link, as wide as the sign-in buttons.
const blockLink = css`
  display: block;
`;
