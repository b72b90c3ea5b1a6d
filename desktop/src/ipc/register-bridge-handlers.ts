import { z } from 'zod';
import { type BridgeCall, type BridgeReply, type CallArgs, type CallResult, channelFor } from '../bridge/bridge-calls';
import { ShellError } from '../shell-error';
import { type SenderFrame, isTrustedSender } from './trusted-sender';

export interface InvokeEvent {
  senderFrame: SenderFrame | null;
}

export interface IpcMainLike {
  handle(channel: string, listener: (event: InvokeEvent, ...args: unknown[]) => Promise<unknown>): void;
}

/** A bridge call's argument schema and implementation; the types tie both to the bridge method. */
export interface BridgeHandler<K extends BridgeCall> {
  args: z.ZodType<CallArgs<K>>;
  run(...args: CallArgs<K>): Promise<CallResult<K>>;
}
export type BridgeHandlers = { [K in BridgeCall]: BridgeHandler<K> };

export interface CallLog {
  refused(call: BridgeCall, code: 'FORBIDDEN' | 'INVALID_INPUT', detail: string): void;
  failed(call: BridgeCall, error: unknown): void;
}

type AnyHandler = { args: z.ZodType<unknown[]>; run(...args: unknown[]): Promise<unknown> };

/** Answers one call: sender checked, arguments validated, failures turned into a code and a sentence. */
export async function answerCall(call: BridgeCall, handler: AnyHandler, event: InvokeEvent, args: unknown[], appOrigin: string, log: CallLog): Promise<BridgeReply<unknown>> {
  if (!isTrustedSender(event, appOrigin)) {
    log.refused(call, 'FORBIDDEN', event.senderFrame?.url ?? 'a frame that is gone');
    return { ok: false, code: 'FORBIDDEN', message: 'Only the Cellardoor app itself may use the desktop shell.' };
  }
  const parsed = handler.args.safeParse(args);
  if (!parsed.success) {
    const detail = z.prettifyError(parsed.error);
    log.refused(call, 'INVALID_INPUT', detail);
    return { ok: false, code: 'INVALID_INPUT', message: `The desktop shell refused ${call}: ${detail}` };
  }
  try {
    return { ok: true, value: await handler.run(...parsed.data) };
  } catch (err) {
    if (err instanceof ShellError) return { ok: false, code: err.code, message: err.message };
    log.failed(call, err);
    return { ok: false, code: 'FAILED', message: `The desktop shell could not complete ${call} (${err instanceof Error ? err.message : String(err)}).` };
  }
}

/** Registers every bridge call once; Electron refuses a second handler for a channel, so duplicates fail at start. */
export function registerBridgeHandlers(ipcMain: IpcMainLike, handlers: BridgeHandlers, appOrigin: string, log: CallLog): void {
  for (const call of Object.keys(handlers) as BridgeCall[]) {
    // The mapped type already ties each handler's schema to its implementation; here the two are only used together.
    const handler = handlers[call] as unknown as AnyHandler;
    ipcMain.handle(channelFor(call), (event, ...args) => answerCall(call, handler, event, args, appOrigin, log));
  }
}

