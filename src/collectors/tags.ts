/** AWS's `[{ Key, Value }]` tag lists (EC2, IAM) as a plain map. */
export function tagMap(list: readonly { Key?: string | undefined; Value?: string | undefined }[] | undefined): Record<string, string> {
  return Object.fromEntries((list ?? []).flatMap((t) => (t.Key ? [[t.Key, t.Value ?? '']] : [])));
}
