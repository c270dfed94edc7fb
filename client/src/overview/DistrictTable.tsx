import type { SiteWithOccupancyDto } from '../../../shared/dto';
import { useFormat } from '../format';
import { useLocale, useMessages } from '../i18n/localeContext';
import { OccupancyBar } from '../sites/OccupancyBar';
import { districtName, groupByDistrict } from './districts';
import { overviewMessages } from './messages';

/** Beds, occupied and free per district, from the live site list. */
export function DistrictTable({ sites }: { sites: readonly SiteWithOccupancyDto[] }) {
  const t = useMessages(overviewMessages);
  const { locale } = useLocale();
  const { count } = useFormat();
  return (
    <section className="card" aria-labelledby="districts-heading">
      <h3 id="districts-heading" className="card__title">
        {t('districtsTitle')}
      </h3>
      <div className="table-frame">
        <table className="data-table districts-table">
          <thead>
            <tr>
              <th scope="col">{t('colDistrict')}</th>
              <th scope="col" className="num">
                {t('colSites')}
              </th>
              <th scope="col" className="num">
                {t('colBeds')}
              </th>
              <th scope="col" className="num">
                {t('colOccupied')}
              </th>
              <th scope="col" className="num">
                {t('colFreeBeds')}
              </th>
              <th scope="col">{t('colUtilization')}</th>
            </tr>
          </thead>
          <tbody>
            {groupByDistrict(sites).map((row) => (
              <tr key={row.code}>
                <th scope="row">
                  {districtName(row.code, locale) ?? ''} <span className="code">{row.code}</span>
                </th>
                <td className="num">{count(row.sites)}</td>
                <td className="num">{count(row.occupancy.beds)}</td>
                <td className="num">{count(row.occupancy.occupied)}</td>
                <td className="num">{count(row.occupancy.free)}</td>
                <td>
                  <OccupancyBar ratio={row.occupancy.utilization} />
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </section>
  );
}
