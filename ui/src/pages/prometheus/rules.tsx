import type { JSX } from 'preact';
import { Placeholder } from '../../components/placeholder';

export function RulesPage(): JSX.Element {
  return <Placeholder title="Rules" />;
}
