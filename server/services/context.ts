import type { Sequelize } from 'sequelize';
import type { Actor } from '../context';
import type { IsoDate } from '../../shared/dates';

/** What every use case gets: the database, who is acting, and which day "today" is. */
export interface ServiceContext {
  sequelize: Sequelize;
  actor: Actor;
  today: IsoDate;
  now: Date;
  /** Sites the caller may place into (a site manager's own); null = every site. */
  siteScope: number[] | null;
}
