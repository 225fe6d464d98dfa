import type { JSX } from 'preact';
import { Placeholder } from '../../components/placeholder';

export function LoginPage(): JSX.Element {
  return <Placeholder title="Sign in" />;
}
