import type { AppContext } from '../../context';
import { currentUser, EVERYONE, siteScopeOf } from '../../http/access';
import { PLACERS, personVisible } from '../../policies/routeScopes';
import { notFound } from '../../errors';
import type { ApiRouter } from '../../http/apiRouter';
import { Person } from '../../models';
import { personalDataKeys } from '../../personalData/keys';
import { audienceOf, presentPersons } from '../../presenters/person';
import { personsVisibleIn } from '../../policies/visibility';
import { revealPersonalData } from '../../services/revealPersonalData';
import { serviceContext } from '../serviceContext';
import { searchPersons } from '../../queries/persons';
import { BAD_INPUT, NOT_FOUND } from '../common/schemas';
import {
  personIdParams,
  personListSchema,
  personSchema,
  personSearchBody,
  revealBody,
  revealSchema,
} from './schemas';

export function registerPersonRoutes(api: ApiRouter, app: AppContext): void {
  const keys = personalDataKeys(app);
  const { sequelize } = app.db;

  api.add({
    method: 'get',
    path: '/persons/:personId',
    access: { roles: EVERYONE, visible: personVisible },
    tag: 'persons',
    summary: 'One person, ID number and phone masked, with their current stay',
    params: personIdParams,
    responses: {
      200: { description: 'The person', schema: personSchema },
      400: BAD_INPUT,
      404: NOT_FOUND,
    },
    handler: async ({ params, res }) => {
      const person = await Person.findByPk(params.personId);
      if (!person) throw notFound(`Person ${params.personId}`, 'personId');
      const audience = audienceOf(currentUser(res)?.role);
      const [dto] = await presentPersons(sequelize, keys, [person], audience);
      res.json(dto);
    },
  });

  api.add({
    method: 'post',
    path: '/persons/search',
    access: { roles: PLACERS },
    tag: 'persons',
    summary:
      'Find people by exactly one of: ID number or phone (exact), name (prefix, at most 50). ' +
      'A POST, so that ID numbers and phones never appear in a URL or an access log.',
    body: personSearchBody,
    responses: {
      200: { description: 'Matching people, masked', schema: personListSchema },
      400: BAD_INPUT,
    },
    handler: async ({ body, res }) => {
      const found = await searchPersons(sequelize, keys, body);
      // A site manager finds only the people they may see (policies/visibility.ts).
      const scope = siteScopeOf(currentUser(res));
      const inScope = scope
        ? await personsVisibleIn(
            scope,
            found.map((p) => p.id),
            app.now(),
          )
        : null;
      const people = inScope ? found.filter((p) => inScope.has(p.id)) : found;
      res.json({ data: await presentPersons(sequelize, keys, people) });
    },
  });

  api.add({
    method: 'post',
    path: '/persons/:personId/reveal',
    access: { roles: PLACERS, visible: personVisible },
    tag: 'persons',
    summary: 'The unmasked ID number and/or phone of one person; every reveal is audited',
    params: personIdParams,
    body: revealBody,
    responses: {
      200: { description: 'The fields asked for, in clear', schema: revealSchema },
      400: BAD_INPUT,
      404: NOT_FOUND,
    },
    handler: async ({ params, body, req, res }) => {
      res.set('Cache-Control', 'no-store');
      res.json(
        await revealPersonalData(serviceContext(app, req, res), keys, params.personId, body.fields),
      );
    },
  });
}
