import type { JSX } from 'preact';
import { Placeholder } from '../../components/placeholder';

export function AmStatusPage(): JSX.Element {
  return <Placeholder title="Status" />;
}
