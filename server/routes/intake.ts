import type { AppContext } from '../context';
import type { ApiRouter } from '../http/apiRouter';
import { registerPartyRoutes } from './parties/router';
import { registerPersonRoutes } from './persons/router';

/** Intake: the people to isolate (`/persons`) and the parties they are placed in (`/parties`). */
export function registerIntakeRoutes(api: ApiRouter, app: AppContext): void {
  registerPersonRoutes(api, app);
  registerPartyRoutes(api, app);
}
