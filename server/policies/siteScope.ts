/**
 * Which sites a target belongs to, for the site-manager scope of route access rules. Each is one
 * small query; a target that does not exist resolves to null (the handler answers 404).
 */
import { Op } from 'sequelize';
import { CURRENT_STAY_STATUSES } from '../../shared/enums';
import { Room, Stay } from '../models';

export async function sitesOfRooms(roomIds: readonly number[]): Promise<number[] | null> {
  if (roomIds.length === 0) return null;
  const rooms = await Room.findAll({ attributes: ['siteId'], where: { id: [...roomIds] } });
  return rooms.length ? [...new Set(rooms.map((r) => r.siteId))] : null;
}

export async function sitesOfStay(stayId: number): Promise<number[] | null> {
  const stay = await Stay.findByPk(stayId, { attributes: ['roomId'] });
  return stay ? sitesOfRooms([stay.roomId]) : null;
}

async function sitesOfCurrentStays(where: { partyId: number }) {
  const stays = await Stay.findAll({
    attributes: ['roomId'],
    where: { ...where, status: { [Op.in]: [...CURRENT_STAY_STATUSES] } },
  });
  return sitesOfRooms(stays.map((s) => s.roomId));
}

/** Where the party is now; null while it is not placed (intake, waiting list). */
export const sitesOfParty = (partyId: number) => sitesOfCurrentStays({ partyId });
