import type { JSX } from 'preact';
import { Placeholder } from '../../components/placeholder';

export function TargetsPage(): JSX.Element {
  return <Placeholder title="Targets" />;
}
