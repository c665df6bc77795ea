import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { conv, request, ws } from '../api/client.ts';
import { keys } from '../api/queries.ts';

export type CustomerContact = {
  id: string;
  displayName: string;
  linked: boolean;
  identities: Array<{
    network: string;
    handle: string;
    displayName: string | null;
    url: string | null;
  }>;
};

export type CustomerConversation = {
  id: string;
  network: string;
  status: string;
  preview: string;
  contactId: string;
  brand: { id: string; name: string };
  lastMessageAt: string;
  createdAt: string;
};

type CustomerHistory = {
  contacts: CustomerContact[];
  conversations: CustomerConversation[];
};

const historyKey = (workspaceId: string, conversationId: string) =>
  [...keys.conversations(workspaceId), 'customer-history', conversationId] as const;

export const useCustomerHistory = (workspaceId: string, conversationId: string) =>
  useQuery({
    queryKey: historyKey(workspaceId, conversationId),
    queryFn: () =>
      request<CustomerHistory>('GET', `${conv(workspaceId, conversationId)}/customer-history`),
  });

export const useContactSearch = (workspaceId: string, text: string) =>
  useQuery({
    queryKey: ['contacts', workspaceId, text],
    queryFn: () =>
      request<{ items: CustomerContact[] }>(
        'GET',
        `${ws(workspaceId)}/contacts?q=${encodeURIComponent(text)}`,
      ),
    enabled: text.trim().length > 0,
  });

const samePerson = (workspaceId: string, contactId: string) =>
  `${ws(workspaceId)}/contacts/${encodeURIComponent(contactId)}/same-person`;

/** Linking two contacts as one person, and undoing it; both refresh every customer history. */
export function useSamePersonActions(workspaceId: string) {
  const queryClient = useQueryClient();
  const onSuccess = () =>
    void queryClient.invalidateQueries({ queryKey: keys.conversations(workspaceId) });
  return {
    link: useMutation({
      mutationFn: (input: { contactId: string; sameAsContactId: string }) =>
        request<{ contacts: CustomerContact[] }>('POST', samePerson(workspaceId, input.contactId), {
          contactId: input.sameAsContactId,
        }),
      onSuccess,
    }),
    unlink: useMutation({
      mutationFn: (contactId: string) =>
        request<{ contacts: CustomerContact[] }>('DELETE', samePerson(workspaceId, contactId)),
      onSuccess,
    }),
  };
}
