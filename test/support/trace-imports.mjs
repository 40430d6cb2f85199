import { register } from 'node:module';
register('./import-tracer.mjs', import.meta.url);
