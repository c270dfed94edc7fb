/** Shown while the app asks the server whether the browser still has a session. */
export function SessionCheck() {
  return (
    <div className="session-check">
      <div className="panel panel--loading" role="status">
        <span className="spinner" aria-hidden="true" />
        Checking your session…
      </div>
    </div>
  );
}
