import type { SiteListDto } from '../../../shared/dto';
import { useMessages } from '../i18n/localeContext';
import { FilterableSitesTable } from './FilterableSitesTable';
import { sitesMessages } from './messages';
import { SummaryTiles } from './SummaryTiles';
import { EmptyPanel } from '../ui/StatePanels';

/** A loaded site list: the totals tiles and the table, or the empty state when there are no sites. */
export function SitesOverview({ list, linkToBoard }: { list: SiteListDto; linkToBoard: boolean }) {
  const t = useMessages(sitesMessages);
  if (list.data.length === 0)
    return <EmptyPanel title={t('noSitesTitle')} text={t('noSitesText')} />;
  return (
    <>
      <SummaryTiles sites={list.data} totals={list.totals} />
      <FilterableSitesTable sites={list.data} linkToBoard={linkToBoard} />
    </>
  );
}
