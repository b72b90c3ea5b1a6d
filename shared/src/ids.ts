import { v7 as uuidv7, validate, version } from 'uuid';

/** A new time-ordered id, generated on the device so offline creation never collides. */
export function newId(): string {
  return uuidv7();
}

/** True for any RFC 9562 UUID string (the workload and imports may carry v4 or v7 ids). */
export function isUuid(value: string): boolean {
  return validate(value);
}

export function isUuidV7(value: string): boolean {
  return validate(value) && version(value) === 7;
}
