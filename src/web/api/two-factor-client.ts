import { request, ws } from './client.ts';
import type { TwoFactorSetup, TwoFactorStatus } from '../../api/contract.ts';

/** Two-factor sign-in of your own account, and the owner's workspace setting (issue 17). */

export const fetchTwoFactorStatus = () => request<TwoFactorStatus>('GET', '/auth/two-factor');
export const startTwoFactorSetup = () => request<TwoFactorSetup>('POST', '/auth/two-factor/setup');
export const enableTwoFactor = (code: string) =>
  request<{ recoveryCodes: string[] }>('POST', '/auth/two-factor/enable', { code });
export const disableTwoFactor = (proof: { password: string } | { code: string }) =>
  request<void>('POST', '/auth/two-factor/disable', proof);
export const setTwoFactorRequirement = (workspaceId: string, required: boolean) =>
  request<{ required: boolean }>('PUT', `${ws(workspaceId)}/two-factor-requirement`, {
    required,
  });
