import { useApp } from '../app/context';
import { useStaffSession } from '../staff/session-store';

export const isManagerRole = (role: string | undefined) => role === 'MANAGER' || role === 'OWNER';

/** Setup is for managers; changes need a tablet enrolled as a manager's, or the server refuses them. */
export function useSetupAccess(): { isManager: boolean; canEdit: boolean; staffId: string; role: 'OWNER' | 'MANAGER' | 'STAFF' } {
  const staff = useStaffSession((s) => s.staff);
  const { credentials } = useApp();
  const isManager = isManagerRole(staff?.role);
  return { isManager, canEdit: isManager && credentials.role === 'MANAGER', staffId: staff?.id ?? 'unknown', role: staff?.role ?? 'STAFF' };
}
