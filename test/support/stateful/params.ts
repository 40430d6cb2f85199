/** Reading Query/EC2-protocol lists (`IpPermissions.1.IpRanges.2.CidrIp`) back into objects. */
export function members(params: URLSearchParams, prefix: string): URLSearchParams[] {
  const found = new Map<number, URLSearchParams>();
  for (const [key, value] of params) {
    const m = new RegExp(`^${prefix.replace(/\./g, '\\.')}\\.(\\d+)\\.(.+)$`).exec(key);
    if (!m) continue;
    const index = Number(m[1]);
    const sub = found.get(index) ?? new URLSearchParams();
    sub.append(m[2] ?? '', value);
    found.set(index, sub);
  }
  return [...found.entries()].sort(([a], [b]) => a - b).map(([, sub]) => sub);
}

export const xmlEscape = (text: string) => text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
