export default function FrontPage() {
  return (
    <main>
      <h1>Newsfeed</h1>
      <p>No stories yet: add a feed with the worker (`pnpm --filter @newsfeed/worker start add URL`).</p>
    </main>
  );
}
