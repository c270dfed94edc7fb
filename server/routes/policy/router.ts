import type { ObjectSchema } from 'joi';
import Joi from '../../http/joi';
import { ADMIN } from '../../http/access';
import { CATEGORIES, type Category } from '../../../shared/enums';
import type { CategoryPolicy, PolicyDocument } from '../../../shared/policy';
import type { AppContext } from '../../context';
import type { ApiRouter } from '../../http/apiRouter';
import { currentPolicy, updatePolicy } from '../../services/policy';
import { BAD_INPUT } from '../common/schemas';
import { serviceContext } from '../serviceContext';

const categoryPolicy = Joi.object<CategoryPolicy>({
  quarantineDays: Joi.number().integer().min(1).max(60).required(),
  testDays: Joi.array()
    .items(Joi.number().integer().min(1).max(60))
    .unique()
    .max(20)
    .required()
    .custom((days: number[], helpers) => {
      const max = (helpers.state.ancestors[0] as CategoryPolicy).quarantineDays;
      return days.every((d) => d <= max)
        ? [...days].sort((a, b) => a - b)
        : helpers.error('testDays.range');
    })
    .messages({ 'testDays.range': '{{#label}} must fall within the quarantine days' }),
  priority: Joi.number().integer().min(1).max(100).required(),
});

const weight = Joi.number().min(0).max(100).required();

export const policySchema = Joi.object<PolicyDocument>({
  categories: Joi.object(
    Object.fromEntries(CATEGORIES.map((c) => [c, categoryPolicy.required()])) as Record<
      Category,
      ObjectSchema<CategoryPolicy>
    >,
  ).required(),
  cleaningHours: Joi.number().integer().min(0).max(168).required(),
  utilizationCeiling: Joi.number().greater(0).max(1).required(),
  oneCategoryPerFloor: Joi.boolean().required(),
  weights: Joi.object({
    distance: weight,
    openFirst: weight,
    bestFit: weight,
    householdProximity: weight,
    cohort: weight,
    utilizationCeiling: weight,
  }).required(),
  alerts: Joi.object({
    cityFreeBedsBelow: Joi.number().integer().min(0).required(),
    waitingOverMinutes: Joi.number().integer().min(1).required(),
  }).required(),
  timezone: Joi.string().required(),
  retentionDays: Joi.number().integer().min(1).max(3650),
});

export function registerPolicyRoutes(api: ApiRouter, app: AppContext): void {
  api.add({
    method: 'get',
    path: '/policy',
    tag: 'policy',
    access: { roles: 'authenticated' },
    summary: 'The policy in force: durations, test days, cleaning time, ceilings, weights',
    responses: { 200: { description: 'Policy', schema: policySchema } },
    handler: async ({ res }) => {
      res.json(await currentPolicy());
    },
  });

  api.add({
    method: 'put',
    path: '/policy',
    tag: 'policy',
    access: { roles: ADMIN },
    summary: 'Replace the policy (a new version is kept; the change is audited)',
    body: policySchema,
    responses: {
      200: { description: 'The policy now in force', schema: policySchema },
      400: BAD_INPUT,
    },
    handler: async ({ body, req, res }) => {
      res.json(await updatePolicy(serviceContext(app, req, res), body));
    },
  });
}
