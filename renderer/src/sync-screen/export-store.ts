import { create } from 'zustand';

/** Whether a manager exported this tablet's unsent documents, and how many, in this session. */
export const useUnsentExport = create<{ exportedAt: string | null; count: number; where: string | null; done(count: number, where: string): void }>((set) => ({
  exportedAt: null,
  count: 0,
  where: null,
  done: (count, where) => set({ exportedAt: new Date().toISOString(), count, where }),
}));
