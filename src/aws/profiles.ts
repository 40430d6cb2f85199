/** The named profiles of the shared AWS files, so a mistyped --profile is named as such. */
import { readFile } from 'node:fs/promises';
import { homedir } from 'node:os';
import { join } from 'node:path';

export interface SharedFiles {
  readonly config: string;
  readonly credentials: string;
}

/** Where the SDK looks: AWS_CONFIG_FILE and AWS_SHARED_CREDENTIALS_FILE, else ~/.aws/. */
export function sharedFiles(env: NodeJS.ProcessEnv): SharedFiles {
  return {
    config: env.AWS_CONFIG_FILE || join(homedir(), '.aws', 'config'),
    credentials: env.AWS_SHARED_CREDENTIALS_FILE || join(homedir(), '.aws', 'credentials'),
  };
}

/** Profile names in both files (`[profile x]` and `[default]` in config, `[x]` in credentials), sorted. */
export async function listProfiles(files: SharedFiles): Promise<string[]> {
  const read = (path: string) => readFile(path, 'utf8').catch(() => '');
  const [config, credentials] = await Promise.all([read(files.config), read(files.credentials)]);
  const names = new Set<string>();
  for (const [, section] of config.matchAll(/^\s*\[\s*([^\]]+?)\s*\]/gm)) {
    if (section === 'default') names.add('default');
    else if (section!.startsWith('profile ')) names.add(section!.slice('profile '.length).trim());
  }
  for (const [, section] of credentials.matchAll(/^\s*\[\s*([^\]]+?)\s*\]/gm)) names.add(section!);
  return [...names].sort();
}
