import { expect } from 'chai';
import {
  canSee,
  landingRoute,
  parseRoute,
  routeHref,
  type Route,
} from '../../client/src/navigation/route';

describe('dashboard routes', () => {
  it('reads back every route it writes', () => {
    const routes: Route[] = [
      { view: 'overview' },
      { view: 'sites' },
      { view: 'siteBoard', siteId: 12 },
      { view: 'placement' },
      { view: 'waitingList' },
      { view: 'waitingList', tab: 'expired' },
      { view: 'admin', section: 'policy' },
    ];
    for (const route of routes) expect(parseRoute(routeHref(route))).to.deep.equal(route);
  });

  it('rejects unknown views, bad site ids and extra segments', () => {
    for (const hash of [
      '',
      '#/',
      '#/nowhere',
      '#/sites/abc',
      '#/sites/0',
      '#/sites/1/2',
      '#/admin/x',
      '#/waiting-list/gone',
    ]) {
      expect(parseRoute(hash), hash).to.equal(null);
    }
  });

  it('keeps administration from officials and the overview from site managers', () => {
    expect(canSee('official', { view: 'admin', section: 'sites' })).to.equal(false);
    expect(canSee('admin', { view: 'admin', section: 'users' })).to.equal(true);
    expect(canSee('site_manager', { view: 'overview' })).to.equal(false);
    expect(landingRoute('official')).to.deep.equal({ view: 'overview' });
    expect(landingRoute('site_manager')).to.deep.equal({ view: 'sites' });
  });
});
