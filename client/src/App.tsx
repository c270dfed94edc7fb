import { AuthProvider } from './auth/AuthProvider';
import { LocaleProvider } from './i18n/LocaleProvider';
import { Shell } from './shell/Shell';

/** The application: the language and the signed-in state around the shell. */
export function App() {
  return (
    <LocaleProvider>
      <AuthProvider>
        <Shell />
      </AuthProvider>
    </LocaleProvider>
  );
}
