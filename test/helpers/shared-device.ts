// Runs `ct-friendbuy sandbox shared-device` in-process against a test connector and returns what it printed:
// three friends order from one device, the fraud check holds the third, and the command names its case.
import { vi } from 'vitest';
import { createCliContext } from '../../src/cli/context.js';
import { sandboxSharedDeviceCommand } from '../../src/cli/sandbox-shared-device.js';
import type { TestConnector } from './connector.js';

export async function runSharedDeviceDemo(connector: Pick<TestConnector, 'config' | 'url'>): Promise<string> {
  const printed: string[] = [];
  const write = vi.spyOn(process.stdout, 'write').mockImplementation((chunk) => {
    printed.push(String(chunk));
    return true;
  });
  try {
    const code = await sandboxSharedDeviceCommand(createCliContext(connector.config), connector.url);
    if (code !== 0) throw new Error(`sandbox shared-device exited ${code}: ${printed.join('')}`);
  } finally {
    write.mockRestore();
  }
  return printed.join('');
}
