import type { JSX } from 'preact';
import { Placeholder } from '../../components/placeholder';

export function QueryPage(): JSX.Element {
  return <Placeholder title="Query" />;
}
