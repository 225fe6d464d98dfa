import type { JSX } from 'preact';
import { Placeholder } from '../../components/placeholder';

export function ServiceDiscoveryPage(): JSX.Element {
  return <Placeholder title="Service discovery" />;
}
