import type { Occupancy, SiteDto, SiteWithOccupancyDto } from '../../shared/dto';
import type { Site } from '../models';

const iso = (d: Date | string) => new Date(d).toISOString();

export function presentSite(site: Site): SiteDto {
  return {
    id: site.id,
    code: site.code,
    name: site.name,
    district: site.district,
    address: site.address,
    latitude: Number(site.latitude),
    longitude: Number(site.longitude),
    kind: site.kind,
    status: site.status,
    acceptedCategories: site.acceptedCategories,
    contactName: site.contactName,
    contactPhone: site.contactPhone,
    activationLeadHours: site.activationLeadHours,
    createdAt: iso(site.createdAt),
    updatedAt: iso(site.updatedAt),
  };
}

/** `site` as read with its totals (listSitesWithOccupancy), so its version matches them. */
export function presentSiteWithOccupancy(site: Site, occupancy: Occupancy): SiteWithOccupancyDto {
  return { ...presentSite(site), version: Number(site.occupancyVersion), occupancy };
}
