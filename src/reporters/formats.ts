/** Every report format, with the file name `--output-dir` gives it. */
export const FORMATS = {
  console: 'bulwark.txt',
  json: 'bulwark.json',
  html: 'bulwark.html',
  sarif: 'bulwark.sarif',
  ocsf: 'bulwark.ocsf.json',
  asff: 'bulwark.asff.json',
  csv: 'bulwark.csv',
  junit: 'bulwark.junit.xml',
  markdown: 'bulwark.md',
} as const;

export type Format = keyof typeof FORMATS;
export const FORMAT_NAMES = Object.keys(FORMATS) as Format[];

export function isFormat(value: string): value is Format {
  return Object.hasOwn(FORMATS, value);
}
