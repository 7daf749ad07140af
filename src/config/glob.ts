/**
 * A resource glob as a RegExp: `*` matches any run of characters (`/` and `:` included, as in IAM
 * resource ARNs), `?` one character; everything else is literal. Node 20's `path.matchesGlob` is
 * experimental and treats `/` as a separator, which ARNs are not.
 */
export function globToRegExp(glob: string): RegExp {
  const pattern = [...glob]
    .map((char) => (char === '*' ? '.*' : char === '?' ? '.' : char.replace(/[.+^${}()|[\]\\]/g, '\\$&')))
    .join('');
  return new RegExp(`^${pattern}$`, 's');
}
