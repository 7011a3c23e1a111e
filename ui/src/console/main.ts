/** Entry of the agent console page: config, Keycloak sign-in, then the app. */
import '../styles/console.css';
import { h } from '../shared/dom';
import { ConsoleApp } from './app';
import { loadConfig, signIn } from './auth';

async function main(): Promise<void> {
  const root = document.getElementById('app');
  if (!root) return;
  try {
    const origin = window.location.origin;
    const auth = await signIn(await loadConfig(origin));
    const app = new ConsoleApp({ origin, auth });
    root.replaceChildren(app.el);
    app.start();
  } catch (e) {
    root.replaceChildren(
      h(
        'p',
        { class: 'fatal', 'data-testid': 'fatal', role: 'alert' },
        `The console could not start: ${e instanceof Error ? e.message : String(e)}`,
      ),
    );
  }
}

void main();
