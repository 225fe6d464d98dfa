import type { JSX } from 'preact';
import { Placeholder } from '../../components/placeholder';

export function ConfigPage(): JSX.Element {
  return <Placeholder title="Configuration" />;
}
