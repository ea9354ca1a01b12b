import { createConnection, ProposedFeatures } from 'vscode-languageserver/node';
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
startServer(connection);
