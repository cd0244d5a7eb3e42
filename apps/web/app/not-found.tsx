import { EmptyState } from '../components/empty-state';

export default function NotFound() {
  return (
    <EmptyState title="Page not found">
      <p>
        This story or source does not exist any more (old items are removed after a while). Go back to the{' '}
        <a href="/">top stories</a> or <a href="/search">search</a>.
      </p>
    </EmptyState>
  );
}
