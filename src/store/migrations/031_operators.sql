-- The operator console's sign-in. Operators are the people who signed in at least once (the operators file or
-- the identity provider is where they are defined); a session is found by the SHA-256 of its cookie's token,
-- never by the token itself, so a copy of this table signs no one in.
CREATE TABLE console_operators (
  id text PRIMARY KEY,
  name text NOT NULL,
  role text NOT NULL CHECK (role IN ('viewer', 'agent', 'reviewer', 'admin')),
  source text NOT NULL CHECK (source IN ('oidc', 'local', 'sandbox')),
  last_signed_in_at timestamptz NOT NULL
);

CREATE TABLE console_sessions (
  token_hash bytea PRIMARY KEY,
  operator_id text NOT NULL REFERENCES console_operators (id),
  operator_name text NOT NULL,
  -- The role at sign-in: a role changed at the identity provider or in the file applies from the next sign-in.
  role text NOT NULL CHECK (role IN ('viewer', 'agent', 'reviewer', 'admin')),
  created_at timestamptz NOT NULL,
  last_seen_at timestamptz NOT NULL,
  -- The absolute end (CONSOLE_SESSION_TTL); the idle end is last_seen_at + CONSOLE_SESSION_IDLE.
  expires_at timestamptz NOT NULL
);
CREATE INDEX console_sessions_operator ON console_sessions (operator_id);
CREATE INDEX console_sessions_expires ON console_sessions (expires_at);

-- OpenID Connect sign-ins under way: state, nonce and PKCE verifier, found by the SHA-256 of the short-lived
-- cookie of the browser that started it, so a callback completes only in that browser.
CREATE TABLE console_sign_in_flows (
  browser_hash bytea PRIMARY KEY,
  state text NOT NULL,
  nonce text NOT NULL,
  code_verifier text NOT NULL,
  return_to text NOT NULL,
  expires_at timestamptz NOT NULL
);
