export type Role = 'OWNER' | 'MANAGER' | 'STAFF';

/** Who is calling: a signed-in person (session token) or an enrolled device (device token). */
export type Principal =
  | { kind: 'user'; tenantId: string; userId: string; role: Role; email: string }
  | {
      kind: 'device';
      tenantId: string;
      deviceId: string;
      deviceNumber: number;
      role: 'STAFF' | 'MANAGER';
      venueId: string | null;
      /** Revoked with handover allowed: may push its unsent documents, nothing else. */
      handingOver?: true;
    };

const RANK: Record<Role, number> = { STAFF: 0, MANAGER: 1, OWNER: 2 };

export function hasRole(p: Principal, needed: Role): boolean {
  return RANK[p.role] >= RANK[needed];
}
