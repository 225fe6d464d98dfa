import type { JSX } from 'preact';
import { Placeholder } from '../../components/placeholder';

export function SilenceViewPage(): JSX.Element {
  return <Placeholder title="Silence" />;
}
