import type { CommunicationPreferences, Customer } from '@cellardoor/shared';
import { useApp } from '../app/context';
import { formatDateTime } from '../ui/format';
import { changeConsent, type ConsentEdit } from './guest-actions';

const SOURCE_WORDS: Record<CommunicationPreferences['consentSource'], string> = {
  CHECK_IN: 'at check-in',
  CHECKOUT: 'at checkout',
  GUEST_PAGE: 'on the guest page',
  IMPORT: 'by import',
  WEB: 'on the web',
  MANAGER: 'by a manager',
};

/** Marketing consent as the guest gave it; every change records when, where and who asked. */
export function ConsentCard({ guest, prefs, staffId, staffName }: { guest: Customer; prefs: CommunicationPreferences | null; staffId: string; staffName(id: string): string }) {
  const app = useApp();
  const now: ConsentEdit = {
    emailOptIn: prefs?.emailOptIn ?? guest.emailOptIn,
    smsOptIn: prefs?.smsOptIn ?? guest.smsOptIn,
    postOptIn: prefs?.postOptIn ?? false,
    doNotContact: prefs?.doNotContact ?? false,
    frequency: prefs?.frequency ?? 'ANY',
  };
  const change = (patch: Partial<ConsentEdit>) => void changeConsent(app, guest, prefs, { ...now, ...patch }, staffId);
  const box = (k: 'emailOptIn' | 'smsOptIn' | 'postOptIn' | 'doNotContact', label: string, disabled = false) => (
    <label className="check">
      <input type="checkbox" checked={now[k]} disabled={disabled} onChange={(e) => change({ [k]: e.target.checked })} />
      {label}
    </label>
  );
  return (
    <div className="stack" data-testid="consent">
      {box('emailOptIn', 'Emails', !guest.email || now.doNotContact)}
      {box('smsOptIn', 'Text messages', !guest.phone || now.doNotContact)}
      {box('postOptIn', 'Post', now.doNotContact)}
      {box('doNotContact', 'Do not contact at all')}
      <p className="hint">
        {prefs ? `Recorded ${SOURCE_WORDS[prefs.consentSource]} on ${formatDateTime(prefs.consentCapturedAt)} by ${staffName(prefs.capturedBy)}.` : 'No consent recorded yet.'}
      </p>
    </div>
  );
}
