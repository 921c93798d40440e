// A labelled form control: the label names the control for screen readers and for tests (by role and name).

import { designTokens } from '@commercetools-uikit/design-system';
import SelectInput from '@commercetools-uikit/select-input';
import TextInput from '@commercetools-uikit/text-input';
import { css } from '@emotion/react';
import type { ReactNode } from 'react';

const labelStyle = css`
  display: block;
  font-size: ${designTokens.fontSize20};
  color: ${designTokens.colorNeutral40};
  margin-bottom: ${designTokens.spacing10};
`;

export function Field(props: { id: string; label: string; children: ReactNode; width?: string }) {
  return (
    <div
      css={css`
        width: ${props.width ?? '180px'};
        max-width: 100%;
      `}
    >
      <label htmlFor={props.id} css={labelStyle}>
        {props.label}
      </label>
      {props.children}
    </div>
  );
}

export function TextField(props: {
  id: string;
  label: string;
  value: string;
  onChange: (value: string) => void;
  placeholder?: string;
  type?: string;
  width?: string;
  autoComplete?: string;
}) {
  return (
    <Field id={props.id} label={props.label} width={props.width}>
      <TextInput
        id={props.id}
        name={props.id}
        value={props.value}
        placeholder={props.placeholder}
        autoComplete={props.autoComplete}
        onChange={(event) => props.onChange(event.target.value)}
        horizontalConstraint="scale"
      />
    </Field>
  );
}

export interface Choice {
  value: string;
  label: string;
}

export function SelectField(props: {
  id: string;
  label: string;
  value: string;
  options: Choice[];
  onChange: (value: string) => void;
  width?: string;
}) {
  return (
    <Field id={props.id} label={props.label} width={props.width}>
      <SelectInput
        id={props.id}
        name={props.id}
        aria-label={props.label}
        value={props.value}
        options={props.options}
        onChange={(event) => props.onChange(String(event.target.value ?? ''))}
        horizontalConstraint="scale"
        isSearchable={props.options.length > 8}
      />
    </Field>
  );
}

/** A row of filters that wraps on narrow screens. */
export function FilterBar(props: { children: ReactNode; label: string }) {
  return (
    <fieldset
      aria-label={props.label}
      css={css`
        border: 0;
        padding: 0;
        min-width: 0;
        display: flex;
        flex-wrap: wrap;
        gap: ${designTokens.spacing30};
        align-items: flex-end;
        margin-bottom: ${designTokens.spacing40};
      `}
    >
      {props.children}
    </fieldset>
  );
}
