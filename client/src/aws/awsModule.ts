/**
 * The client's one way to the AWS boundary (common/src/aws): dist/aws.js, required on the first
 * AWS command or look-up, so that activation never loads the SDK; and the AWS settings as the
 * user set them. Deploy, preview, pull and the account look-ups all come through here.
 */

import * as path from 'node:path';
import * as vscode from 'vscode';
import type * as AwsModuleNs from '../../../common/src/aws';
import { SETTINGS, SETTINGS_SECTION } from '../../../common/src/protocol';

export type AwsModule = typeof AwsModuleNs;

let loaded: AwsModule | undefined;

/** The AWS boundary, from the extension's dist/aws.js (loaded once). */
export function loadAws(extensionPath: string): AwsModule {
  if (!loaded) {
    const file = path.join(extensionPath, 'dist', 'aws.js');
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    loaded = require(file) as AwsModule;
  }
  return loaded;
}

/** The profile, region and endpoint settings (machine-scoped; ignored in Restricted Mode). */
export function awsSettings(): { profile?: string; region?: string; endpointUrl?: string } {
  const config = vscode.workspace.getConfiguration(SETTINGS_SECTION);
  return {
    profile: config.get<string>(SETTINGS.awsProfile),
    region: config.get<string>(SETTINGS.awsRegion),
    endpointUrl: config.get<string>(SETTINGS.awsEndpointUrl),
  };
}
