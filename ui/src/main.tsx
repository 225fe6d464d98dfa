/** Entry point: renders the app into #app. */
import { render } from 'preact';
import { App } from './app';
import { interceptLinks } from './lib/router';
import './styles.css';

const root = document.getElementById('app');
if (root !== null) {
  interceptLinks(root);
  render(<App />, root);
}
