/**
 * Sets the server's V8 flags (common/src/serverRuntime.ts). Imported first by main.ts, so that
 * the flags are set before any other module is evaluated.
 */
import { setFlagsFromString } from 'node:v8';
import { tuneV8ForServer } from '../../../common/src/serverRuntime';

tuneV8ForServer(setFlagsFromString);
