import type { CustomerTag, TagDefinition } from '@cellardoor/shared';
import { TagChips, TagHistory, TagPicker } from './GuestTags';

/** One guest's tags in the three places the guest page shows them: chips, the picker, the history. */
export function GuestTags(props: { customerId: string; tags: CustomerTag[]; defs: TagDefinition[]; staffId: string; staffName(id: string | null): string; part: 'chips' | 'picker' | 'history' }) {
  const active = props.tags.filter((t) => t.removedAt === null).sort((a, b) => a.addedAt.localeCompare(b.addedAt));
  if (props.part === 'chips') return <TagChips tags={active} defs={props.defs} staffId={props.staffId} />;
  if (props.part === 'picker') return <TagPicker customerId={props.customerId} active={active} defs={props.defs} staffId={props.staffId} />;
  const past = props.tags.filter((t) => t.removedAt !== null).sort((a, b) => (b.removedAt ?? '').localeCompare(a.removedAt ?? ''));
  return <TagHistory tags={past} defs={props.defs} staffName={props.staffName} />;
}
