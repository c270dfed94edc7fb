import Joi from '../../http/joi';
import {
  OVERVIEW_FORECAST_DAYS_DEFAULT,
  OVERVIEW_FORECAST_DAYS_MAX,
  type OverviewQuery,
} from '../../../shared/overviewDto';

export const overviewQuery = Joi.object<Required<OverviewQuery>>({
  days: Joi.number()
    .integer()
    .min(1)
    .max(OVERVIEW_FORECAST_DAYS_MAX)
    .default(OVERVIEW_FORECAST_DAYS_DEFAULT)
    .description('Days of forecast, today included'),
});

const count = Joi.number().integer().min(0);

export const overviewSchema = Joi.object({
  date: Joi.string().isoDate(),
  today: Joi.object({ intake: count, released: count, releasesDue: count }),
  waiting: Joi.object({ parties: count, people: count, longestWaitMinutes: count }),
  forecast: Joi.array().items(
    Joi.object({
      date: Joi.string().isoDate(),
      free: count,
      capacity: count,
      arrivals: count,
      releases: count,
    }),
  ),
});
