/** The loading and empty states every view shows in the same way. */
import type { ReactNode } from 'react';

export function LoadingPanel({ label }: { label: string }) {
  return (
    <div className="panel panel--loading" role="status">
      <span className="spinner" aria-hidden="true" />
      {label}
    </div>
  );
}

export function EmptyPanel({
  title,
  text,
  children,
}: {
  title: string;
  text?: string;
  children?: ReactNode;
}) {
  return (
    <div className="panel panel--empty">
      <h3 className="panel__title">{title}</h3>
      {text && <p className="panel__text">{text}</p>}
      {children}
    </div>
  );
}
