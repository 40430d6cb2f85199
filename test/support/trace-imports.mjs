import Module, { register } from 'node:module';
register('./import-tracer.mjs', import.meta.url);

// SDK client packages load through require (src/aws/sdk-modules.ts): report those too, as the
// application asks for them (not the SDK's own requires of its dependencies).
const original = Module.prototype.require;
Module.prototype.require = function (id) {
  if (id.startsWith('@aws-sdk/') && !this.filename?.includes('/node_modules/')) process.stderr.write(`imported ${id}\n`);
  return original.call(this, id);
};
