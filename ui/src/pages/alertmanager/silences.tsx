import type { JSX } from 'preact';
import { Placeholder } from '../../components/placeholder';

export function SilencesPage(): JSX.Element {
  return <Placeholder title="Silences" />;
}
