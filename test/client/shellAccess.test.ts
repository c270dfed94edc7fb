import { expect } from 'chai';
import type { AuthUser } from '../../shared/auth';
import type { Role } from '../../shared/enums';
import { allowedRoute } from '../../client/src/shell/access';

const user = (role: Role, siteIds: number[] = []): AuthUser => ({
  id: 1,
  username: 'u',
  displayName: 'U',
  role,
  siteIds,
});

describe('dashboard shell: which route a user gets', () => {
  it('sends an unknown route to the role’s landing view', () => {
    expect(allowedRoute(user('official'), null)).to.deep.equal({ view: 'overview' });
    expect(allowedRoute(user('transport'), null)).to.deep.equal({ view: 'sites' });
  });

  it('sends a view the role may not see to its landing view', () => {
    expect(allowedRoute(user('official'), { view: 'admin', section: 'users' })).to.deep.equal({
      view: 'overview',
    });
    expect(allowedRoute(user('site_manager', [3]), { view: 'overview' })).to.deep.equal({
      view: 'sites',
    });
  });

  it('lets a site manager open only their own sites’ boards', () => {
    const manager = user('site_manager', [3]);
    expect(allowedRoute(manager, { view: 'siteBoard', siteId: 3 })).to.deep.equal({
      view: 'siteBoard',
      siteId: 3,
    });
    expect(allowedRoute(manager, { view: 'siteBoard', siteId: 4 })).to.deep.equal({
      view: 'sites',
    });
    expect(allowedRoute(user('official'), { view: 'siteBoard', siteId: 4 })).to.deep.equal({
      view: 'siteBoard',
      siteId: 4,
    });
  });
});
