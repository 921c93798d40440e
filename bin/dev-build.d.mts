/** See dev-build.mjs: the compiled copy of `roots` (default `['src']`), as its folder's URL. */
export function devBuild(roots?: string[]): Promise<URL>;
