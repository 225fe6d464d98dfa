import type { JSX } from 'preact';
import { Placeholder } from '../../components/placeholder';

export function FlagsPage(): JSX.Element {
  return <Placeholder title="Command-line flags" />;
}
