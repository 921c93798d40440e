// The documentation a newcomer navigates: a short README that links every page under docs/, and no link in
// them pointing at a file or a heading that does not exist.
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { dirname, join, normalize } from 'node:path';
import { describe, expect, it } from 'vitest';

const root = normalize(join(import.meta.dirname, '..'));
const pages = ['README.md', ...readdirSync(join(root, 'docs')).map((name) => `docs/${name}`)].filter((path) =>
  path.endsWith('.md'),
);

/** GitHub's heading anchors: lowercase, punctuation dropped, spaces to hyphens. */
function anchorsOf(markdown: string): Set<string> {
  const anchors = new Set<string>();
  let fenced = false;
  for (const line of markdown.split('\n')) {
    if (line.startsWith('```')) fenced = !fenced;
    const heading = !fenced && /^#{1,6}\s+(.*)$/.exec(line);
    if (!heading) continue;
    anchors.add(
      heading[1]!
        .trim()
        .toLowerCase()
        .replace(/[^\p{L}\p{N}\s_-]/gu, '')
        .replace(/\s/g, '-'),
    );
  }
  return anchors;
}

function relativeLinksOf(markdown: string): string[] {
  const withoutCode = markdown.replace(/```[\s\S]*?```/g, '').replace(/`[^`\n]*`/g, '');
  return [...withoutCode.matchAll(/\]\(([^)\s]+)\)/g)]
    .map((match) => match[1]!)
    .filter((target) => !/^[a-z]+:/i.test(target));
}

describe('documentation', () => {
  it('keeps the README short enough to read in ten minutes', () => {
    expect(readFileSync(join(root, 'README.md')).length).toBeLessThan(15_000);
  });

  it('links every page under docs/ from the README', () => {
    const links = new Set(
      relativeLinksOf(readFileSync(join(root, 'README.md'), 'utf8')).map((l) => l.split('#')[0]),
    );
    const unlinked = pages.filter((page) => page.startsWith('docs/') && !links.has(page));
    expect(unlinked).toEqual([]);
  });

  it.each(pages)('%s links only to files and headings that exist', (page) => {
    const broken: string[] = [];
    for (const link of relativeLinksOf(readFileSync(join(root, page), 'utf8'))) {
      const [file, anchor] = link.split('#') as [string, string | undefined];
      const target = file ? normalize(join(dirname(join(root, page)), file)) : join(root, page);
      if (!existsSync(target)) {
        broken.push(link);
        continue;
      }
      if (anchor && target.endsWith('.md') && !anchorsOf(readFileSync(target, 'utf8')).has(anchor))
        broken.push(link);
    }
    expect(broken).toEqual([]);
  });
});
