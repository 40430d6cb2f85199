// Loader hooks for tests: report every @aws-sdk package the process imports, on stderr.
export async function resolve(specifier, context, next) {
  if (specifier.startsWith('@aws-sdk/')) process.stderr.write(`imported ${specifier}\n`);
  return next(specifier, context);
}
