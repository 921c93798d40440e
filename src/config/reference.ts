// The generated documentation: the configuration reference in docs/configuration.md (between its markers, the
// prose around them is hand-written) and the campaigns file's JSON Schema. `npm run docs:config` writes them; a
// test fails when the committed files differ.
import { campaignsJsonSchema } from '../campaigns/json-schema.js';
import type { AnyVariable } from './variable.js';
import { CONFIGURATION_GROUPS } from './variables.js';

export const REGENERATE = 'npm run docs:config';
const BEGIN = `<!-- generated from src/config/variables.ts by \`${REGENERATE}\`: edit there, not here -->`;
const END = '<!-- end of generated reference -->';

/** Each generated file's path (from the repository root) and content, given the committed configuration page. */
export function generatedDocs(configurationPage: string): Array<{ path: string; content: string }> {
  return [
    { path: 'docs/configuration.md', content: withReference(configurationPage, configurationReference()) },
    { path: 'docs/campaigns.schema.json', content: `${JSON.stringify(campaignsJsonSchema(), null, 2)}\n` },
  ];
}

export function configurationReference(): string {
  return CONFIGURATION_GROUPS.map(({ title, variables }) =>
    [
      `### ${title}`,
      '',
      '| variable | meaning | accepts | default |',
      '|---|---|---|---|',
      ...Object.entries(variables).map(([name, variable]) => row(name, variable)),
    ].join('\n'),
  ).join('\n\n');
}

function row(name: string, variable: AnyVariable): string {
  const cells = [
    `\`${name}\`${variable.secret ? ' (secret)' : ''}`,
    variable.doc,
    variable.parse.accepts,
    defaultOf(variable),
  ];
  return `| ${cells.map((cell) => cell.replaceAll('|', '\\|')).join(' | ')} |`;
}

function defaultOf(variable: AnyVariable): string {
  if (variable.defaultDoc) return variable.defaultDoc;
  const code = (value: string) => `\`${value}\``;
  const live = variable.liveDefault ?? variable.default;
  const sandbox = variable.sandboxDefault ?? variable.default;
  const unless = variable.liveRequiredUnless;
  const required = unless
    ? `required unless \`${unless.variable}\` is ${unless.is.map(code).join(' or ')}`
    : 'required';
  const inLive = variable.liveRequired ? required : live === undefined ? 'unset' : code(live);
  if (sandbox === live) return inLive;
  return `${inLive}; sandbox: ${sandbox === undefined ? 'unset' : code(sandbox)}`;
}

/** `page` with the text between the markers replaced by `reference`. */
function withReference(page: string, reference: string): string {
  const begin = page.indexOf(BEGIN);
  const end = page.indexOf(END);
  if (begin < 0 || end < begin)
    throw new Error(`docs/configuration.md lost its markers:\n${BEGIN}\n…\n${END}`);
  return `${page.slice(0, begin)}${BEGIN}\n\n${reference}\n\n${page.slice(end)}`;
}
