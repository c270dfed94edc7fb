import type { AppContext } from '../../context';
import { currentUser, EVERYONE } from '../../http/access';
import { audienceOf } from '../../presenters/person';
import { PLACERS, partyVisible } from '../../policies/routeScopes';
import { notFound } from '../../errors';
import type { ApiRouter } from '../../http/apiRouter';
import { Party, Person } from '../../models';
import { personalDataKeys } from '../../personalData/keys';
import { presentParty } from '../../presenters/party';
import { createParty } from '../../services/createParty';
import { BAD_INPUT, CONFLICT, NOT_FOUND } from '../common/schemas';
import { serviceContext } from '../serviceContext';
import { partyCreateBody, partyIdParams, partySchema } from './schemas';

export function registerPartyRoutes(api: ApiRouter, app: AppContext): void {
  const keys = personalDataKeys(app);
  const { sequelize } = app.db;

  api.add({
    method: 'post',
    path: '/parties',
    access: { roles: PLACERS },
    tag: 'parties',
    summary:
      'Register one person or a household to isolate together. Members may leave out their ' +
      "category (they take the party's); known people (same ID number) are reused.",
    body: partyCreateBody,
    responses: {
      201: { description: 'Created; ID numbers and phones masked', schema: partySchema },
      400: BAD_INPUT,
      409: CONFLICT,
    },
    handler: async ({ body, req, res }) => {
      const { party, members } = await createParty(serviceContext(app, req, res), {
        keys,
        input: body,
      });
      res
        .status(201)
        .location(`/api/parties/${party.id}`)
        .json(await presentParty(sequelize, keys, party, members));
    },
  });

  api.add({
    method: 'get',
    path: '/parties/:partyId',
    access: { roles: EVERYONE, visible: partyVisible },
    tag: 'parties',
    summary: 'One party with its members (masked) and their current stays',
    params: partyIdParams,
    responses: {
      200: { description: 'The party', schema: partySchema },
      400: BAD_INPUT,
      404: NOT_FOUND,
    },
    handler: async ({ params, res }) => {
      const party = await Party.findByPk(params.partyId, {
        include: [{ model: Person, as: 'members', through: { attributes: [] } }],
      });
      if (!party) throw notFound(`Party ${params.partyId}`, 'partyId');
      const members = (party.get('members') as Person[] | undefined) ?? [];
      const audience = audienceOf(currentUser(res)?.role);
      res.json(await presentParty(sequelize, keys, party, members, audience));
    },
  });
}
