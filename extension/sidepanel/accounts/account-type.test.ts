import { describe, expect, it } from 'vitest';
import { accountTypeWords } from './account-type';

describe('accountTypeWords', () => {
  it("names the type and Google's limit for it", () => {
    expect(accountTypeWords('workspace')).toBe('Google Workspace: Google allows about 2,000 messages a day');
    expect(accountTypeWords('workspace_trial')).toBe('Google Workspace, trial: Google allows about 500 messages a day');
  });
});
