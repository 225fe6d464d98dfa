import type { JSX } from 'preact';
import { Placeholder } from '../../components/placeholder';

export function StatusPage(): JSX.Element {
  return <Placeholder title="Runtime and build information" />;
}
