import type { InboxRow } from '@/lib/domain/inboxes';
import type { Role } from '@/lib/generated/prisma/enums';
import { CHANNEL_LABEL } from '@/lib/format';
import { Card } from '@/components/ui/controls';
import { CopyId } from '@/components/ui/copy-id';
import { InboxToggles } from './inbox-toggles';
import { InboxCollaborators } from './inbox-collaborators';

/** One inbox: its switches, then its collaborators in round-robin order. */
export function InboxCard({ inbox, candidates }: { inbox: InboxRow; candidates: { id: string; name: string; role: Role }[] }) {
  return (
    <Card
      title={inbox.name}
      action={
        <span className="text-xs text-slate-500">
          {CHANNEL_LABEL[inbox.channel]}
          {inbox.isDefault ? ' · default inbox' : ''}
        </span>
      }
    >
      <InboxToggles inboxId={inbox.id} inboxName={inbox.name} autoAssign={inbox.autoAssign} reassignOnOffline={inbox.reassignOnOffline} />
      <InboxCollaborators inbox={inbox} candidates={candidates} />
      {/* The API's inboxId (creating conversations, the routes' "Conversation inbox" condition). */}
      <div className="mt-3 border-t border-slate-100 pt-2">
        <CopyId id={inbox.id} label="Inbox ID" testId="inbox-id" />
      </div>
    </Card>
  );
}
