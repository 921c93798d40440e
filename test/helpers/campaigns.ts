// A sandbox connector running a campaign file of the test's own (CONNECTOR_CAMPAIGNS_FILE), written to a
// temporary folder that closing the connector removes.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startTestConnector, type TestConnector } from './connector.js';

export async function startConnectorWithCampaigns(
  campaigns: object,
  env: Record<string, string> = {},
): Promise<TestConnector> {
  const dir = mkdtempSync(join(tmpdir(), 'ctfb-campaigns-'));
  const removeDir = () => rmSync(dir, { recursive: true, force: true });
  const file = join(dir, 'campaigns.json');
  writeFileSync(file, JSON.stringify(campaigns));
  try {
    const connector = await startTestConnector({ ...env, CONNECTOR_CAMPAIGNS_FILE: file });
    return {
      ...connector,
      async close() {
        await connector.close();
        removeDir();
      },
    };
  } catch (error) {
    removeDir();
    throw error;
  }
}
