import type { JSX } from 'preact';
import { Placeholder } from '../../components/placeholder';

export function AlertsPage(): JSX.Element {
  return <Placeholder title="Alerts" />;
}
