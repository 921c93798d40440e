// One configuration variable as data: how it parses, its defaults per mode, whether it is secret, and one line of
// documentation. The loader reads them all in table order and the configuration reference is printed from them.
import type { Parser } from './parsers.js';

export type Mode = 'sandbox' | 'live';
export type Env = Record<string, string | undefined>;

interface Spec<T> {
  /** One line for the configuration reference (Markdown). */
  doc: string;
  parse: Parser<T>;
  /** The raw value used when the variable is unset, in both modes unless a mode has its own. */
  default?: string;
  liveDefault?: string;
  sandboxDefault?: string;
  /** The reference's wording of the default, where the raw value says less than words. */
  defaultDoc?: string;
  /** Unset in live mode is a problem (the sandbox has a default). */
  liveRequired?: boolean;
  /** …except while another variable has one of these values (read raw, before parsing). */
  liveRequiredUnless?: { variable: string; is: readonly string[] };
  /** Setting it means the merchant runs against real services: the mode is live unless CONNECTOR_MODE says. */
  liveSignal?: boolean;
  /** A credential: marked in the reference, never echoed in a problem. */
  secret?: boolean;
}

/** `Value` is `T` when every successful load has a value, else `T | undefined`. */
export interface Variable<T, Value> extends Spec<T> {
  /** Type only: what a successful load yields (never set). */
  readonly loaded?: () => Value;
}

/** A credential: required live, a fixed value in the sandbox (the type keeps both, for `SANDBOX_DEFAULTS`). */
type Credential = { liveRequired: true; sandboxDefault: string };
type AlwaysSet = { default: string } | { liveDefault: string; sandboxDefault: string };

export function variable<T>(
  spec: Spec<T> & Credential & { liveRequiredUnless: NonNullable<Spec<T>['liveRequiredUnless']> },
): Variable<T, T | undefined> & Credential;
export function variable<T>(spec: Spec<T> & Credential): Variable<T, T> & Credential;
export function variable<T>(spec: Spec<T> & AlwaysSet): Variable<T, T>;
export function variable<T>(spec: Spec<T>): Variable<T, T | undefined>;
export function variable<T>(spec: Spec<T>): Variable<T, T | undefined> {
  return spec;
}

// biome-ignore lint/suspicious/noExplicitAny: any variable, whatever it parses to
export type AnyVariable = Variable<any, unknown>;
export type Variables = Record<string, AnyVariable>;
export type ValuesOf<V extends Variables> = {
  [K in keyof V]: V[K] extends { loaded?: () => infer Value } ? Value : never;
};

export function defaultFor(variable: AnyVariable, mode: Mode): string | undefined {
  return (mode === 'sandbox' ? variable.sandboxDefault : variable.liveDefault) ?? variable.default;
}

/**
 * Parses `variables` from `env` in table order; every problem is collected in `problems`, prefixed with the
 * variable's name. Values are trimmed and an empty value counts as unset.
 */
export function readVariables<V extends Variables>(
  variables: V,
  env: Env,
  mode: Mode,
  problems: string[],
  defaults: Env = {},
): ValuesOf<V> {
  const values: Record<string, unknown> = {};
  for (const [name, variable] of Object.entries(variables)) {
    const raw = env[name]?.trim() || defaults[name] || defaultFor(variable, mode);
    if (raw === undefined) {
      const unless = variable.liveRequiredUnless;
      const excused = unless?.is.includes(env[unless.variable]?.trim() || defaults[unless.variable] || '');
      if (mode === 'live' && variable.liveRequired && !excused)
        problems.push(
          `${name} is required in live mode${unless ? ` unless ${unless.variable} is ${unless.is.join(' or ')}` : ''}`,
        );
      continue;
    }
    const parsed = variable.parse.parse(raw);
    if ('problem' in parsed) problems.push(`${name} ${parsed.problem}`);
    else values[name] = parsed.value;
  }
  return values as ValuesOf<V>;
}
