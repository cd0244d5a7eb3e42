import { EmptyState } from './empty-state';

export function AdminOff() {
  return (
    <EmptyState title="Admin is off">
      <p>
        Set <code>ADMIN_TOKEN</code> (16 characters or more, e.g. the output of{' '}
        <code>openssl rand -hex 24</code>) in the web app's environment and restart it to manage sources here.
      </p>
    </EmptyState>
  );
}
