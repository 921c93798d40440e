// A link that looks like the kit's secondary button: for what is a navigation or a download (the identity
// provider's page, the CSV export), which must stay a link for the browser and screen readers.
import { designTokens } from '@commercetools-uikit/design-system';
import { css } from '@emotion/react';

export const linkButton = css`
  display: inline-block;
  text-align: center;
  padding: ${designTokens.spacing25} ${designTokens.spacing40};
  border: 1px solid ${designTokens.colorNeutral60};
  border-radius: ${designTokens.borderRadius4};
  color: ${designTokens.colorSolid};
  background: ${designTokens.colorSurface};
  text-decoration: none;
  font-weight: 500;
  &:hover {
    background: ${designTokens.colorNeutral95};
  }
  &:focus-visible {
    outline: 2px solid ${designTokens.colorPrimary};
    outline-offset: 2px;
  }
`;
