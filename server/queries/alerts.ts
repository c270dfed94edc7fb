/**
 * What needs someone's attention now (DESIGN §2, §3): rooms whose cleaning is overdue, sites
 * above their utilization ceiling, city free beds below the threshold, parties waiting too long.
 * Derived from the data on each read; nothing is stored.
 */
import { Op, type Sequelize } from 'sequelize';
import type { AlertDto } from '../../shared/placementDto';
import type { IsoDate } from '../../shared/dates';
import type { PolicyDocument } from '../../shared/policy';
import { Room, Site, WaitingEntry } from '../models';
import { sumOccupancy } from './occupancy';
import { listSitesWithOccupancy } from './sites';

const MINUTE = 60_000;

export async function currentAlerts(
  sequelize: Sequelize,
  policy: PolicyDocument,
  now: Date,
  today: IsoDate,
): Promise<AlertDto[]> {
  const alerts: AlertDto[] = [];
  const cleaningDeadline = new Date(now.getTime() - policy.cleaningHours * 60 * MINUTE);
  const overdue = await Room.findAll({
    where: { status: 'cleaning', statusChangedAt: { [Op.lt]: cleaningDeadline } },
    include: [{ model: Site, as: 'site', attributes: ['code'] }],
    order: [['statusChangedAt', 'ASC']],
    limit: 500,
  });
  for (const room of overdue) {
    const site = (room as Room & { site?: Site }).site;
    const hours = Math.floor(
      (now.getTime() - new Date(room.statusChangedAt).getTime()) / (60 * MINUTE),
    );
    alerts.push({
      kind: 'cleaning_overdue',
      severity: 'warning',
      message: `Room ${room.number} at ${site?.code ?? room.siteId} has waited ${hours} h for cleaning (policy: ${policy.cleaningHours} h).`,
      params: {
        room: room.number,
        site: site?.code ?? String(room.siteId),
        hours,
        limit: policy.cleaningHours,
      },
      siteId: room.siteId,
      roomId: room.id,
      partyId: null,
      since: new Date(room.statusChangedAt).toISOString(),
    });
  }

  const sites = await listSitesWithOccupancy(sequelize, today, { status: ['active'] });
  for (const { site, occupancy } of sites) {
    if (occupancy.beds > 0 && occupancy.utilization > policy.utilizationCeiling) {
      alerts.push({
        kind: 'site_over_ceiling',
        severity: occupancy.free === 0 ? 'critical' : 'warning',
        message: `${site.code} is ${Math.round(occupancy.utilization * 100)}% full (ceiling ${Math.round(policy.utilizationCeiling * 100)}%).`,
        params: {
          site: site.code,
          percent: Math.round(occupancy.utilization * 100),
          ceiling: Math.round(policy.utilizationCeiling * 100),
        },
        siteId: site.id,
        roomId: null,
        partyId: null,
        since: null,
      });
    }
  }
  const city = sumOccupancy(sites.map((s) => s.occupancy));
  if (city.free < policy.alerts.cityFreeBedsBelow) {
    alerts.push({
      kind: 'city_free_beds_low',
      severity: 'critical',
      message: `Only ${city.free} free beds in active sites (threshold ${policy.alerts.cityFreeBedsBelow}): consider activating a standby site.`,
      params: { free: city.free, threshold: policy.alerts.cityFreeBedsBelow },
      siteId: null,
      roomId: null,
      partyId: null,
      since: null,
    });
  }

  const waitingSince = new Date(now.getTime() - policy.alerts.waitingOverMinutes * MINUTE);
  const longWaits = await WaitingEntry.findAll({
    where: { status: 'waiting', queuedAt: { [Op.lt]: waitingSince } },
    order: [['queuedAt', 'ASC']],
    limit: 500,
  });
  for (const entry of longWaits) {
    const minutes = Math.floor((now.getTime() - new Date(entry.queuedAt).getTime()) / MINUTE);
    alerts.push({
      kind: 'waiting_too_long',
      severity: 'critical',
      message: `Party ${entry.partyId} has waited ${Math.floor(minutes / 60)} h ${minutes % 60} min for a room.`,
      params: { party: entry.partyId, hours: Math.floor(minutes / 60), minutes: minutes % 60 },
      siteId: null,
      roomId: null,
      partyId: entry.partyId,
      since: new Date(entry.queuedAt).toISOString(),
    });
  }
  return alerts;
}
