/**
 * Sites grouped by district for the district table, and the districts' names. The names are the
 * demo city's (Zhengzhou, public facts shipped with the seeders); another city's codes are shown
 * as codes until its names are added.
 */
import type { Occupancy, SiteWithOccupancyDto } from '../../../shared/dto';
import { sumOccupancy } from '../../../shared/occupancy';
import type { Locale } from '../i18n/locale';
import districtData from '../../../seeders/data/zhengzhou-districts.json';

export interface DistrictRow {
  code: string;
  sites: number;
  occupancy: Occupancy;
}

export function groupByDistrict(sites: readonly SiteWithOccupancyDto[]): DistrictRow[] {
  const groups = new Map<string, SiteWithOccupancyDto[]>();
  for (const site of sites) groups.set(site.district, [...(groups.get(site.district) ?? []), site]);
  return [...groups.entries()]
    .map(([code, members]) => ({
      code,
      sites: members.length,
      occupancy: sumOccupancy(members.map((s) => s.occupancy)),
    }))
    .sort((a, b) => a.code.localeCompare(b.code));
}

const NAMES = new Map(districtData.districts.map((d) => [d.code, { 'zh-CN': d.zh, en: d.en }]));

export interface District {
  code: string;
  /** Approximate centre, the origin used for distance scoring when only the district is known. */
  centre: { latitude: number; longitude: number };
}

/** The demo city's districts, in code order. */
export const DISTRICTS: readonly District[] = districtData.districts.map((d) => ({
  code: d.code,
  centre: { latitude: d.lat, longitude: d.lng },
}));

export function districtName(code: string, locale: Locale): string | null {
  return NAMES.get(code)?.[locale] ?? null;
}
