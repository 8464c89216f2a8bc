import {
  createWorkingHours,
  deleteWorkingHours,
  getWorkingHours,
  listWorkingHours,
  patchWorkingHours,
  updateWorkingHours,
} from '../domain/working-hours';
import { pagination } from '../http/format';
import { apiWorkingHours } from '../http/working-hours-mapper';
import { apiStatusSchema } from '../validation/api-responses';
import { apiWorkingHoursPageSchema, apiWorkingHoursSchema } from '../validation/api-responses-working-hours';
import {
  createWorkingHoursSchema,
  patchWorkingHoursSchema,
  updateWorkingHoursSchema,
  workingHoursListQuerySchema,
  workingHoursRefSchema,
} from '../validation/working-hours';
import { operation } from './operation';

const WH = '/ccaas/1/working-hours';
const tag = 'Working hours' as const;

export const listWorkingHoursOp = operation({
  name: 'workingHours.list',
  permission: 'workingHours.view',
  input: workingHoursListQuerySchema,
  run: ({ db, actor }, q) => listWorkingHours(db, actor, q),
  http: {
    method: 'get', path: WH, operationId: 'get-filtered-working-hours', tag, summary: 'List working hours',
    description: 'Ordered by id unless orderBy says otherwise (id, name, createdAt or updatedAt).',
    from: 'query',
    response: { schema: apiWorkingHoursPageSchema, description: 'One page of working hours.' },
    respond: (page) => ({ workingHours: page.workingHours.map(apiWorkingHours), pagination: pagination(page) }),
    errors: [400, 401, 403],
  },
});

export const createWorkingHoursOp = operation({
  name: 'workingHours.create',
  permission: 'workingHours.manage',
  input: createWorkingHoursSchema,
  run: ({ db, actor }, input) => createWorkingHours(db, actor, input),
  http: {
    method: 'post', path: WH, operationId: 'create-working-hours', tag, summary: 'Create working hours',
    description:
      'All seven days, in minutes after midnight (0–1440; an enabled day starts before it ends), an IANA time zone, and holidays as yyyy-MM-dd dates. ' +
      'isDefault takes the mark off the previous default. A name already in use is a 400. Optional fields sent as null are left at their defaults.',
    from: 'body', bodyId: 'WorkingHoursApiRequest',
    response: { schema: apiWorkingHoursSchema, description: 'The new working hours.' },
    respond: apiWorkingHours,
    errors: [400, 401, 403],
  },
});

export const getWorkingHoursOp = operation({
  name: 'workingHours.get',
  permission: 'workingHours.view',
  input: workingHoursRefSchema,
  run: ({ db, actor }, input) => getWorkingHours(db, actor, input),
  http: {
    method: 'get', path: `${WH}/{id}`, operationId: 'get-working-hours', tag, summary: 'Get working hours',
    response: { schema: apiWorkingHoursSchema, description: 'The working hours with their holidays.' },
    respond: apiWorkingHours,
    errors: [401, 403, 404],
  },
});

export const updateWorkingHoursOp = operation({
  name: 'workingHours.update',
  permission: 'workingHours.manage',
  input: updateWorkingHoursSchema,
  run: ({ db, actor }, input) => updateWorkingHours(db, actor, input),
  http: {
    method: 'put', path: `${WH}/{id}`, operationId: 'update-working-hours', tag, summary: 'Replace working hours',
    description:
      'The whole resource: optional fields left out go back to their defaults, and the holidays become those sent (a holiday sent back with its id keeps it). ' +
      'Read-only fields (id, createdAt, updatedAt) sent back are ignored.',
    from: 'body', bodyId: 'UpdateWorkingHoursApiRequest',
    response: { schema: apiWorkingHoursSchema, description: 'The working hours after the change.' },
    respond: apiWorkingHours,
    errors: [400, 401, 403, 404],
  },
});

export const patchWorkingHoursOp = operation({
  name: 'workingHours.patch',
  permission: 'workingHours.manage',
  input: patchWorkingHoursSchema,
  run: ({ db, actor }, input) => patchWorkingHours(db, actor, input),
  http: {
    method: 'patch', path: `${WH}/{id}`, operationId: 'patch-working-hours', tag, summary: 'Change some fields of working hours',
    description:
      'Only the fields given change; null is the same as leaving a field out. workWeek may name only some days: each day given is whole and replaces that day. ' +
      'holidays, when given, replace the whole list.',
    from: 'body', bodyId: 'PatchWorkingHoursApiRequest',
    response: { schema: apiWorkingHoursSchema, description: 'The working hours after the change.' },
    respond: apiWorkingHours,
    errors: [400, 401, 403, 404],
  },
});

export const deleteWorkingHoursOp = operation({
  name: 'workingHours.delete',
  permission: 'workingHours.manage',
  input: workingHoursRefSchema,
  run: async ({ db, actor }, input) => {
    await deleteWorkingHours(db, actor, input);
    return input;
  },
  http: {
    method: 'delete', path: `${WH}/{id}`, operationId: 'delete-working-hours', tag, summary: 'Delete working hours',
    description: 'Refused (400, naming them) while queues follow these working hours. Their holidays go with them.',
    response: { schema: apiStatusSchema, description: 'The working hours are gone.' },
    respond: () => ({ statusCode: 'SUCCESS', message: 'Working hours has been deleted.' }),
    errors: [400, 401, 403, 404],
  },
});
