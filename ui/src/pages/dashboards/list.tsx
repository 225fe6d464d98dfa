import type { JSX } from 'preact';
import { Placeholder } from '../../components/placeholder';

export function DashboardListPage(): JSX.Element {
  return <Placeholder title="Dashboards" />;
}
