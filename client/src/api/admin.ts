/** Calls of the administration view: sites, rooms, users and policy. */
import type { UserCreateInput, UserDto, UserListDto, UserUpdateInput } from '../../../shared/auth';
import type { RoomsBulkCreateInput, SiteCreateInput, SiteDto } from '../../../shared/dto';
import type { PolicyDocument } from '../../../shared/policy';
import { requestJson } from './http';

export function createSite(input: SiteCreateInput): Promise<SiteDto> {
  return requestJson<SiteDto>('/api/sites', { method: 'POST', body: input });
}

export function changeSiteStatus(siteId: number, action: 'activate' | 'suspend'): Promise<SiteDto> {
  return requestJson<SiteDto>(`/api/sites/${siteId}/${action}`, { method: 'POST', body: {} });
}

export function createRooms(
  siteId: number,
  input: RoomsBulkCreateInput,
): Promise<{ created: number }> {
  return requestJson<{ created: number }>(`/api/sites/${siteId}/rooms`, {
    method: 'POST',
    body: input,
  });
}

export async function fetchUsers(signal?: AbortSignal): Promise<UserDto[]> {
  return (await requestJson<UserListDto>('/api/users', { signal })).data;
}

export function createUser(input: UserCreateInput): Promise<UserDto> {
  return requestJson<UserDto>('/api/users', { method: 'POST', body: input });
}

export function updateUser(userId: number, input: UserUpdateInput): Promise<UserDto> {
  return requestJson<UserDto>(`/api/users/${userId}`, { method: 'PATCH', body: input });
}

export function setUserDisabled(userId: number, disabled: boolean): Promise<UserDto> {
  return requestJson<UserDto>(`/api/users/${userId}/${disabled ? 'disable' : 'enable'}`, {
    method: 'POST',
  });
}

export function fetchPolicy(signal?: AbortSignal): Promise<PolicyDocument> {
  return requestJson<PolicyDocument>('/api/policy', { signal });
}

export function savePolicy(policy: PolicyDocument): Promise<PolicyDocument> {
  return requestJson<PolicyDocument>('/api/policy', { method: 'PUT', body: policy });
}
