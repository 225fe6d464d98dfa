import type { JSX } from 'preact';
import { Placeholder } from '../../components/placeholder';

export function TSDBStatusPage(): JSX.Element {
  return <Placeholder title="TSDB status" />;
}
