import type { JSX } from 'preact';
import { Placeholder } from '../../components/placeholder';

export function DashboardPage(): JSX.Element {
  return <Placeholder title="Dashboard" />;
}
