import { SitesPage } from './sites/SitesPage';

/** The application shell: the Haven header and, for now, the one view (sites and occupancy). */
export function App() {
  return (
    <>
      <a className="skip-link" href="#main">
        Skip to content
      </a>
      <header className="app-header">
        <div className="app-header__inner">
          <h1 className="app-header__brand">Haven</h1>
          <p className="app-header__subtitle">
            Quarantine site allocation · <span lang="zh-CN">集中隔离点调配</span>
          </p>
        </div>
      </header>
      <main id="main" className="app-main" tabIndex={-1}>
        <SitesPage />
      </main>
    </>
  );
}
