import * as assert from 'node:assert/strict';
import type { CloseAction, ErrorAction } from 'vscode-languageclient';
import { createServerErrorHandler } from '../../client/src/serverErrorHandler';

// The values of vscode-languageclient's enums (that module cannot load outside VS Code).
const actions = {
  restart: 2 as CloseAction,
  doNotRestart: 1 as CloseAction,
  continue: 1 as ErrorAction,
  shutdown: 2 as ErrorAction,
};

describe('client: crashed server handling', () => {
  function setup() {
    let time = 0;
    const restarted: string[] = [];
    const gaveUp: string[] = [];
    const handler = createServerErrorHandler({
      actions,
      onRestart: (message) => restarted.push(message),
      onGiveUp: (message) => gaveUp.push(message),
      now: () => time,
    });
    return {
      handler,
      restarted,
      gaveUp,
      advance: (ms: number) => (time += ms),
    };
  }

  it('restarts a crashed server and tells the user where the log is', async () => {
    const { handler, restarted, gaveUp } = setup();
    const result = await handler.closed();
    assert.equal(result.action, actions.restart);
    assert.equal(result.handled, true, 'our message replaces the default one');
    assert.equal(restarted.length, 1);
    assert.match(restarted[0] ?? '', /restarted/);
    assert.match(restarted[0] ?? '', /Output/);
    assert.deepEqual(gaveUp, []);
  });

  it('gives up after 4 restarts within 3 minutes, says so, and starts afresh later', async () => {
    const { handler, restarted, gaveUp, advance } = setup();
    for (let i = 0; i < 4; i++) {
      assert.equal((await handler.closed()).action, actions.restart);
      advance(10_000);
    }
    const fifth = await handler.closed();
    assert.equal(fifth.action, actions.doNotRestart);
    assert.equal(restarted.length, 4);
    assert.equal(gaveUp.length, 1);
    assert.match(gaveUp[0] ?? '', /will not be restarted/);
    assert.match(gaveUp[0] ?? '', /Restart Language Server/);
    // After a manual restart, a later crash is restarted again.
    advance(1000);
    assert.equal((await handler.closed()).action, actions.restart);
  });

  it('forgets crashes older than 3 minutes', async () => {
    const { handler, gaveUp, advance } = setup();
    for (let i = 0; i < 10; i++) {
      assert.equal((await handler.closed()).action, actions.restart);
      advance(61_000);
    }
    assert.deepEqual(gaveUp, []);
  });

  it('tolerates a few connection errors, then shuts the connection down', async () => {
    const { handler } = setup();
    assert.equal((await handler.error(new Error('x'), undefined, 1)).action, actions.continue);
    assert.equal((await handler.error(new Error('x'), undefined, 3)).action, actions.continue);
    assert.equal((await handler.error(new Error('x'), undefined, 4)).action, actions.shutdown);
  });
});
