import { useParams } from 'react-router';
import { ConversationPane } from '../../features/inbox/components/conversation-pane.tsx';

/** `/inbox/:conversationId`: one conversation, fresh state for each (hence the key). */
export function InboxConversationRoute() {
  const { conversationId = '' } = useParams();
  return <ConversationPane key={conversationId} conversationId={conversationId} />;
}
