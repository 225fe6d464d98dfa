/** The app shell: the navigation bar and the page for the current route. */
import type { JSX } from 'preact';
import { useEffect, useState } from 'preact/hooks';
import { href, useRoute } from './lib/router';
import { settings } from './lib/settings';
import { matchRoute, ROUTES } from './pages/routes';

export function App(): JSX.Element {
  const route = useRoute();
  const [menuOpen, setMenuOpen] = useState(false);
  const match = matchRoute(settings.mode, route.path);
  const brand = settings.mode === 'alertmanager' ? 'Vigil Alertmanager' : 'Vigil';
  useEffect(() => {
    document.title = match ? `${match.route.title} - ${brand}` : brand;
    setMenuOpen(false);
  }, [route.path]);
  const Page = match?.route.component;
  return (
    <div class="app">
      <header class="navbar">
        <a class="brand" href={href(settings.mode === 'alertmanager' ? '/alerts' : '/query')}>{brand}</a>
        <button class="menu-toggle" aria-label="Menu" aria-expanded={menuOpen} onClick={() => setMenuOpen(!menuOpen)}>☰</button>
        <nav class={menuOpen ? 'nav open' : 'nav'}>
          {ROUTES[settings.mode].filter((r) => r.nav !== undefined).map((r) => (
            <a href={href(r.pattern)} class={match?.route.pattern === r.pattern ? 'active' : ''}>{r.nav}</a>
          ))}
        </nav>
      </header>
      <main class="content">
        {Page ? <Page {...(match?.params ?? {})} /> : (
          <section class="page">
            <h1>Not found</h1>
            <p>No page at <code>{route.path}</code>.</p>
          </section>
        )}
      </main>
    </div>
  );
}
