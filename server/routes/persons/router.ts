import type { AppContext } from '../../context';
import { notFound } from '../../errors';
import type { ApiRouter } from '../../http/apiRouter';
import { Person } from '../../models';
import { personalDataKeys } from '../../personalData/keys';
import { presentPersons } from '../../presenters/person';
import { searchPersons } from '../../queries/persons';
import { BAD_INPUT, NOT_FOUND } from '../common/schemas';
import { personIdParams, personListSchema, personSchema, personSearchBody } from './schemas';

export function registerPersonRoutes(api: ApiRouter, app: AppContext): void {
  const keys = personalDataKeys(app);
  const { sequelize } = app.db;

  api.add({
    method: 'get',
    path: '/persons/:personId',
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
      const [dto] = await presentPersons(sequelize, keys, [person]);
      res.json(dto);
    },
  });

  api.add({
    method: 'post',
    path: '/persons/search',
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
      const people = await searchPersons(sequelize, keys, body);
      res.json({ data: await presentPersons(sequelize, keys, people) });
    },
  });
}
