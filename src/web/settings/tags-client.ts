import { useQuery } from '@tanstack/react-query';
import { request, ws } from '../api/client.ts';
import { settingsKeys } from '../api/settings-queries.ts';

/** One tag of the workspace's managed list (src/api/routes/tags.routes.ts). */
export type Tag = {
  id: string;
  name: string;
  color: string | null;
  description: string | null;
  conversationCount: number;
};
export type TagInput = Pick<Tag, 'name' | 'color' | 'description'>;
type TagList = { items: Tag[]; unlisted: { name: string; conversationCount: number }[] };

const tags = (workspaceId: string) => `${ws(workspaceId)}/tags`;
const tag = (workspaceId: string, id: string) => `${tags(workspaceId)}/${encodeURIComponent(id)}`;

export const createTag = (workspaceId: string, input: TagInput) =>
  request<Tag>('POST', tags(workspaceId), input);
export const updateTag = (workspaceId: string, id: string, patch: Partial<TagInput>) =>
  request<Tag>('PATCH', tag(workspaceId, id), patch);
export const removeTag = (workspaceId: string, id: string) =>
  request<void>('DELETE', tag(workspaceId, id));

export const useTags = (workspaceId: string) =>
  useQuery({
    queryKey: [...settingsKeys.all(workspaceId), 'tags'],
    queryFn: () => request<TagList>('GET', tags(workspaceId)),
  });
