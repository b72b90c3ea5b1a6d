import type { FieldDescriptor } from '@cellardoor/shared';
import { useConsoleQuery } from '../use-console-query';
import { segmentsApi } from './segments-api';

/** The fields a rule may use, as the server offers them. */
export const useSegmentFields = () => useConsoleQuery<FieldDescriptor[]>((api, signal) => segmentsApi.fields(api, signal), []);
