import type { JSX } from 'preact';
import { Placeholder } from '../../components/placeholder';

export function SilenceEditPage(): JSX.Element {
  return <Placeholder title="New silence" />;
}
