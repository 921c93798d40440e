// The signed-in frame: the navigation (only what the operator's role can use), who is signed in, sign-out.

import { designTokens } from '@commercetools-uikit/design-system';
import FlatButton from '@commercetools-uikit/flat-button';
import { css } from '@emotion/react';
import type { ReactNode } from 'react';
import { NavLink } from 'react-router-dom';
import type { Permission } from '../api-types';
import { useSession, useSignOut } from '../session';

interface Destination {
  to: string;
  label: string;
  needs: Permission;
}

const DESTINATIONS: Destination[] = [
  { to: '/reviews', label: 'Review queue', needs: 'read' },
  { to: '/search', label: 'Customers', needs: 'read' },
  { to: '/dashboard', label: 'Dashboard', needs: 'read' },
  { to: '/on-call', label: 'On call', needs: 'read' },
  { to: '/audit', label: 'Audit trail', needs: 'read' },
  { to: '/operators', label: 'Operators', needs: 'manage-operators' },
];

const ROLE_NAMES = {
  viewer: 'Viewer',
  agent: 'Customer service',
  reviewer: 'Fraud reviewer',
  admin: 'Admin',
};

export function Layout(props: { children: ReactNode }) {
  const session = useSession();
  const signOut = useSignOut();
  const allowed = DESTINATIONS.filter((d) => session.permissions.includes(d.needs));
  return (
    <div
      css={css`
        display: grid;
        grid-template-columns: 232px minmax(0, 1fr);
        min-height: 100vh;
        /* The navigation's colour runs the page's full height, however long the page. */
        background: linear-gradient(to right, ${designTokens.colorPrimary10} 232px, ${designTokens.colorNeutral95} 232px);
      `}
    >
      <a href="#main" css={skipLink}>
        Skip to content
      </a>
      <header
        css={css`
          background: ${designTokens.colorPrimary10};
          color: ${designTokens.colorSurface};
          display: flex;
          flex-direction: column;
          padding: ${designTokens.spacing40} 0;
          position: sticky;
          top: 0;
          height: 100vh;
          box-sizing: border-box;
        `}
      >
        <div
          css={css`
            padding: 0 ${designTokens.spacing40} ${designTokens.spacing40};
          `}
        >
          <div
            css={css`
              font-weight: 600;
              font-size: 1.05rem;
              letter-spacing: 0.01em;
            `}
          >
            Referral program
          </div>
          <div
            css={css`
              font-size: 0.8rem;
              opacity: 0.7;
            `}
          >
            Friendbuy × commercetools
          </div>
        </div>
        <nav aria-label="Console">
          <ul
            css={css`
              list-style: none;
              margin: 0;
              padding: 0;
            `}
          >
            {allowed.map((destination) => (
              <li key={destination.to}>
                <NavLink to={destination.to} css={navLink} activeClassName="active">
                  {destination.label}
                </NavLink>
              </li>
            ))}
          </ul>
        </nav>
        <div
          css={css`
            margin-top: auto;
            padding: ${designTokens.spacing40} ${designTokens.spacing40} 0;
            border-top: 1px solid rgba(255, 255, 255, 0.12);
            font-size: 0.85rem;
          `}
        >
          <div data-testid="signed-in-as">{session.operator.name}</div>
          <div
            css={css`
              opacity: 0.7;
              margin-bottom: ${designTokens.spacing20};
            `}
          >
            {ROLE_NAMES[session.operator.role]}
          </div>
          {session.operator.via === 'session' ? (
            <FlatButton tone="inverted" label="Sign out" onClick={() => void signOut()} />
          ) : null}
        </div>
      </header>
      <main
        id="main"
        tabIndex={-1}
        css={css`
          padding: ${designTokens.spacing50} ${designTokens.spacing55};
          max-width: 1440px;
          box-sizing: border-box;
          width: 100%;
          outline: none;
        `}
      >
        {props.children}
      </main>
    </div>
  );
}

const navLink = css`
  display: block;
  padding: ${designTokens.spacing25} ${designTokens.spacing40};
  color: rgba(255, 255, 255, 0.82);
  text-decoration: none;
  border-left: 3px solid transparent;
  &:hover {
    background: rgba(255, 255, 255, 0.06);
    color: #fff;
  }
  &:focus-visible {
    outline: 2px solid ${designTokens.colorPrimary40};
    outline-offset: -2px;
  }
  &.active {
    background: rgba(255, 255, 255, 0.1);
    border-left-color: ${designTokens.colorPrimary40};
    color: #fff;
    font-weight: 600;
  }
`;

const skipLink = css`
  position: absolute;
  left: -9999px;
  &:focus {
    left: ${designTokens.spacing30};
    top: ${designTokens.spacing30};
    z-index: 10;
    background: #fff;
    padding: ${designTokens.spacing20};
  }
`;

/** For screens that speak of the operator's own role in words. */
export function roleName(role: keyof typeof ROLE_NAMES): string {
  return ROLE_NAMES[role];
}
