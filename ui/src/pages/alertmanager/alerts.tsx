import type { JSX } from 'preact';
import { Placeholder } from '../../components/placeholder';

export function AmAlertsPage(): JSX.Element {
  return <Placeholder title="Alerts" />;
}
