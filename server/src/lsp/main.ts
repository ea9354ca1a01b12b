// First: V8 flags read when code is compiled apply only to what is compiled after them.
import './tuneV8';
import { createConnection, ProposedFeatures } from 'vscode-languageserver/node';
import {
  TEST_CRASH_EXIT_CODE,
  TEST_CRASH_NOTIFICATION,
  TEST_HOOKS_ENV,
} from '../../../common/src/protocol';
import { startServer } from './server';

// Transport (--stdio, --node-ipc, --socket=N) is chosen from the command line by createConnection.
const connection = createConnection(ProposedFeatures.all);
console.log = connection.console.log.bind(connection.console);
console.error = connection.console.error.bind(connection.console);
process.on('uncaughtException', (error) =>
  connection.console.error(`Uncaught: ${error.stack ?? String(error)}`),
);
process.on('unhandledRejection', (reason) =>
  connection.console.error(`Unhandled rejection: ${String(reason)}`),
);
if (process.env[TEST_HOOKS_ENV] === '1') {
  // Test hook (see common/src/protocol.ts): lets tests crash the server on purpose.
  connection.onNotification(TEST_CRASH_NOTIFICATION, () => process.exit(TEST_CRASH_EXIT_CODE));
}
startServer(connection);
